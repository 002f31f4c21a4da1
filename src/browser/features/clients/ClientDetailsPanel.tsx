import { Alert, Button, Details, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import type { ClientKeyInfo } from '../../../common/contract/clients';
import { PROPAGATION_MINUTES } from '../../../common/contract/clients-limits';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { useT } from '../../hooks/use-t';
import { useClientsStore } from '../../store/use-clients-store';
import { ClientKeysTable } from './ClientKeysTable';
import { EditClientForm } from './EditClientForm';
import { PublishKeyDialog } from './PublishKeyDialog';
import { RemoveKeyDialog } from './RemoveKeyDialog';
import { ScopeTags } from './ScopeTags';
import type { useProductionGuard } from './use-production-guard';

/** One client: what it may do, which keys it has and when they expire, and the writes on it. */
export function ClientDetailsPanel({
  production,
  guard,
}: {
  production: boolean;
  guard: ReturnType<typeof useProductionGuard>['guard'];
}) {
  const t = useT();
  const { status, error, value: client } = useClientsStore((s) => s.details);
  const selectedClientId = useClientsStore((s) => s.selectedClientId);
  const profiles = useClientsStore((s) => s.local.value.profiles);
  const openClient = useClientsStore((s) => s.openClient);
  const closeClient = useClientsStore((s) => s.closeClient);
  const [editing, setEditing] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [removing, setRemoving] = useState<ClientKeyInfo | null>(null);

  const back = (
    <Button variant="tertiary" data-size="sm" onClick={closeClient} data-testid="clients-back">
      ← {t('clients.backToList')}
    </Button>
  );

  if (status === 'failed' || (!client && status !== 'loading')) {
    return (
      <div className="clients-section">
        {back}
        <ErrorAlert
          error={error}
          heading={t('clients.detailsFailed')}
          onRetry={selectedClientId ? () => void openClient(selectedClientId) : undefined}
        />
      </div>
    );
  }
  if (!client) {
    return (
      <div className="clients-section">
        {back}
        <LoadingState label={t('clients.detailsLoading')} />
      </div>
    );
  }

  const users = profiles.filter((p) => client.profileIds.includes(p.id));
  const full = client.keys.length >= client.maxKeys;
  const warn = client.keys.some((k) => k.expiry === 'expiring' || k.expiry === 'expired');

  return (
    <section
      className="clients-section clients-details"
      aria-labelledby="clients-details-title"
      data-testid="clients-details"
    >
      {back}
      <Heading level={3} data-size="sm" id="clients-details-title">
        {client.clientName || t('clients.noName')}
      </Heading>

      {editing ? (
        <EditClientForm client={client} guard={guard} onDone={() => setEditing(false)} />
      ) : (
        <>
          <dl className="facts clients-facts">
            <dt>{t('clients.colClientId')}</dt>
            <dd>
              <code className="clients-code" data-testid="clients-details-id">
                {client.clientId}
              </code>
            </dd>
            <dt>{t('clients.description')}</dt>
            <dd>{client.description}</dd>
            <dt>{t('clients.scopes')}</dt>
            <dd>{client.scopes.length === 0 ? t('clients.noScopes') : <ScopeTags scopes={client.scopes} />}</dd>
            <dt>{t('clients.localProfiles')}</dt>
            <dd data-testid="clients-details-profiles">
              {users.length === 0 ? t('clients.noLocalProfiles') : users.map((p) => p.name).join(', ')}
            </dd>
          </dl>
          <div className="button-row">
            <Button variant="secondary" data-size="sm" onClick={() => setEditing(true)} data-testid="clients-edit">
              {t('clients.editClient')}
            </Button>
          </div>
        </>
      )}

      <section className="clients-keys" aria-labelledby="clients-keys-title">
        <div className="clients-section__head">
          <Heading level={4} data-size="xs" id="clients-keys-title">
            {t('clients.keysHeading', { count: client.keys.length, max: client.maxKeys })}
          </Heading>
          <Button onClick={() => setPublishing(true)} disabled={full} data-testid="clients-publish">
            {t('clients.publishKey')}
          </Button>
        </div>
        {full ? <Paragraph data-size="sm">{t('clients.keysFull', { max: client.maxKeys })}</Paragraph> : null}
        {warn ? (
          <Alert data-color="warning" data-size="sm" data-testid="clients-key-warning">
            <Paragraph data-size="sm">{t('clients.keyExpiringWarning')}</Paragraph>
          </Alert>
        ) : null}
        {client.keys.length === 0 ? (
          <Alert data-color="warning" data-size="sm">
            <Paragraph data-size="sm">{t('clients.keysEmpty')}</Paragraph>
          </Alert>
        ) : (
          <ClientKeysTable keys={client.keys} onRemove={setRemoving} />
        )}
        <Details data-testid="clients-rotation">
          <Details.Summary>{t('clients.rotationTitle')}</Details.Summary>
          <Details.Content>
            <ol className="clients-steps-plain">
              <li>{t('clients.rotationStep1')}</li>
              <li>{t('clients.rotationStep2', { minutes: PROPAGATION_MINUTES })}</li>
              <li>{t('clients.rotationStep3')}</li>
            </ol>
          </Details.Content>
        </Details>
      </section>

      {publishing ? (
        <PublishKeyDialog client={client} production={production} onClose={() => setPublishing(false)} />
      ) : null}
      {removing ? (
        <RemoveKeyDialog client={client} target={removing} production={production} onClose={() => setRemoving(null)} />
      ) : null}
    </section>
  );
}
