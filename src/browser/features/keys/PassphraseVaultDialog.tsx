import { Paragraph } from '@digdir/designsystemet-react';
import { useRef, useState } from 'react';
import { useT } from '../../hooks/use-t';
import { useKeysStore } from '../../store/use-keys-store';
import { FormFooter, KeyDialog } from './KeyDialog';
import { newPassphraseProblems } from './key-validation';
import { emptyNewPassphrase, NewPassphraseFields } from './NewPassphraseFields';
import { useDialogForm } from './use-dialog-form';

/** The explicit choice of a passphrase vault when the OS keychain does not answer (keys:vault-use-passphrase). */
export function PassphraseVaultDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const switchToPassphraseVault = useKeysStore((s) => s.switchToPassphraseVault);
  const ref = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(emptyNewPassphrase);
  const form = useDialogForm(onClose);
  const problems = newPassphraseProblems(value.passphrase, value.repeat);

  return (
    <KeyDialog title={t('keys.vaultNewTitle')} onClose={onClose} testId="passphrase-vault-dialog" initialFocus={ref}>
      <form
        className="key-form"
        onSubmit={(event) =>
          form.submit(event, !problems.passphrase && !problems.repeat, () => switchToPassphraseVault(value.passphrase))
        }
        noValidate
        aria-busy={form.busy}
      >
        <Paragraph>{t('keys.vaultNewIntro')}</Paragraph>
        <NewPassphraseFields
          label={t('keys.vaultNewPassphrase')}
          value={value}
          onChange={setValue}
          problems={problems}
          showErrors={form.submitted}
          inputRef={ref}
          testIdPrefix="vault-new"
        />
        <FormFooter
          error={form.error}
          busy={form.busy}
          submitLabel={t('keys.vaultCreate')}
          submitTestId="vault-new-submit"
          onCancel={onClose}
        />
      </form>
    </KeyDialog>
  );
}
