import { Button, Heading, Textfield } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import type { ClientDetails } from '../../../main/contracts/clients';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../hooks/use-t';
import type { MessageKey } from '../../i18n/translate';
import { useClientsStore } from '../../store/use-clients-store';
import { ScopeListField } from './ScopeListField';
import type { useProductionGuard } from './use-production-guard';

type Errors = Partial<Record<'name' | 'description' | 'scopes', MessageKey>>;

/** Change a client's name, description and scopes (PUT /clients/{id}); only what changed is sent. */
export function EditClientForm({
  client,
  guard,
  onDone,
}: {
  client: ClientDetails;
  guard: ReturnType<typeof useProductionGuard>['guard'];
  onDone(): void;
}) {
  const t = useT();
  const base = useId();
  const updateClient = useClientsStore((s) => s.updateClient);
  const [name, setName] = useState(client.clientName);
  const [description, setDescription] = useState(client.description);
  const [scopes, setScopes] = useState<string[]>(client.scopes);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  async function submit() {
    const e: Errors = {};
    if (!name.trim()) e.name = 'clients.errRequired';
    if (!description.trim()) e.description = 'clients.errRequired';
    if (scopes.length === 0) e.scopes = 'clients.errScopes';
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    const changed = {
      ...(name.trim() !== client.clientName ? { clientName: name.trim() } : {}),
      ...(description.trim() !== client.description ? { description: description.trim() } : {}),
      ...(scopes.join(' ') !== client.scopes.join(' ') ? { scopes } : {}),
    };
    if (Object.keys(changed).length === 0) {
      onDone();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await guard(t('clients.actionUpdate', { name: client.clientName }), async (confirmProduction) => {
        await updateClient({
          clientId: client.clientId,
          ...changed,
          ...(confirmProduction ? { confirmProduction } : {}),
        });
        onDone();
      });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="clients-form" aria-labelledby={`${base}-title`} data-testid="clients-edit-form">
      <Heading level={4} data-size="xs" id={`${base}-title`}>
        {t('clients.editTitle', { name: client.clientName || client.clientId })}
      </Heading>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="clients-form__fields">
          <Textfield
            label={t('clients.clientName')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={errors.name ? t(errors.name) : undefined}
            maxLength={200}
            autoComplete="off"
            data-testid="clients-edit-name"
          />
          <Textfield
            multiline
            rows={2}
            label={t('clients.clientDescription')}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            error={errors.description ? t(errors.description) : undefined}
            maxLength={1000}
            data-testid="clients-edit-description"
          />
          <ScopeListField
            id={`${base}-scopes`}
            testId="clients-edit-scopes"
            label={t('clients.clientScopes')}
            description={t('clients.clientScopesHelp')}
            scopes={scopes}
            onChange={setScopes}
            error={errors.scopes}
          />
          {error ? <ErrorAlert error={error} /> : null}
          <div className="button-row">
            <Button type="submit" disabled={busy} aria-busy={busy} data-testid="clients-edit-submit">
              {busy ? t('clients.saving') : t('clients.save')}
            </Button>
            <Button type="button" variant="secondary" onClick={onDone} disabled={busy}>
              {t('clients.cancel')}
            </Button>
          </div>
        </div>
      </form>
    </section>
  );
}
