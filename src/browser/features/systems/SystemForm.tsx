import { Button, Checkbox, Fieldset, Heading, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useId, useRef, useState } from 'react';
import type { RegisteredSystem } from '../../../common/contract/systems';
import type { MessageKey } from '../../../common/i18n/translate';
import { ActionForm } from '../../components/ActionForm';
import { FormFooter } from '../../components/FormFooter';
import { useBusyAction } from '../../hooks/use-busy-action';
import { useT } from '../../hooks/use-t';
import { useSystemsStore } from '../../store/use-systems-store';
import type { useProductionGuard } from '../clients/use-production-guard';
import { ValueListField } from '../profiles/ValueListField';
import {
  changedFields,
  type DraftErrors,
  type DraftField,
  draftErrors,
  draftOf,
  fieldsOfDraft,
  type ListKind,
  listValueError,
  newDraft,
  type SystemDraft,
} from './system-draft';

type ListField = 'resourceIds' | 'accessPackages' | 'clientIds' | 'allowedRedirectUrls';
const LIST_KINDS: Record<ListField, ListKind> = {
  resourceIds: 'resource',
  accessPackages: 'package',
  clientIds: 'clientId',
  allowedRedirectUrls: 'url',
};

/**
 * Register a system, or change one: its id (`<org number>_<name>`), name and description in the three
 * languages, the rights and access packages it needs, the Maskinporten clients that may act for it (the
 * profiles' client ids offered), and the redirect URLs requests may use.
 */
export function SystemForm({
  environmentName,
  system,
  guard,
  onDone,
  onCancel,
}: {
  environmentName: string;
  /** The system to change; absent to register a new one. */
  system?: RegisteredSystem;
  guard: ReturnType<typeof useProductionGuard>['guard'];
  onDone(): void;
  onCancel(): void;
}) {
  const t = useT();
  const base = useId();
  const vendorOrgNo = useSystemsStore((s) => s.vendorOrgNo);
  const profiles = useSystemsStore((s) => s.profiles.value);
  const createSystem = useSystemsStore((s) => s.createSystem);
  const updateSystem = useSystemsStore((s) => s.updateSystem);
  const clientIdsOfProfiles = [...new Set(profiles.map((p) => p.clientId))];
  const [draft, setDraft] = useState<SystemDraft>(() =>
    system ? draftOf(system) : newDraft(vendorOrgNo, clientIdsOfProfiles.slice(0, 1)),
  );
  const [errors, setErrors] = useState<DraftErrors>({});
  const [entries, setEntries] = useState<Record<ListField, string>>({
    resourceIds: '',
    accessPackages: '',
    clientIds: '',
    allowedRedirectUrls: '',
  });
  const [entryErrors, setEntryErrors] = useState<Partial<Record<ListField, MessageKey>>>({});
  const { busy, error, run } = useBusyAction();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const org = vendorOrgNo ?? '…';

  useEffect(() => headingRef.current?.focus(), []);

  function update<K extends keyof SystemDraft>(field: K, value: SystemDraft[K]) {
    setDraft((d) => ({ ...d, [field]: value }));
    if (field in errors) setErrors((e) => ({ ...e, [field as DraftField]: undefined }));
  }

  function addTo(field: ListField, value = entries[field]) {
    const problem = listValueError(LIST_KINDS[field], value, draft[field]);
    if (problem) {
      setEntryErrors((e) => ({ ...e, [field]: problem }));
      return;
    }
    update(field, [...draft[field], value.trim()]);
    setEntries((e) => ({ ...e, [field]: '' }));
    setEntryErrors((e) => ({ ...e, [field]: undefined }));
  }

  function removeFrom(field: ListField, value: string) {
    update(
      field,
      draft[field].filter((v) => v !== value),
    );
  }

  async function submit() {
    const found = draftErrors(draft, vendorOrgNo);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const fields = fieldsOfDraft(draft);
    const label = system ? t('systems.editTitle', { name: system.name.nb }) : t('systems.createTitle');
    await run(() =>
      guard(label, async (confirmProduction) => {
        if (system) {
          const before = fieldsOfDraft(draftOf(system));
          const changes = changedFields(before, fields);
          if (Object.keys(changes).length > 0) await updateSystem(changes, confirmProduction);
        } else {
          await createSystem({ ...fields, id: draft.id.trim() }, confirmProduction);
        }
        onDone();
      }),
    );
  }

  type TextField = 'nameNb' | 'nameNn' | 'nameEn' | 'descriptionNb' | 'descriptionNn' | 'descriptionEn';
  const text = (field: TextField, label: MessageKey, testId: string, multiline = false) => {
    const fieldError = errors[field as DraftField];
    const common = {
      label: t(label),
      value: draft[field],
      error: fieldError ? t(fieldError) : undefined,
      maxLength: 500,
      'data-testid': testId,
    };
    return multiline ? (
      <Textfield {...common} multiline rows={2} onChange={(e) => update(field, e.target.value)} />
    ) : (
      <Textfield {...common} onChange={(e) => update(field, e.target.value)} />
    );
  };

  const list = (
    field: ListField,
    label: MessageKey,
    help: string,
    add: MessageKey,
    empty: MessageKey,
    testId: string,
  ) => (
    <ValueListField
      id={`${base}-${field}`}
      label={t(label)}
      description={help}
      values={draft[field]}
      text={entries[field]}
      onTextChange={(v) => {
        setEntries((e) => ({ ...e, [field]: v }));
        setEntryErrors((e) => ({ ...e, [field]: undefined }));
      }}
      onAdd={() => addTo(field)}
      onRemove={(v) => removeFrom(field, v)}
      addLabel={t(add)}
      emptyText={t(empty)}
      error={entryErrors[field] ? t(entryErrors[field] as MessageKey) : undefined}
      testId={testId}
    />
  );

  const suggestions = clientIdsOfProfiles.filter((c) => !draft.clientIds.includes(c));

  return (
    <section className="systems-form" aria-labelledby={`${base}-title`} data-testid="systems-form">
      <Heading level={3} data-size="sm" id={`${base}-title`} ref={headingRef} tabIndex={-1}>
        {system ? t('systems.editTitle', { name: system.name.nb }) : t('systems.createTitle')}
      </Heading>
      <ActionForm onSubmit={submit}>
        <div className="systems-form__fields">
          <Textfield
            label={t('systems.idLabel')}
            description={t('systems.idHelp', { org })}
            value={draft.id}
            onChange={(e) => update('id', e.target.value)}
            error={errors.id ? t(errors.id, { org }) : undefined}
            readOnly={system !== undefined}
            spellCheck={false}
            autoComplete="off"
            data-testid="systems-form-id"
          />
          <Fieldset>
            <Fieldset.Legend>{t('systems.nameLegend')}</Fieldset.Legend>
            <div className="systems-form__langs">
              {text('nameNb', 'systems.langNb', 'systems-form-name-nb')}
              {text('nameNn', 'systems.langNn', 'systems-form-name-nn')}
              {text('nameEn', 'systems.langEn', 'systems-form-name-en')}
            </div>
          </Fieldset>
          <Fieldset>
            <Fieldset.Legend>{t('systems.descriptionLegend')}</Fieldset.Legend>
            <div className="systems-form__langs">
              {text('descriptionNb', 'systems.langNb', 'systems-form-description-nb', true)}
              {text('descriptionNn', 'systems.langNn', 'systems-form-description-nn', true)}
              {text('descriptionEn', 'systems.langEn', 'systems-form-description-en', true)}
            </div>
          </Fieldset>
          {list(
            'resourceIds',
            'systems.resourcesLabel',
            t('systems.resourcesHelp'),
            'systems.resourcesAdd',
            'systems.resourcesEmpty',
            'systems-form-resources',
          )}
          {list(
            'accessPackages',
            'systems.packagesLabel',
            t('systems.packagesHelp'),
            'systems.packagesAdd',
            'systems.packagesEmpty',
            'systems-form-packages',
          )}
          <div>
            {list(
              'clientIds',
              'systems.clientIdsLegend',
              t('systems.clientIdsHelp', { env: environmentName }),
              'systems.clientIdAdd',
              'systems.none',
              'systems-form-clients',
            )}
            {suggestions.length > 0 ? (
              <ul className="systems-suggestions" data-testid="systems-form-client-suggestions">
                {suggestions.map((clientId) => {
                  const names = profiles
                    .filter((p) => p.clientId === clientId)
                    .map((p) => p.name)
                    .join(', ');
                  return (
                    <li key={clientId}>
                      <Button
                        type="button"
                        variant="tertiary"
                        data-size="sm"
                        onClick={() => addTo('clientIds', clientId)}
                        data-testid="systems-form-client-suggestion"
                      >
                        + <code>{clientId}</code>
                      </Button>
                      <span className="systems-muted">{t('systems.clientIdProfiles', { names })}</span>
                    </li>
                  );
                })}
              </ul>
            ) : null}
          </div>
          {list(
            'allowedRedirectUrls',
            'systems.redirectsLabel',
            t('systems.redirectsHelp'),
            'systems.redirectsAdd',
            'systems.redirectsEmpty',
            'systems-form-redirects',
          )}
          <Checkbox
            label={t('systems.visibleLabel')}
            description={t('systems.visibleHelp')}
            checked={draft.isVisible}
            onChange={(e) => update('isVisible', e.target.checked)}
            data-testid="systems-form-visible"
          />
          {Object.values(errors).some(Boolean) ? (
            <p className="systems-form__summary" role="alert">
              {t('systems.errFixFields')}
            </p>
          ) : null}
          <FormFooter
            error={error}
            busy={busy}
            submitLabel={system ? t('systems.saveChanges') : t('systems.save')}
            busyLabel={t('systems.saving')}
            submitTestId="systems-form-submit"
            cancel={{ label: t('systems.cancel'), onClick: onCancel }}
          />
        </div>
      </ActionForm>
    </section>
  );
}
