import {
  Alert,
  Button,
  Details,
  ErrorSummary,
  Field,
  Heading,
  Label,
  Paragraph,
  Select,
  Switch,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import type { EnvironmentSummary } from '../../../common/contract/app';
import type { Profile } from '../../../common/contract/profiles';
import { ActionForm } from '../../components/ActionForm';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useBusyAction } from '../../hooks/use-busy-action';
import { useT } from '../../hooks/use-t';
import { useAppStore } from '../../store/use-app-store';
import { useProfilesStore } from '../../store/use-profiles-store';
import {
  advancedFields,
  appProblem,
  type DraftField,
  draftFieldOrder,
  draftFromProfile,
  draftToInput,
  draftToPatch,
  emptyDraft,
  type FieldErrors,
  type ProfileDraft,
  resourceProblem,
  scopeProblem,
  validateDraft,
} from './profile-draft';
import { fieldErrorsFrom } from './profile-error-fields';
import { ScopeSuggestions } from './ScopeSuggestions';
import { ValueListField } from './ValueListField';

const fieldLabels: Record<DraftField, Parameters<ReturnType<typeof useT>>[0]> = {
  name: 'profiles.name',
  clientId: 'profiles.clientId',
  keyId: 'profiles.key',
  scopes: 'profiles.scopes',
  org: 'profiles.org',
  apps: 'profiles.apps',
  resource: 'profiles.resource',
  consumerOrg: 'profiles.consumerOrg',
  systemUserOrg: 'profiles.systemUserOrg',
  externalRef: 'profiles.externalRef',
  testOrg: 'profiles.testOrg',
  admin: 'profiles.admin',
};

type ListField = 'scopes' | 'apps' | 'resource';
const listText = { scopes: 'scopeText', apps: 'appText', resource: 'resourceText' } as const;
const listProblem = { scopes: scopeProblem, apps: appProblem, resource: resourceProblem } as const;

export interface ProfileFormProps {
  environment: EnvironmentSummary;
  /** How the environment is named on screen ("TT02 (test)", "Produksjon"). */
  environmentName: string;
  /** The profile being edited, or undefined for a new one. */
  profile?: Profile;
  /** Runs the save after any production confirmation; the form waits for it. */
  guard(run: () => Promise<void>): void;
}

/**
 * Create or edit a client profile. Problems are shown under the field they concern, in plain words,
 * and summarised above the buttons; main's refusals are mapped onto the same fields.
 */
export function ProfileForm({ environment, environmentName, profile, guard }: ProfileFormProps) {
  const t = useT();
  const base = useId();
  const fieldId = (f: DraftField) => `${base}-${f}`;
  const keys = useProfilesStore((s) => s.keys);
  const keysError = useProfilesStore((s) => s.keysError);
  const suggestions = useProfilesStore((s) => s.suggestions);
  const save = useProfilesStore((s) => s.save);
  const closeEditor = useProfilesStore((s) => s.closeEditor);
  const navigate = useAppStore((s) => s.navigate);

  const [draft, setDraft] = useState<ProfileDraft>(() => (profile ? draftFromProfile(profile) : emptyDraft()));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [showSummary, setShowSummary] = useState(false);
  const [generalError, setGeneralError] = useState<unknown>();
  const { busy: saving, run } = useBusyAction();
  const [advancedOpen, setAdvancedOpen] = useState(() =>
    profile
      ? Boolean(
          profile.resource?.length || profile.consumerOrg || profile.systemUser || profile.testOrg || profile.admin,
        )
      : false,
  );
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  function update<K extends keyof ProfileDraft>(key: K, value: ProfileDraft[K]) {
    setDraft((d) => ({ ...d, [key]: value }));
    const field = (Object.entries(listText).find(([, text]) => text === key)?.[0] ?? key) as DraftField;
    if (errors[field]) setErrors(({ [field]: _gone, ...rest }) => rest);
  }

  function addValue(field: ListField, value?: string) {
    const text = value ?? draft[listText[field]];
    if (!text.trim()) return;
    const problem = listProblem[field](text, draft[field]);
    if (problem) {
      setErrors((e) => ({ ...e, [field]: problem }));
      return;
    }
    setDraft((d) => ({ ...d, [field]: [...d[field], text.trim()], ...(value ? {} : { [listText[field]]: '' }) }));
    setErrors(({ [field]: _gone, ...rest }) => rest);
  }

  function removeValue(field: ListField, value: string) {
    setDraft((d) => ({ ...d, [field]: d[field].filter((v) => v !== value) }));
  }

  function showErrors(found: FieldErrors) {
    setErrors(found);
    setShowSummary(true);
    if (advancedFields.some((f) => found[f])) setAdvancedOpen(true);
  }

  function submit() {
    setGeneralError(undefined);
    const found = validateDraft(draft, { production: environment.production });
    if (Object.keys(found).length) {
      showErrors(found);
      return;
    }
    setShowSummary(false);
    guard(async () => {
      const error = await run(() =>
        save(profile ? { id: profile.id, patch: draftToPatch(draft) } : { input: draftToInput(draft, environment.id) }),
      );
      if (!error) return;
      // Main's refusals go under the fields they concern; only the rest is shown as one error.
      const mapped = fieldErrorsFrom(error);
      if (Object.keys(mapped.fields).length) showErrors(mapped.fields);
      if (mapped.general) setGeneralError(error);
    });
  }

  const summaryItems = draftFieldOrder.filter((f) => errors[f]);
  const selectedKeyKnown = !draft.keyId || keys.some((k) => k.id === draft.keyId);

  return (
    <section className="profiles-form" data-testid="profile-form" aria-labelledby={`${base}-title`}>
      <Heading level={3} data-size="sm" id={`${base}-title`} ref={headingRef} tabIndex={-1}>
        {profile
          ? t('profiles.formEditTitle', { name: profile.name })
          : t('profiles.formNewTitle', { env: environmentName })}
      </Heading>
      <Paragraph data-size="sm" className="profiles-muted">
        {t('profiles.formIntro')}
      </Paragraph>

      <ActionForm onSubmit={submit}>
        <div className="profiles-form__fields">
          <Textfield
            id={fieldId('name')}
            label={<RequiredLabel text={t('profiles.name')} />}
            description={t('profiles.nameHelp')}
            value={draft.name}
            onChange={(e) => update('name', e.target.value)}
            error={errors.name ? t(errors.name) : undefined}
            autoComplete="off"
            data-testid="profile-name"
          />
          <Textfield
            id={fieldId('clientId')}
            label={<RequiredLabel text={t('profiles.clientId')} />}
            description={t('profiles.clientIdHelp')}
            value={draft.clientId}
            onChange={(e) => update('clientId', e.target.value)}
            error={errors.clientId ? t(errors.clientId) : undefined}
            autoComplete="off"
            spellCheck={false}
            data-testid="profile-client-id"
          />

          <div className="profiles-key">
            {keys.length === 0 && !draft.keyId ? (
              <Alert data-color={keysError ? 'danger' : 'warning'} data-testid="profile-no-keys">
                <Heading level={4} data-size="2xs">
                  {t('profiles.key')}
                </Heading>
                <Paragraph>{keysError ? t('profiles.keysFailed') : t('profiles.keysNone')}</Paragraph>
                {errors.keyId ? <ValidationMessage>{t(errors.keyId)}</ValidationMessage> : null}
                <Button type="button" variant="secondary" data-size="sm" onClick={() => navigate('keys')}>
                  {t('profiles.goToKeys')}
                </Button>
              </Alert>
            ) : (
              <Field>
                <Label htmlFor={fieldId('keyId')}>
                  <RequiredLabel text={t('profiles.key')} />
                </Label>
                <Field.Description>{t('profiles.keyHelp')}</Field.Description>
                <Select
                  id={fieldId('keyId')}
                  value={draft.keyId}
                  onChange={(e) => update('keyId', e.target.value)}
                  data-testid="profile-key"
                >
                  <Select.Option value="" disabled>
                    {t('profiles.keyChoose')}
                  </Select.Option>
                  {keys.map((k) => (
                    <Select.Option key={k.id} value={k.id}>
                      {t('profiles.keyOption', { name: k.name, kid: k.kid })}
                    </Select.Option>
                  ))}
                  {selectedKeyKnown ? null : (
                    <Select.Option value={draft.keyId}>{t('profiles.keyMissing')}</Select.Option>
                  )}
                </Select>
                {errors.keyId ? <ValidationMessage>{t(errors.keyId)}</ValidationMessage> : null}
              </Field>
            )}
          </div>

          <ValueListField
            id={fieldId('scopes')}
            testId="profile-scopes"
            label={t('profiles.scopes')}
            required
            description={t('profiles.scopesHelp')}
            values={draft.scopes}
            text={draft.scopeText}
            onTextChange={(text) => update('scopeText', text)}
            onAdd={() => addValue('scopes')}
            onRemove={(v) => removeValue('scopes', v)}
            addLabel={t('profiles.scopeAdd')}
            emptyText={t('profiles.scopesEmpty')}
            error={errors.scopes ? t(errors.scopes) : undefined}
          >
            <ScopeSuggestions
              suggestions={suggestions.filter((s) => s.admin === draft.admin && !draft.scopes.includes(s.scope))}
              onPick={(scope) => addValue('scopes', scope)}
            />
          </ValueListField>

          <Textfield
            id={fieldId('org')}
            label={t('profiles.org')}
            description={t('profiles.orgHelp')}
            value={draft.org}
            onChange={(e) => update('org', e.target.value)}
            error={errors.org ? t(errors.org) : undefined}
            autoComplete="off"
            spellCheck={false}
            size={20}
            data-testid="profile-org"
          />
          <ValueListField
            id={fieldId('apps')}
            testId="profile-apps"
            label={t('profiles.apps')}
            description={t('profiles.appsHelp')}
            values={draft.apps}
            text={draft.appText}
            onTextChange={(text) => update('appText', text)}
            onAdd={() => addValue('apps')}
            onRemove={(v) => removeValue('apps', v)}
            addLabel={t('profiles.appAdd')}
            emptyText={t('profiles.appsEmpty')}
            error={errors.apps ? t(errors.apps) : undefined}
          />

          <Details
            className="profiles-advanced"
            open={advancedOpen}
            onToggle={(e) => setAdvancedOpen((e.target as HTMLDetailsElement).open)}
            data-testid="profile-advanced"
          >
            <Details.Summary>{t('profiles.advanced')}</Details.Summary>
            <Details.Content>
              <div className="profiles-form__fields">
                <Paragraph data-size="sm" className="profiles-muted">
                  {t('profiles.advancedHelp')}
                </Paragraph>
                <ValueListField
                  id={fieldId('resource')}
                  testId="profile-resource"
                  label={t('profiles.resource')}
                  description={t('profiles.resourceHelp')}
                  values={draft.resource}
                  text={draft.resourceText}
                  onTextChange={(text) => update('resourceText', text)}
                  onAdd={() => addValue('resource')}
                  onRemove={(v) => removeValue('resource', v)}
                  addLabel={t('profiles.resourceAdd')}
                  emptyText={t('profiles.resourceEmpty')}
                  error={errors.resource ? t(errors.resource) : undefined}
                />
                <Textfield
                  id={fieldId('consumerOrg')}
                  label={t('profiles.consumerOrg')}
                  description={t('profiles.consumerOrgHelp')}
                  value={draft.consumerOrg}
                  onChange={(e) => update('consumerOrg', e.target.value)}
                  error={errors.consumerOrg ? t(errors.consumerOrg) : undefined}
                  inputMode="numeric"
                  autoComplete="off"
                  size={14}
                  data-testid="profile-consumer-org"
                />
                <Textfield
                  id={fieldId('systemUserOrg')}
                  label={t('profiles.systemUserOrg')}
                  description={t('profiles.systemUserOrgHelp')}
                  value={draft.systemUserOrg}
                  onChange={(e) => update('systemUserOrg', e.target.value)}
                  error={errors.systemUserOrg ? t(errors.systemUserOrg) : undefined}
                  inputMode="numeric"
                  autoComplete="off"
                  size={14}
                  data-testid="profile-systemuser-org"
                />
                <Textfield
                  id={fieldId('externalRef')}
                  label={t('profiles.externalRef')}
                  description={t('profiles.externalRefHelp')}
                  value={draft.externalRef}
                  onChange={(e) => update('externalRef', e.target.value)}
                  error={errors.externalRef ? t(errors.externalRef) : undefined}
                  autoComplete="off"
                  data-testid="profile-external-ref"
                />
                <SwitchField error={errors.testOrg ? t(errors.testOrg) : undefined}>
                  <Switch
                    id={fieldId('testOrg')}
                    label={t('profiles.testOrg')}
                    description={environment.production ? t('profiles.testOrgProduction') : t('profiles.testOrgHelp')}
                    checked={draft.testOrg}
                    // Altinn honours ?test=true only in TT02 (reference §2); main refuses it in production too.
                    disabled={environment.production && !draft.testOrg}
                    onChange={(e) => update('testOrg', e.target.checked)}
                    data-testid="profile-test-org"
                  />
                </SwitchField>
                <SwitchField error={errors.admin ? t(errors.admin) : undefined}>
                  <Switch
                    id={fieldId('admin')}
                    label={t('profiles.admin')}
                    description={t('profiles.adminHelp')}
                    checked={draft.admin}
                    onChange={(e) => update('admin', e.target.checked)}
                    data-testid="profile-admin"
                  />
                </SwitchField>
              </div>
            </Details.Content>
          </Details>
        </div>

        {showSummary && summaryItems.length ? (
          <ErrorSummary data-testid="profile-error-summary" className="profiles-form__summary">
            <ErrorSummary.Heading level={4} data-size="xs">
              {t('profiles.errorSummary')}
            </ErrorSummary.Heading>
            <ErrorSummary.List>
              {summaryItems.map((f) => (
                <ErrorSummary.Item key={f}>
                  <ErrorSummary.Link
                    href={`#${fieldId(f)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      document.getElementById(fieldId(f))?.focus();
                    }}
                  >
                    {t(fieldLabels[f])}: {t(errors[f] ?? 'profiles.errFieldInvalid')}
                  </ErrorSummary.Link>
                </ErrorSummary.Item>
              ))}
            </ErrorSummary.List>
          </ErrorSummary>
        ) : null}
        {generalError ? <ErrorAlert error={generalError} heading={t('profiles.saveFailed')} /> : null}

        <div className="button-row">
          <Button type="submit" disabled={saving} aria-busy={saving} data-testid="profile-save">
            {saving ? t('profiles.saving') : t('profiles.save')}
          </Button>
          <Button type="button" variant="secondary" onClick={closeEditor} disabled={saving}>
            {t('profiles.cancel')}
          </Button>
        </div>
      </ActionForm>
    </section>
  );
}

function RequiredLabel({ text }: { text: string }) {
  const t = useT();
  return (
    <>
      {text} <span className="profiles-required">({t('profiles.required')})</span>
    </>
  );
}

/** A switch with room for a validation message under it (Switch has no `error` prop). */
function SwitchField({ children, error }: { children: ReactNode; error?: string }) {
  return (
    <div className="profiles-switch">
      {children}
      {error ? <ValidationMessage>{error}</ValidationMessage> : null}
    </div>
  );
}
