import { Alert, Button, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import type { MessageKey } from '../../../common/i18n/translate';
import { ActionForm } from '../../components/ActionForm';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useBusyAction } from '../../hooks/use-busy-action';
import { useT } from '../../hooks/use-t';
import { useClientsStore } from '../../store/use-clients-store';
import { ScopeListField } from './ScopeListField';
import { isOrgCode } from './scope-check';
import type { useProductionGuard } from './use-production-guard';

type Errors = Partial<Record<'clientId' | 'name' | 'scopes' | 'key' | 'org', MessageKey>>;

/**
 * The client id pasted back from Samarbeidsportalen becomes a client profile with the key shown above:
 * a new one, or the profile that already has this client id (updated with the key and scopes).
 */
export function ManualProfileForm({
  environmentId,
  keyId,
  guard,
}: {
  environmentId: string;
  keyId: string | undefined;
  guard: ReturnType<typeof useProductionGuard>['guard'];
}) {
  const t = useT();
  const base = useId();
  const profiles = useClientsStore((s) => s.local.value.profiles);
  const saveManualProfile = useClientsStore((s) => s.saveManualProfile);
  const manualProfileId = useClientsStore((s) => s.manualProfileId);
  const [clientId, setClientId] = useState('');
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [org, setOrg] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const { busy, error, run } = useBusyAction();
  const [saved, setSaved] = useState<string>();
  const existing = profiles.find((p) => !p.admin && clientId.trim() !== '' && p.clientId === clientId.trim());

  async function submit() {
    const e: Errors = {};
    if (!clientId.trim()) e.clientId = 'clients.errRequired';
    if (!name.trim() && !existing) e.name = 'clients.errRequired';
    if (scopes.length === 0) e.scopes = 'clients.errScopes';
    if (!keyId) e.key = 'clients.errKey';
    if (org.trim() && !isOrgCode(org.trim())) e.org = 'clients.errOrg';
    setErrors(e);
    if (Object.keys(e).length > 0 || !keyId) return;
    const profileName = name.trim() || existing?.name || '';
    setSaved(undefined);
    await run(() =>
      guard(t('clients.actionProfile', { name: profileName }), async () => {
        const profile = await saveManualProfile(
          {
            name: profileName,
            environmentId,
            clientId: clientId.trim(),
            keyId,
            scopes,
            ...(org.trim() ? { org: org.trim() } : {}),
          },
          existing?.id,
        );
        setSaved(profile.name);
      }),
    );
  }

  return (
    <ActionForm
      onSubmit={submit}
      className="clients-step__extra clients-form__fields"
      data-testid="clients-manual-profile"
    >
      <Textfield
        label={t('clients.manualClientId')}
        description={t('clients.manualClientIdHelp')}
        value={clientId}
        onChange={(e) => {
          setClientId(e.target.value);
          setSaved(undefined);
        }}
        error={errors.clientId ? t(errors.clientId) : undefined}
        maxLength={200}
        autoComplete="off"
        spellCheck={false}
        data-testid="clients-manual-client-id"
      />
      {existing && existing.id !== manualProfileId ? (
        <Alert data-color="info" data-size="sm" data-testid="clients-manual-existing">
          <Paragraph data-size="sm">{t('clients.profileExists', { name: existing.name })}</Paragraph>
        </Alert>
      ) : existing ? null : (
        <Textfield
          label={t('clients.manualProfileName')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.name ? t(errors.name) : undefined}
          maxLength={80}
          autoComplete="off"
          data-testid="clients-manual-profile-name"
        />
      )}
      <ScopeListField
        id={`${base}-scopes`}
        testId="clients-manual-scopes"
        label={t('clients.manualScopes')}
        description={t('clients.manualScopesHelp')}
        scopes={scopes}
        onChange={setScopes}
        error={errors.scopes}
      />
      <Textfield
        label={t('clients.profileOrg')}
        description={t('clients.profileOrgHelp')}
        value={org}
        onChange={(e) => setOrg(e.target.value)}
        error={errors.org ? t(errors.org) : undefined}
        size={20}
        autoComplete="off"
        spellCheck={false}
        data-testid="clients-manual-org"
      />
      {errors.key ? (
        <Alert data-color="warning" data-size="sm">
          <Paragraph data-size="sm">{t('clients.chooseKeyFirst')}</Paragraph>
        </Alert>
      ) : null}
      {error ? <ErrorAlert error={error} /> : null}
      <div className="button-row">
        <Button type="submit" disabled={busy} aria-busy={busy} data-testid="clients-manual-save">
          {existing ? t('clients.updateProfile') : t('clients.saveProfile')}
        </Button>
        {saved ? (
          <span role="status" data-testid="clients-manual-saved">
            ✓ {t('clients.profileSaved', { name: saved })}
          </span>
        ) : null}
      </div>
    </ActionForm>
  );
}
