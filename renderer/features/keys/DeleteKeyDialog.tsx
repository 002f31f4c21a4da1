import { Alert, Button, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { type FormEvent, useRef, useState } from 'react';
import type { KeySummary } from '../../../main/contracts/keys';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../hooks/use-t';
import { useKeysStore } from '../../store/use-keys-store';
import { DialogActions, KeyDialog } from './KeyDialog';

/** Deleting is final (the sealed file goes too), so the person types the key's name to confirm. */
export function DeleteKeyDialog({ keySummary, onClose }: { keySummary: KeySummary; onClose: () => void }) {
  const t = useT();
  const remove = useKeysStore((s) => s.remove);
  const ref = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const matches = typed.trim() === keySummary.name;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!matches) {
      ref.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await remove(keySummary.id);
      onClose();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <KeyDialog
      title={t('keys.deleteTitle', { name: keySummary.name })}
      onClose={onClose}
      testId="delete-dialog"
      initialFocus={ref}
      danger
    >
      <form className="key-form" onSubmit={submit} noValidate aria-busy={busy}>
        <Alert data-color="danger">
          <Paragraph>{t('keys.deleteBody', { kid: keySummary.kid })}</Paragraph>
        </Alert>
        <Paragraph data-size="sm">{t('keys.deleteBackupHint')}</Paragraph>
        <Textfield
          ref={ref}
          label={t('keys.deleteConfirmLabel')}
          description={<strong className="key-delete__name">{keySummary.name}</strong>}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          error={submitted && !matches ? t('keys.deleteConfirmMismatch', { name: keySummary.name }) : undefined}
          autoComplete="off"
          spellCheck={false}
          data-testid="delete-confirm"
        />
        {error ? <ErrorAlert error={error} /> : null}
        <DialogActions>
          <Button type="submit" data-color="danger" loading={busy} disabled={busy} data-testid="delete-submit">
            {busy ? t('keys.deleting') : t('keys.deleteSubmit')}
          </Button>
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            {t('keys.cancel')}
          </Button>
        </DialogActions>
      </form>
    </KeyDialog>
  );
}
