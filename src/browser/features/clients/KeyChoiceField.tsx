import { Field, Fieldset, Label, Radio, Select, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useId } from 'react';
import type { KeySummary } from '../../../common/contract/keys';
import { useT } from '../../hooks/use-t';

export type KeyChoice = 'new' | 'existing' | 'none';

export interface KeyChoiceValue {
  choice: KeyChoice;
  keyId: string;
  /** Name of the key to make when choice is 'new'. */
  newName: string;
}

/**
 * Which key goes on the client: a new one made here (the default: one key per client keeps rotation simple),
 * one already stored, or (when creating) none yet.
 */
export function KeyChoiceField({
  value,
  onChange,
  keys,
  choices,
  kidsOnClient = [],
  error,
  testId,
  newNameLabel,
}: {
  value: KeyChoiceValue;
  onChange(value: KeyChoiceValue): void;
  keys: readonly KeySummary[];
  choices: readonly KeyChoice[];
  kidsOnClient?: readonly string[];
  error?: string;
  testId: string;
  newNameLabel?: string;
}) {
  const t = useT();
  const selectId = useId();
  const name = useId();
  const labels: Record<KeyChoice, string> = {
    new: t('clients.keyChoiceNew'),
    existing: t('clients.keyChoiceExisting'),
    none: t('clients.keyChoiceNone'),
  };
  const offered = choices.filter((c) => c !== 'existing' || keys.length > 0);
  return (
    <Fieldset data-testid={testId} className="clients-key-choice">
      <Fieldset.Legend>{t('clients.keyChoice')}</Fieldset.Legend>
      <Fieldset.Description>{t('clients.keyChoiceHelp')}</Fieldset.Description>
      {offered.map((c) => (
        <Radio
          key={c}
          name={name}
          value={c}
          label={labels[c]}
          checked={value.choice === c}
          onChange={() => onChange({ ...value, choice: c })}
          data-testid={`${testId}-${c}`}
        />
      ))}
      {value.choice === 'new' && newNameLabel ? (
        <Textfield
          label={newNameLabel}
          value={value.newName}
          onChange={(e) => onChange({ ...value, newName: e.target.value })}
          maxLength={80}
          autoComplete="off"
          data-testid={`${testId}-name`}
        />
      ) : null}
      {value.choice === 'existing' ? (
        <Field>
          <Label htmlFor={selectId}>{t('clients.keySelect')}</Label>
          <Select
            id={selectId}
            value={value.keyId}
            onChange={(e) => onChange({ ...value, keyId: e.target.value })}
            data-testid={`${testId}-select`}
          >
            <Select.Option value="" disabled>
              {t('clients.keySelectChoose')}
            </Select.Option>
            {keys.map((k) => (
              <Select.Option key={k.id} value={k.id}>
                {t(kidsOnClient.includes(k.kid) ? 'clients.keyOptionOnClient' : 'clients.keyOption', {
                  name: k.name,
                  kid: k.kid,
                })}
              </Select.Option>
            ))}
          </Select>
        </Field>
      ) : null}
      {error ? <ValidationMessage>{error}</ValidationMessage> : null}
    </Fieldset>
  );
}
