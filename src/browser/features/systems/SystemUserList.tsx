import { Button, Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useState } from 'react';
import type { SystemUserInfo } from '../../../common/contract/systems';
import { formatDateTime } from '../../../common/format/dates';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { useLanguage, useT } from '../../hooks/use-t';
import { useSystemsStore } from '../../store/use-systems-store';
import { MakeProfileDialog } from './MakeProfileDialog';

/** The system users customers approved, with the local profiles that get their tokens. */
export function SystemUserList({ environmentName }: { environmentName: string }) {
  const t = useT();
  const lang = useLanguage();
  const { status, error, value: users } = useSystemsStore((s) => s.users);
  const profiles = useSystemsStore((s) => s.profiles.value);
  const refreshRequests = useSystemsStore((s) => s.refreshRequests);
  const [profileFor, setProfileFor] = useState<SystemUserInfo>();

  return (
    <section className="systems-section" aria-labelledby="systems-users-title" data-testid="systems-users">
      <Heading level={4} data-size="xs" id="systems-users-title">
        {t('systems.usersHeading')}
      </Heading>
      {status === 'failed' ? (
        <ErrorAlert error={error} heading={t('systems.usersFailed')} onRetry={() => void refreshRequests()} />
      ) : status === 'loading' && users.length === 0 ? (
        <LoadingState label={t('systems.usersLoading')} />
      ) : users.length === 0 ? (
        <Paragraph className="systems-muted" data-testid="systems-users-empty">
          {t('systems.usersEmpty')}
        </Paragraph>
      ) : (
        <Table data-size="sm" className="systems-table">
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('systems.colCustomer')}</Table.HeaderCell>
              <Table.HeaderCell>{t('systems.colExternalRef')}</Table.HeaderCell>
              <Table.HeaderCell>{t('systems.colKind')}</Table.HeaderCell>
              <Table.HeaderCell>{t('systems.colMade')}</Table.HeaderCell>
              <Table.HeaderCell>{t('systems.colProfile')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {users.map((u) => {
              const names = profiles.filter((p) => u.profileIds.includes(p.id)).map((p) => p.name);
              return (
                <Table.Row key={u.id} data-testid="systems-user-row" data-user-id={u.id}>
                  <Table.Cell>{u.reporteeOrgNo}</Table.Cell>
                  <Table.Cell>
                    <code className="systems-code">{u.externalRef}</code>
                    {u.externalRefInGrant ? <div className="systems-muted">{t('systems.refInGrant')}</div> : null}
                  </Table.Cell>
                  <Table.Cell>{u.kind === 'agent' ? t('systems.kindAgent') : t('systems.kindStandard')}</Table.Cell>
                  <Table.Cell>{formatDateTime(u.created, lang)}</Table.Cell>
                  <Table.Cell>
                    {names.length ? <div data-testid="systems-user-profiles">{names.join(', ')}</div> : null}
                    <Button
                      variant={names.length ? 'tertiary' : 'secondary'}
                      data-size="sm"
                      onClick={() => setProfileFor(u)}
                      aria-label={t('systems.makeProfileFor', { org: u.reporteeOrgNo })}
                      data-testid="systems-user-make-profile"
                    >
                      {t('systems.makeProfile')}
                    </Button>
                  </Table.Cell>
                </Table.Row>
              );
            })}
          </Table.Body>
        </Table>
      )}
      <MakeProfileDialog user={profileFor} environmentName={environmentName} onClose={() => setProfileFor(undefined)} />
    </section>
  );
}
