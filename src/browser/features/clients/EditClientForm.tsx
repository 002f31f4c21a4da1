import { Heading } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import type { ClientDetails } from '../../../common/contract/clients';
import { ActionForm } from '../../components/ActionForm';
import { FormFooter } from '../../components/FormFooter';
import { useBusyAction } from '../../hooks/use-busy-action';
import { useT } from '../../hooks/use-t';
import { useClientsStore } from '../../store/use-clients-store';
import { type ClientFieldErrors, ClientFields, type ClientFieldValues, clientFieldErrors } from './ClientFields';
import type { useProductionGuard } from './use-production-guard';

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
  const [fields, setFields] = useState<ClientFieldValues>({
    name: client.clientName,
    description: client.description,
    scopes: client.scopes,
  });
  const { name, description, scopes } = fields;
  const [errors, setErrors] = useState<ClientFieldErrors>({});
  const { busy, error, run } = useBusyAction();

  async function submit() {
    const e = clientFieldErrors(fields);
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
    await run(() =>
      guard(t('clients.actionUpdate', { name: client.clientName }), async (confirmProduction) => {
        await updateClient({
          clientId: client.clientId,
          ...changed,
          ...(confirmProduction ? { confirmProduction } : {}),
        });
        onDone();
      }),
    );
  }

  return (
    <section className="clients-form" aria-labelledby={`${base}-title`} data-testid="clients-edit-form">
      <Heading level={4} data-size="xs" id={`${base}-title`}>
        {t('clients.editTitle', { name: client.clientName || client.clientId })}
      </Heading>
      <ActionForm onSubmit={submit}>
        <div className="clients-form__fields">
          <ClientFields
            base={base}
            testIdPrefix="clients-edit"
            withHelp={false}
            value={fields}
            errors={errors}
            onChange={(_, next) => setFields(next)}
          />
          <FormFooter
            error={error}
            busy={busy}
            submitLabel={t('clients.save')}
            busyLabel={t('clients.saving')}
            submitTestId="clients-edit-submit"
            cancel={{ label: t('clients.cancel'), onClick: onDone }}
          />
        </div>
      </ActionForm>
    </section>
  );
}
