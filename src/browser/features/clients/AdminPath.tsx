import { Alert, Field, Label, Paragraph, Select } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import type { EnvironmentSummary } from '../../../common/contract/app';
import { useT } from '../../hooks/use-t';
import { useClientsStore } from '../../store/use-clients-store';
import { AdminHelp } from './AdminHelp';
import { ClientDetailsPanel } from './ClientDetailsPanel';
import { ClientList } from './ClientList';
import { CreateClientForm } from './CreateClientForm';
import { ResultNotice } from './ResultNotice';
import { useProductionGuard } from './use-production-guard';

/** The admin path: choose the admin profile, then list, open, create and change the organisation's clients. */
export function AdminPath({
  environment,
  environmentName,
}: {
  environment: EnvironmentSummary;
  environmentName: string;
}) {
  const t = useT();
  const selectId = useId();
  const profiles = useClientsStore((s) => s.local.value.profiles);
  const adminProfileId = useClientsStore((s) => s.adminProfileId);
  const chooseAdmin = useClientsStore((s) => s.chooseAdmin);
  const selectedClientId = useClientsStore((s) => s.selectedClientId);
  const notice = useClientsStore((s) => s.notice);
  const [creating, setCreating] = useState(false);
  const { guard, dialog } = useProductionGuard(environment.production);
  const admins = profiles.filter((p) => p.admin);

  if (!environment.selfService) {
    return (
      <Alert data-color="warning" data-testid="clients-no-selfservice">
        <Paragraph>{t('clients.noSelfService', { env: environmentName })}</Paragraph>
      </Alert>
    );
  }
  if (admins.length === 0) return <AdminHelp environmentName={environmentName} />;

  return (
    <div className="clients-admin" data-testid="clients-admin">
      <Field className="clients-admin__profile">
        <Label htmlFor={selectId}>{t('clients.adminProfile')}</Label>
        <Field.Description>{t('clients.adminProfileHelp', { env: environmentName })}</Field.Description>
        <Select
          id={selectId}
          value={adminProfileId ?? ''}
          onChange={(e) => {
            setCreating(false);
            void chooseAdmin(e.target.value || undefined);
          }}
          data-testid="clients-admin-profile"
        >
          <Select.Option value="" disabled>
            {t('clients.adminProfileChoose')}
          </Select.Option>
          {admins.map((p) => (
            <Select.Option key={p.id} value={p.id}>
              {p.name} ({p.clientId})
            </Select.Option>
          ))}
        </Select>
      </Field>

      {notice ? <ResultNotice notice={notice} /> : null}

      {!adminProfileId ? null : creating ? (
        <CreateClientForm
          environmentName={environmentName}
          guard={guard}
          onDone={() => setCreating(false)}
          onCancel={() => setCreating(false)}
        />
      ) : selectedClientId ? (
        <ClientDetailsPanel production={environment.production} guard={guard} />
      ) : (
        <ClientList environmentName={environmentName} onNew={() => setCreating(true)} />
      )}
      {dialog}
    </div>
  );
}
