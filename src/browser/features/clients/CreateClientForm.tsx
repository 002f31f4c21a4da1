import { Alert, Checkbox, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useId, useRef, useState } from 'react';
import type { MessageKey } from '../../../common/i18n/translate';
import { isApiError } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { FormFooter } from '../../components/FormFooter';
import { useBusyAction } from '../../hooks/use-busy-action';
import { useT } from '../../hooks/use-t';
import { useClientsStore } from '../../store/use-clients-store';
import { type ClientFieldErrors, ClientFields, type ClientFieldValues, clientFieldErrors } from './ClientFields';
import { KeyChoiceField, type KeyChoiceValue } from './KeyChoiceField';
import { isOrgCode } from './scope-check';
import type { useProductionGuard } from './use-production-guard';

type Errors = ClientFieldErrors & Partial<Record<'key' | 'profileName' | 'org', MessageKey>>;

/**
 * A new Maskinporten client: name, description, scopes, and in the same go a key published on it and the
 * matching client profile, so the person can get a token at once.
 */
export function CreateClientForm({
  environmentName,
  guard,
  onDone,
  onCancel,
}: {
  environmentName: string;
  guard: ReturnType<typeof useProductionGuard>['guard'];
  onDone(): void;
  onCancel(): void;
}) {
  const t = useT();
  const base = useId();
  const keys = useClientsStore((s) => s.local.value.keys);
  const generateKey = useClientsStore((s) => s.generateKey);
  const createClient = useClientsStore((s) => s.createClient);
  const [fields, setFields] = useState<ClientFieldValues>({ name: '', description: '', scopes: [] });
  const { name, description, scopes } = fields;
  const [key, setKey] = useState<KeyChoiceValue>({ choice: 'new', keyId: '', newName: '' });
  const [makeProfile, setMakeProfile] = useState(true);
  const [profileName, setProfileName] = useState('');
  const [profileNameTouched, setProfileNameTouched] = useState(false);
  const [org, setOrg] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const { busy, error, run } = useBusyAction();
  /** The client was made but a later step failed: trying again would make a second client. */
  const [partly, setPartly] = useState<string>();
  // A key made for this form is reused if the person tries again after an error (no pile of spare keys).
  const madeKeyId = useRef<string | undefined>(undefined);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => headingRef.current?.focus(), []);

  const hasKey = key.choice !== 'none';

  /** A field's message goes as soon as the person changes the field. */
  function clearError(...fields: (keyof Errors)[]) {
    setErrors((e) => {
      const next = { ...e };
      for (const f of fields) delete next[f];
      return next;
    });
  }
  const shownProfileName = profileNameTouched ? profileName : name;

  function validate(): Errors {
    const e: Errors = clientFieldErrors(fields);
    if (key.choice === 'existing' && !key.keyId) e.key = 'clients.errKey';
    if (hasKey && makeProfile && !shownProfileName.trim()) e.profileName = 'clients.errRequired';
    if (hasKey && makeProfile && org.trim() && !isOrgCode(org.trim())) e.org = 'clients.errOrg';
    return e;
  }

  async function write(confirmProduction: true | undefined) {
    let keyId: string | undefined;
    if (key.choice === 'existing') keyId = key.keyId;
    if (key.choice === 'new') {
      madeKeyId.current ??= (await generateKey(name.trim().slice(0, 80))).id;
      keyId = madeKeyId.current;
    }
    await createClient({
      clientName: name.trim(),
      description: description.trim(),
      scopes,
      ...(keyId ? { keyId } : {}),
      ...(keyId && makeProfile
        ? { createProfile: { name: shownProfileName.trim(), ...(org.trim() ? { org: org.trim() } : {}) } }
        : {}),
      ...(confirmProduction ? { confirmProduction } : {}),
    });
    onDone();
  }

  async function submit() {
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const failed = await run(() => guard(t('clients.actionCreate', { name: name.trim() }), write));
    const created = isApiError(failed) ? failed.details?.createdClientId : undefined;
    if (typeof created === 'string') setPartly(created);
  }

  return (
    <section className="clients-form" aria-labelledby={`${base}-title`} data-testid="clients-create-form">
      <Heading level={3} data-size="sm" id={`${base}-title`} ref={headingRef} tabIndex={-1}>
        {t('clients.createTitle', { env: environmentName })}
      </Heading>
      <Paragraph data-size="sm" className="clients-muted">
        {t('clients.createIntro')}
      </Paragraph>
      <ActionForm onSubmit={submit}>
        <div className="clients-form__fields">
          <ClientFields
            base={base}
            testIdPrefix="clients-create"
            withHelp
            value={fields}
            errors={errors}
            onChange={(field, next) => {
              setFields(next);
              // The profile name follows the client name until the person types one.
              clearError(field, ...(field === 'name' ? (['profileName'] as const) : []));
            }}
          />
          <KeyChoiceField
            value={key}
            onChange={(v) => {
              setKey(v);
              clearError('key');
            }}
            keys={keys}
            choices={['new', 'existing', 'none']}
            error={errors.key ? t(errors.key) : undefined}
            testId="clients-create-key"
          />
          {hasKey ? (
            <div className="clients-form__profile">
              <Checkbox
                label={t('clients.createProfile')}
                description={t('clients.createProfileHelp')}
                checked={makeProfile}
                onChange={(e) => setMakeProfile(e.target.checked)}
                data-testid="clients-create-profile"
              />
              {makeProfile ? (
                <div className="clients-form__fields clients-form__nested">
                  <Textfield
                    label={t('clients.profileName')}
                    value={shownProfileName}
                    onChange={(e) => {
                      setProfileNameTouched(true);
                      setProfileName(e.target.value);
                      clearError('profileName');
                    }}
                    error={errors.profileName ? t(errors.profileName) : undefined}
                    maxLength={80}
                    autoComplete="off"
                    data-testid="clients-create-profile-name"
                  />
                  <Textfield
                    label={t('clients.profileOrg')}
                    description={t('clients.profileOrgHelp')}
                    value={org}
                    onChange={(e) => {
                      setOrg(e.target.value);
                      clearError('org');
                    }}
                    error={errors.org ? t(errors.org) : undefined}
                    size={20}
                    autoComplete="off"
                    spellCheck={false}
                    data-testid="clients-create-org"
                  />
                </div>
              ) : null}
            </div>
          ) : null}
          {partly ? (
            <Alert data-color="warning" data-testid="clients-create-partly">
              <Paragraph>{t('clients.createdPartly', { clientId: partly })}</Paragraph>
            </Alert>
          ) : null}
          <FormFooter
            error={error}
            busy={busy}
            submitLabel={t('clients.create')}
            busyLabel={t('clients.creating')}
            submitTestId="clients-create-submit"
            submitDisabled={partly !== undefined}
            cancel={{ label: partly ? t('clients.backToList') : t('clients.cancel'), onClick: onCancel }}
          />
        </div>
      </ActionForm>
    </section>
  );
}
