import { Alert, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useRef, useState } from 'react';
import type { KeySummary } from '../../../common/contract/keys';
import { MainConfirmNote } from '../../components/MainConfirmNote';
import { useT } from '../../hooks/use-t';
import { useKeysStore } from '../../store/use-keys-store';
import { FormFooter, KeyDialog } from './KeyDialog';
import { useDialogForm } from './use-dialog-form';

/** Deleting is final (the sealed file goes too), so the person types the key's name to confirm. */
export function DeleteKeyDialog({ keySummary, onClose }: { keySummary: KeySummary; onClose: () => void }) {
  const t = useT();
  const remove = useKeysStore((s) => s.remove);
  const ref = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState('');
  const form = useDialogForm(onClose);
  const matches = typed.trim() === keySummary.name;

  return (
    <KeyDialog
      title={t('keys.deleteTitle', { name: keySummary.name })}
      onClose={onClose}
      testId="delete-dialog"
      initialFocus={ref}
      danger
    >
      <form
        className="key-form"
        onSubmit={(event) =>
          form.submit(
            event,
            matches,
            () => remove(keySummary.id),
            () => ref.current,
          )
        }
        noValidate
        aria-busy={form.busy}
      >
        <Alert data-color="danger">
          <Paragraph>{t('keys.deleteBody', { kid: keySummary.kid })}</Paragraph>
        </Alert>
        <Paragraph data-size="sm">{t('keys.deleteBackupHint')}</Paragraph>
        <MainConfirmNote testId="delete-main-confirm" />
        <Textfield
          ref={ref}
          label={t('keys.deleteConfirmLabel')}
          description={<strong className="key-delete__name">{keySummary.name}</strong>}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          error={form.submitted && !matches ? t('keys.deleteConfirmMismatch', { name: keySummary.name }) : undefined}
          autoComplete="off"
          spellCheck={false}
          data-testid="delete-confirm"
        />
        <FormFooter
          error={form.error}
          busy={form.busy}
          submitLabel={form.busy ? t('keys.deleting') : t('keys.deleteSubmit')}
          submitTestId="delete-submit"
          danger
          onCancel={onClose}
        />
      </form>
    </KeyDialog>
  );
}
