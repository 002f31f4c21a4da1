import { Button, Heading, Table } from '@digdir/designsystemet-react';
import { EmptyState } from '../../components/EmptyState';
import { LoadableTable } from '../../components/LoadableTable';
import { useT } from '../../hooks/use-t';
import { useClientsStore } from '../../store/use-clients-store';
import { ScopeTags } from './ScopeTags';

/** The organisation's clients: name, client id, scopes and how many keys each has. */
export function ClientList({ environmentName, onNew }: { environmentName: string; onNew(): void }) {
  const t = useT();
  const clients = useClientsStore((s) => s.clients);
  const keyCounts = useClientsStore((s) => s.keyCounts);
  const loadClients = useClientsStore((s) => s.loadClients);
  const openClient = useClientsStore((s) => s.openClient);

  return (
    <section className="clients-section" aria-labelledby="clients-list-title" data-testid="clients-list">
      <div className="clients-section__head">
        <Heading level={3} data-size="sm" id="clients-list-title">
          {t('clients.clientsHeading')}
        </Heading>
        <div className="button-row">
          <Button onClick={onNew} data-testid="clients-new">
            {t('clients.newClient')}
          </Button>
          <Button variant="secondary" onClick={() => void loadClients()} disabled={clients.status === 'loading'}>
            {t('clients.refresh')}
          </Button>
        </div>
      </div>

      <LoadableTable
        list={clients}
        failedHeading={t('clients.clientsFailed')}
        loadingLabel={t('clients.clientsLoading')}
        onRetry={() => void loadClients()}
        empty={
          <EmptyState title={t('clients.clientsEmptyTitle', { env: environmentName })}>
            {t('clients.clientsEmptyBody')}
          </EmptyState>
        }
        className="clients-table"
        columns={[t('clients.colName'), t('clients.colClientId'), t('clients.colScopes'), t('clients.colKeys')]}
        actionsColumn={t('clients.colOpen')}
        row={(c) => {
          const count = keyCounts[c.clientId];
          const name = c.clientName || t('clients.noName');
          const maskinporten = c.integrationType === 'maskinporten';
          return (
            <Table.Row key={c.clientId} data-testid="clients-row" data-client-id={c.clientId}>
              <Table.Cell>
                <strong>{name}</strong>
                {maskinporten ? null : (
                  <div className="clients-muted">{t('clients.otherType', { type: c.integrationType })}</div>
                )}
              </Table.Cell>
              <Table.Cell>
                <code className="clients-code">{c.clientId}</code>
              </Table.Cell>
              <Table.Cell>
                <ScopeTags scopes={c.scopes} />
              </Table.Cell>
              <Table.Cell data-testid="clients-row-keys">
                {!maskinporten
                  ? '–'
                  : count === undefined
                    ? t('clients.keysCounting')
                    : count === 'error'
                      ? t('clients.keysUnknown')
                      : count}
              </Table.Cell>
              <Table.Cell>
                <Button
                  variant="secondary"
                  data-size="sm"
                  onClick={() => void openClient(c.clientId)}
                  aria-label={t('clients.openClient', { name })}
                  data-testid="clients-open"
                >
                  {t('clients.open')}
                </Button>
              </Table.Cell>
            </Table.Row>
          );
        }}
      />
    </section>
  );
}
