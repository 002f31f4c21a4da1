import { Button, Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useState } from 'react';
import type { SystemUserRequestInfo } from '../../../common/contract/systems';
import { formatDateTime } from '../../../common/format/dates';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { useLanguage, useT } from '../../hooks/use-t';
import { useSystemsStore } from '../../store/use-systems-store';
import { useNow } from '../token/use-now';
import { ApprovalLinkDialog } from './ApprovalLinkDialog';
import { StatusBadge } from './StatusBadge';

/**
 * The system's requests, newest first, with a status badge each. While one waits for the customer the
 * store reads it again with a growing pause (REQUEST_POLL), and this says when the next look is.
 */
export function RequestList() {
  const t = useT();
  const lang = useLanguage();
  const { status, error, value: requests } = useSystemsStore((s) => s.requests);
  const poll = useSystemsStore((s) => s.poll);
  const refreshRequests = useSystemsStore((s) => s.refreshRequests);
  const pollNow = useSystemsStore((s) => s.pollNow);
  const [linkFor, setLinkFor] = useState<SystemUserRequestInfo>();
  const now = useNow(1000);
  const waiting = requests.some((r) => r.status === 'new');

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
            disabled={status === 'loading'}
          >
            {t('systems.refresh')}
          </Button>
        </div>
      </div>
      {status === 'failed' ? (
        <ErrorAlert error={error} heading={t('systems.requestsFailed')} onRetry={() => void refreshRequests()} />
      ) : status === 'loading' && requests.length === 0 ? (
        <LoadingState label={t('systems.requestsLoading')} />
      ) : requests.length === 0 ? (
        <Paragraph className="systems-muted" data-testid="systems-requests-empty">
          {t('systems.requestsEmpty')}
        </Paragraph>
      ) : (
        <Table data-size="sm" className="systems-table">
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('systems.colCustomer')}</Table.HeaderCell>
              <Table.HeaderCell>{t('systems.colExternalRef')}</Table.HeaderCell>
              <Table.HeaderCell>{t('systems.colKind')}</Table.HeaderCell>
              <Table.HeaderCell>{t('systems.colStatus')}</Table.HeaderCell>
              <Table.HeaderCell>{t('systems.colCreated')}</Table.HeaderCell>
              <Table.HeaderCell>{t('systems.colLink')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {requests.map((r) => (
              <Table.Row key={r.id} data-testid="systems-request-row" data-request-id={r.id} data-status={r.status}>
                <Table.Cell>{r.partyOrgNo}</Table.Cell>
                <Table.Cell>
                  <code className="systems-code">{r.externalRef}</code>
                  {r.externalRefInGrant ? <div className="systems-muted">{t('systems.refInGrant')}</div> : null}
                </Table.Cell>
                <Table.Cell>{r.kind === 'agent' ? t('systems.kindAgent') : t('systems.kindStandard')}</Table.Cell>
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
            ))}
          </Table.Body>
        </Table>
      )}
      <ApprovalLinkDialog request={linkFor} onClose={() => setLinkFor(undefined)} />
    </section>
  );
}
