import { Button, Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useState } from 'react';
import type { SystemUserInfo } from '../../../common/contract/systems';
import { formatDateTime } from '../../../common/format/dates';
import { LoadableTable } from '../../components/LoadableTable';
import { useLanguage, useT } from '../../hooks/use-t';
import { useSystemsStore } from '../../store/use-systems-store';
import { CustomerCells, customerColumns } from './CustomerCells';
import { MakeProfileDialog } from './MakeProfileDialog';

/** The system users customers approved, with the local profiles that get their tokens. */
export function SystemUserList({ environmentName }: { environmentName: string }) {
  const t = useT();
  const lang = useLanguage();
  const users = useSystemsStore((s) => s.users);
  const profiles = useSystemsStore((s) => s.profiles.value);
  const refreshRequests = useSystemsStore((s) => s.refreshRequests);
  const [profileFor, setProfileFor] = useState<SystemUserInfo>();

  return (
    <section className="systems-section" aria-labelledby="systems-users-title" data-testid="systems-users">
      <Heading level={4} data-size="xs" id="systems-users-title">
        {t('systems.usersHeading')}
      </Heading>
      <LoadableTable
        list={users}
        failedHeading={t('systems.usersFailed')}
        loadingLabel={t('systems.usersLoading')}
        onRetry={() => void refreshRequests()}
        empty={
          <Paragraph className="systems-muted" data-testid="systems-users-empty">
            {t('systems.usersEmpty')}
          </Paragraph>
        }
        className="systems-table"
        columns={[...customerColumns(t), t('systems.colMade'), t('systems.colProfile')]}
        row={(u) => {
          const names = profiles.filter((p) => u.profileIds.includes(p.id)).map((p) => p.name);
          return (
            <Table.Row key={u.id} data-testid="systems-user-row" data-user-id={u.id}>
              <CustomerCells
                orgNo={u.reporteeOrgNo}
                externalRef={u.externalRef}
                externalRefInGrant={u.externalRefInGrant}
                kind={u.kind}
              />
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
        }}
      />
      <MakeProfileDialog user={profileFor} environmentName={environmentName} onClose={() => setProfileFor(undefined)} />
    </section>
  );
}
