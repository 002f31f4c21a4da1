import { Button, Checkbox, Field, Label, Select, Switch } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useT } from '../../hooks/use-t';
import { useTokenStore } from '../../store/use-token-store';

/** Which profile, which tokens, and the two actions: "Get token" and "Run doctor". */
export function TokenRequestForm({
  environmentName,
  onGetToken,
  onRunDoctor,
}: {
  environmentName: string;
  onGetToken(): void;
  onRunDoctor(): void;
}) {
  const t = useT();
  const id = useId();
  const profiles = useTokenStore((s) => s.profiles.value);
  const selected = useTokenStore((s) => s.selectedProfileId);
  const altinn = useTokenStore((s) => s.altinn);
  const forceRefresh = useTokenStore((s) => s.forceRefresh);
  const fetching = useTokenStore((s) => s.summary.status === 'loading');
  const checking = useTokenStore((s) => s.doctor.status === 'loading');
  const { selectProfile, setAltinn, setForceRefresh } = useTokenStore.getState();

  return (
    <form
      className="token-request"
      data-testid="token-request"
      onSubmit={(e) => {
        e.preventDefault();
        onGetToken();
      }}
    >
      <Field className="token-request__profile">
        <Label htmlFor={`${id}-profile`}>{t('token.profileLabel')}</Label>
        <Field.Description>{t('token.profileHelp', { environment: environmentName })}</Field.Description>
        <Select
          id={`${id}-profile`}
          value={selected ?? ''}
          onChange={(e) => void selectProfile(e.target.value || undefined)}
          data-testid="token-profile"
        >
          <Select.Option value="" disabled>
            {t('token.profilePlaceholder')}
          </Select.Option>
          {profiles.map((p) => (
            <Select.Option key={p.id} value={p.id}>
              {p.name} ({p.clientId})
            </Select.Option>
          ))}
        </Select>
      </Field>
      <div className="token-request__options">
        <Switch
          label={t('token.altinnSwitch')}
          description={t('token.altinnSwitchHelp')}
          checked={altinn}
          onChange={(e) => setAltinn(e.target.checked)}
          data-testid="token-altinn-switch"
        />
        <Checkbox
          label={t('token.forceRefresh')}
          description={t('token.forceRefreshHelp')}
          checked={forceRefresh}
          onChange={(e) => setForceRefresh(e.target.checked)}
          data-testid="token-force-refresh"
        />
      </div>
      <div className="button-row token-request__actions">
        <Button type="submit" disabled={!selected || fetching} aria-busy={fetching} data-testid="token-get">
          {fetching ? t('token.gettingToken') : t('token.getToken')}
        </Button>
        <Button
          type="button"
          variant="secondary"
          disabled={!selected || checking}
          aria-busy={checking}
          onClick={onRunDoctor}
          data-testid="token-doctor"
        >
          {checking ? t('token.runningDoctor') : t('token.runDoctor')}
        </Button>
      </div>
    </form>
  );
}
