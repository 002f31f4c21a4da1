import { Textfield } from '@digdir/designsystemet-react';
import type { RefObject } from 'react';
import { useT } from '../../hooks/use-t';
import type { newPassphraseProblems } from './key-validation';

export interface NewPassphrase {
  passphrase: string;
  repeat: string;
}

export const emptyNewPassphrase: NewPassphrase = { passphrase: '', repeat: '' };

/**
 * A passphrase the person makes up, typed twice (a typo would lock them out of what it protects).
 * The test ids are `<testIdPrefix>-passphrase` and `<testIdPrefix>-repeat`.
 */
export function NewPassphraseFields({
  label,
  description,
  value,
  onChange,
  problems,
  showErrors,
  inputRef,
  testIdPrefix,
}: {
  label: string;
  /** Under the first field; the vault's rule unless given. */
  description?: string;
  value: NewPassphrase;
  onChange: (value: NewPassphrase) => void;
  problems: ReturnType<typeof newPassphraseProblems>;
  /** After the first submit: the problems show from then on. */
  showErrors: boolean;
  inputRef?: RefObject<HTMLInputElement | null>;
  testIdPrefix: string;
}) {
  const t = useT();
  return (
    <>
      <Textfield
        ref={inputRef}
        type="password"
        label={label}
        description={description ?? t('keys.vaultNewPassphraseHelp')}
        value={value.passphrase}
        onChange={(e) => onChange({ ...value, passphrase: e.target.value })}
        error={showErrors && problems.passphrase ? t(problems.passphrase) : undefined}
        autoComplete="new-password"
        data-testid={`${testIdPrefix}-passphrase`}
      />
      <Textfield
        type="password"
        label={t('keys.vaultRepeat')}
        value={value.repeat}
        onChange={(e) => onChange({ ...value, repeat: e.target.value })}
        error={showErrors && problems.repeat ? t(problems.repeat) : undefined}
        autoComplete="new-password"
        data-testid={`${testIdPrefix}-repeat`}
      />
    </>
  );
}
