import { Textfield } from '@digdir/designsystemet-react';
import type { MessageKey } from '../../../common/i18n/translate';
import { useT } from '../../hooks/use-t';
import { ScopeListField } from './ScopeListField';

export interface ClientFieldValues {
  name: string;
  description: string;
  scopes: string[];
}

export type ClientFieldErrors = Partial<Record<keyof ClientFieldValues, MessageKey>>;

/** What Maskinporten requires of a client's details, for the create and the edit form alike. */
export function clientFieldErrors({ name, description, scopes }: ClientFieldValues): ClientFieldErrors {
  const e: ClientFieldErrors = {};
  if (!name.trim()) e.name = 'clients.errRequired';
  if (!description.trim()) e.description = 'clients.errRequired';
  if (scopes.length === 0) e.scopes = 'clients.errScopes';
  return e;
}

/**
 * A client's name, description and scopes. The create form explains each field (`withHelp`); the edit
 * form, shown under a client the person already knows, keeps them short.
 */
export function ClientFields({
  base,
  testIdPrefix,
  withHelp,
  value,
  errors,
  onChange,
}: {
  base: string;
  testIdPrefix: string;
  withHelp: boolean;
  value: ClientFieldValues;
  errors: ClientFieldErrors;
  onChange(field: keyof ClientFieldValues, next: ClientFieldValues): void;
}) {
  const t = useT();
  const set = <K extends keyof ClientFieldValues>(field: K, v: ClientFieldValues[K]) =>
    onChange(field, { ...value, [field]: v });
  return (
    <>
      <Textfield
        label={t('clients.clientName')}
        description={withHelp ? t('clients.clientNameHelp') : undefined}
        value={value.name}
        onChange={(e) => set('name', e.target.value)}
        error={errors.name ? t(errors.name) : undefined}
        maxLength={200}
        autoComplete="off"
        data-testid={`${testIdPrefix}-name`}
      />
      <Textfield
        multiline
        rows={2}
        label={t('clients.clientDescription')}
        description={withHelp ? t('clients.clientDescriptionHelp') : undefined}
        value={value.description}
        onChange={(e) => set('description', e.target.value)}
        error={errors.description ? t(errors.description) : undefined}
        maxLength={1000}
        data-testid={`${testIdPrefix}-description`}
      />
      <ScopeListField
        id={`${base}-scopes`}
        testId={`${testIdPrefix}-scopes`}
        label={t('clients.clientScopes')}
        description={t('clients.clientScopesHelp')}
        scopes={value.scopes}
        onChange={(next) => set('scopes', next)}
        error={errors.scopes}
      />
    </>
  );
}
