import { Button, Heading, Table, Tag } from '@digdir/designsystemet-react';
import { EmptyState } from '../../components/EmptyState';
import { LoadableTable } from '../../components/LoadableTable';
import { useT } from '../../hooks/use-t';
import { useSystemsStore } from '../../store/use-systems-store';

/**
 * The vendor's systems as Altinn lists them (RegisteredSystemDTO: name, id, rights, access packages, visibility;
 * docs/system-vendors.md §1): client ids and redirect URLs are shown once a system is opened.
 */
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
        columns={[t('systems.colName'), t('systems.colId'), t('systems.colAccess')]}
        actionsColumn={t('systems.colOpen')}
        row={(s) => (
          <Table.Row key={s.id} data-testid="systems-row" data-system-id={s.id}>
            <Table.Cell>
              <strong>{s.name.nb}</strong>
              {s.isVisible ? null : (
                <Tag data-size="sm" data-color="neutral" className="systems-tag" data-testid="systems-hidden">
                  {t('systems.hiddenTag')}
                </Tag>
              )}
              <div className="systems-muted">{s.description.nb}</div>
            </Table.Cell>
            <Table.Cell>
              <code className="systems-code">{s.id}</code>
            </Table.Cell>
            <Table.Cell data-testid="systems-access">
              {s.resourceIds.length + s.accessPackages.length === 0 ? (
                <span className="systems-warning">{t('systems.none')}</span>
              ) : (
                [...s.resourceIds, ...s.accessPackages].map((c) => (
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
