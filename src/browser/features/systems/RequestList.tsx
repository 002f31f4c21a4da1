import { Button, Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useState } from 'react';
import type { SystemUserRequestInfo } from '../../../common/contract/systems';
import { formatDateTime } from '../../../common/format/dates';
import { LoadableTable } from '../../components/LoadableTable';
import { useLanguage, useT } from '../../hooks/use-t';
import { useSystemsStore } from '../../store/use-systems-store';
import { useNow } from '../token/use-now';
import { ApprovalLinkDialog } from './ApprovalLinkDialog';
import { CustomerCells, customerColumns } from './CustomerCells';
import { StatusBadge } from './StatusBadge';

/**
 * The system's requests, newest first, with a status badge each. While one waits for the customer the
 * store reads it again with a growing pause (REQUEST_POLL), and this says when the next look is.
 */
export function RequestList() {
  const t = useT();
  const lang = useLanguage();
  const requests = useSystemsStore((s) => s.requests);
  const poll = useSystemsStore((s) => s.poll);
  const refreshRequests = useSystemsStore((s) => s.refreshRequests);
  const pollNow = useSystemsStore((s) => s.pollNow);
  const [linkFor, setLinkFor] = useState<SystemUserRequestInfo>();
  const now = useNow(1000);
  const waiting = requests.value.some((r) => r.status === 'new');

  return (
    <section className="systems-section" aria-labelledby="systems-requests-title" data-testid="systems-requests">
      <div className="systems-section__head">
        <Heading level={4} data-size="xs" id="systems-requests-title">
          {t('systems.requestsHeading')}
        </Heading>
        <div className="button-row">
          {waiting ? (
            <span className="systems-muted" data-testid="systems-poll" aria-live="polite">
              {poll.checking || poll.nextAt === undefined
                ? t('systems.pollChecking')
                : t('systems.pollNext', { seconds: Math.max(0, Math.ceil((poll.nextAt - now) / 1000)) })}
            </span>
          ) : null}
          {waiting ? (
            <Button
              variant="secondary"
              data-size="sm"
              onClick={() => void pollNow()}
              disabled={poll.checking}
              data-testid="systems-poll-now"
            >
              {t('systems.pollNow')}
            </Button>
          ) : null}
          <Button
            variant="secondary"
            data-size="sm"
            onClick={() => void refreshRequests()}
            disabled={requests.status === 'loading'}
          >
            {t('systems.refresh')}
          </Button>
        </div>
      </div>
      <LoadableTable
        list={requests}
        failedHeading={t('systems.requestsFailed')}
        loadingLabel={t('systems.requestsLoading')}
        onRetry={() => void refreshRequests()}
        empty={
          <Paragraph className="systems-muted" data-testid="systems-requests-empty">
            {t('systems.requestsEmpty')}
          </Paragraph>
        }
        className="systems-table"
        columns={[...customerColumns(t), t('systems.colStatus'), t('systems.colCreated'), t('systems.colLink')]}
        row={(r) => (
          <Table.Row key={r.id} data-testid="systems-request-row" data-request-id={r.id} data-status={r.status}>
            <CustomerCells
              orgNo={r.partyOrgNo}
              externalRef={r.externalRef}
              externalRefInGrant={r.externalRefInGrant}
              kind={r.kind}
            />
            <Table.Cell>
              <StatusBadge status={r.status} />
            </Table.Cell>
            <Table.Cell>{formatDateTime(r.created, lang)}</Table.Cell>
            <Table.Cell>
              {r.status === 'new' && r.confirmUrl ? (
                <Button
                  variant="secondary"
                  data-size="sm"
                  onClick={() => setLinkFor(r)}
                  aria-label={t('systems.linkActionsFor', { org: r.partyOrgNo })}
                  data-testid="systems-request-link"
                >
                  {t('systems.linkActions')}
                </Button>
              ) : (
                '–'
              )}
            </Table.Cell>
          </Table.Row>
        )}
      />
      <ApprovalLinkDialog request={linkFor} onClose={() => setLinkFor(undefined)} />
    </section>
  );
}
