import { Paragraph } from '@digdir/designsystemet-react';
import { useRef, useState } from 'react';
import type { KeySummary } from '../../../common/contract/keys';
import { useT } from '../../hooks/use-t';
import { useKeysStore } from '../../store/use-keys-store';
import { FormFooter, KeyDialog } from './KeyDialog';
import { newPassphraseProblems } from './key-validation';
import { emptyNewPassphrase, NewPassphraseFields } from './NewPassphraseFields';
import { useDialogForm } from './use-dialog-form';

/** keys:export format "backup": passphrase-encrypted PKCS#8 PEM, saved through main's native save dialog. */
export function BackupDialog({ keySummary, onClose }: { keySummary: KeySummary; onClose: () => void }) {
  const t = useT();
  const exportKeys = useKeysStore((s) => s.exportKeys);
  const ref = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(emptyNewPassphrase);
  const form = useDialogForm(onClose);
  const problems = newPassphraseProblems(value.passphrase, value.repeat, 'backup');

  return (
    <KeyDialog
      title={t('keys.backupTitle', { name: keySummary.name })}
      onClose={onClose}
      testId="backup-dialog"
      initialFocus={ref}
    >
      <form
        className="key-form"
        onSubmit={(event) =>
          form.submit(event, !problems.passphrase && !problems.repeat, async () =>
            // No path: the person cancelled the save dialog.
            Boolean(await exportKeys({ ids: [keySummary.id], format: 'backup', passphrase: value.passphrase })),
          )
        }
        noValidate
        aria-busy={form.busy}
      >
        <Paragraph>{t('keys.backupIntro')}</Paragraph>
        <NewPassphraseFields
          label={t('keys.backupPassphrase')}
          description={t('keys.backupPassphraseHelp')}
          value={value}
          onChange={setValue}
          problems={problems}
          showErrors={form.submitted}
          inputRef={ref}
          testIdPrefix="backup"
        />
        <FormFooter
          error={form.error}
          busy={form.busy}
          submitLabel={t('keys.backupSubmit')}
          submitTestId="backup-submit"
          onCancel={onClose}
        />
      </form>
    </KeyDialog>
  );
}
