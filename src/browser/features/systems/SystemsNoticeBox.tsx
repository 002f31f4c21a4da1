import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useRef } from 'react';
import { formatDateTime } from '../../../common/format/dates';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useBusyAction } from '../../hooks/use-busy-action';
import { useLanguage, useT } from '../../hooks/use-t';
import { useAppStore } from '../../store/use-app-store';
import { type SystemsNotice, useSystemsStore } from '../../store/use-systems-store';
import type { useProductionGuard } from '../clients/use-production-guard';
import { statusLabel } from './status-label';

/** What the last action did, in words, with the next step where there is one. */
export function SystemsNoticeBox({
  notice,
  guard,
}: {
  notice: SystemsNotice;
  guard: ReturnType<typeof useProductionGuard>['guard'];
}) {
  const t = useT();
  const navigate = useAppStore((s) => s.navigate);
  const clearNotice = useSystemsStore((s) => s.clearNotice);
  if (notice.kind === 'requested' && notice.result.reused) return <ReusedNotice notice={notice} guard={guard} />;
  let text: string;
  let next: { label: string; go(): void } | undefined;
  switch (notice.kind) {
    case 'created':
      text = t('systems.createdNotice', { name: notice.name });
      break;
    case 'updated':
      text = t('systems.updatedNotice', { name: notice.name });
      break;
    case 'requested': {
      const { request, replaced } = notice.result;
      text = replaced
        ? t('systems.renewedNotice', { org: request.partyOrgNo, status: t(statusLabel(replaced.status)) })
        : t('systems.requestedNotice', { org: request.partyOrgNo });
      break;
    }
    case 'accepted':
      text = t('systems.acceptedNotice', { org: notice.org });
      break;
    case 'profile':
      text = t('systems.profileMadeNotice', { name: notice.profile.name });
      next = { label: t('systems.goToToken'), go: () => navigate('token') };
      break;
  }
  return (
    <Alert data-color="success" data-size="sm" data-testid="systems-notice" data-kind={notice.kind}>
      <Paragraph>{text}</Paragraph>
      <div className="button-row">
        {next ? (
          <Button data-size="sm" onClick={next.go} data-testid="systems-notice-next">
            {next.label}
          </Button>
        ) : null}
        <Button variant="tertiary" data-size="sm" onClick={clearNotice}>
          {t('shell.close')}
        </Button>
      </div>
    </Alert>
  );
}

/**
 * Altinn answered 200 with the request it already has for the system, customer and externalRef, whatever its
 * status (altinn-authentication@ad4f6f3 RequestSystemUserController.cs:122-128): the customer was not asked.
 * Say so, and offer to delete that request and ask again (production asks first).
 */
function ReusedNotice({
  notice,
  guard,
}: {
  notice: Extract<SystemsNotice, { kind: 'requested' }>;
  guard: ReturnType<typeof useProductionGuard>['guard'];
}) {
  const t = useT();
  const lang = useLanguage();
  const clearNotice = useSystemsStore((s) => s.clearNotice);
  const renewRequest = useSystemsStore((s) => s.renewRequest);
  const { busy, error, run } = useBusyAction();
  const box = useRef<HTMLDivElement>(null);
  const r = notice.result.request;
  const waiting = r.status === 'new';
  // The form is further down: bring the answer, which needs a choice, into view. (A block body: Chromium's
  // scrollIntoView now returns a promise, which React would take for a cleanup function.)
  useEffect(() => {
    box.current?.scrollIntoView?.({ block: 'nearest' });
  }, []);
  return (
    <Alert
      ref={box}
      data-color="warning"
      data-size="sm"
      data-testid="systems-notice"
      data-kind="reused"
      data-status={r.status}
    >
      <Heading level={3} data-size="xs">
        {t('systems.reusedTitle')}
      </Heading>
      <Paragraph>
        {t('systems.reusedNotice', {
          org: r.partyOrgNo,
          ref: r.externalRef,
          status: t(statusLabel(r.status)),
          created: formatDateTime(r.created, lang),
        })}{' '}
        {waiting ? t('systems.reusedWaiting') : t('systems.reusedAnswered')}
      </Paragraph>
      {error ? <ErrorAlert error={error} /> : null}
      <div className="button-row">
        <Button
          data-size="sm"
          variant={waiting ? 'secondary' : 'primary'}
          disabled={busy}
          aria-busy={busy}
          onClick={() =>
            void run(() =>
              guard(t('systems.renewAction', { org: r.partyOrgNo }), async (confirmProduction) => {
                await renewRequest(confirmProduction);
              }),
            )
          }
          data-testid="systems-renew"
        >
          {busy ? t('systems.renewBusy') : t('systems.renewButton')}
        </Button>
        <Button variant="tertiary" data-size="sm" onClick={clearNotice} disabled={busy}>
          {t('shell.close')}
        </Button>
      </div>
    </Alert>
  );
}
