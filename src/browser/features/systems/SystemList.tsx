import { Button, Heading, Table } from '@digdir/designsystemet-react';
import { EmptyState } from '../../components/EmptyState';
import { LoadableTable } from '../../components/LoadableTable';
import { useT } from '../../hooks/use-t';
import { useSystemsStore } from '../../store/use-systems-store';

/** The vendor's systems: name, id and client ids, each opened for its requests and system users. */
export function SystemList({ environmentName, onNew }: { environmentName: string; onNew(): void }) {
  const t = useT();
  const systems = useSystemsStore((s) => s.systems);
  const loadSystems = useSystemsStore((s) => s.loadSystems);
  const openSystem = useSystemsStore((s) => s.openSystem);

  return (
    <section className="systems-section" aria-labelledby="systems-list-title" data-testid="systems-list">
      <div className="systems-section__head">
        <Heading level={3} data-size="sm" id="systems-list-title">
          {t('systems.systemsHeading')}
        </Heading>
        <div className="button-row">
          <Button onClick={onNew} data-testid="systems-new" disabled={systems.status !== 'ready'}>
            {t('systems.newSystem')}
          </Button>
          <Button variant="secondary" onClick={() => void loadSystems()} disabled={systems.status === 'loading'}>
            {t('systems.refresh')}
          </Button>
        </div>
      </div>
      <LoadableTable
        list={systems}
        failedHeading={t('systems.systemsFailed')}
        loadingLabel={t('systems.systemsLoading')}
        onRetry={() => void loadSystems()}
        empty={
          <EmptyState title={t('systems.systemsEmptyTitle', { env: environmentName })}>
            {t('systems.systemsEmptyBody')}
          </EmptyState>
        }
        className="systems-table"
        columns={[t('systems.colName'), t('systems.colId'), t('systems.colClients')]}
        actionsColumn={t('systems.colOpen')}
        row={(s) => (
          <Table.Row key={s.id} data-testid="systems-row" data-system-id={s.id}>
            <Table.Cell>
              <strong>{s.name.nb}</strong>
              <div className="systems-muted">{s.description.nb}</div>
            </Table.Cell>
            <Table.Cell>
              <code className="systems-code">{s.id}</code>
            </Table.Cell>
            <Table.Cell>
              {s.clientIds.length === 0 ? (
                <span className="systems-warning">{t('systems.none')}</span>
              ) : (
                s.clientIds.map((c) => (
                  <code key={c} className="systems-code systems-block">
                    {c}
                  </code>
                ))
              )}
            </Table.Cell>
            <Table.Cell>
              <Button
                variant="secondary"
                data-size="sm"
                onClick={() => void openSystem(s.id)}
                aria-label={t('systems.openSystem', { name: s.name.nb })}
                data-testid="systems-open"
              >
                {t('systems.open')}
              </Button>
            </Table.Cell>
          </Table.Row>
        )}
      />
    </section>
  );
}
