import { Alert, Button, Paragraph } from '@digdir/designsystemet-react';
import { useT } from '../../hooks/use-t';
import { useAppStore } from '../../store/use-app-store';
import { type SystemsNotice, useSystemsStore } from '../../store/use-systems-store';
import { statusLabel } from './status-label';

/** What the last action did, in words, with the next step where there is one. */
export function SystemsNoticeBox({ notice }: { notice: SystemsNotice }) {
  const t = useT();
  const navigate = useAppStore((s) => s.navigate);
  const clearNotice = useSystemsStore((s) => s.clearNotice);
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
      const r = notice.result.request;
      text = notice.result.reused
        ? t('systems.reusedNotice', { org: r.partyOrgNo, status: t(statusLabel(r.status)) })
        : t('systems.requestedNotice', { org: r.partyOrgNo });
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
