import { Button, Textfield } from '@digdir/designsystemet-react';
import { type FormEvent, useRef, useState } from 'react';
import type { KeySummary } from '../../../main/contracts/keys';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../hooks/use-t';
import { useKeysStore } from '../../store/use-keys-store';
import { DialogActions, KeyDialog } from './KeyDialog';
import { nameProblem } from './key-validation';

export function RenameKeyDialog({ keySummary, onClose }: { keySummary: KeySummary; onClose: () => void }) {
  const t = useT();
  const rename = useKeysStore((s) => s.rename);
  const ref = useRef<HTMLInputElement>(null);
  const [name, setName] = useState(keySummary.name);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const problem = nameProblem(name);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (problem) {
      ref.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await rename(keySummary.id, name.trim());
      onClose();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <KeyDialog title={t('keys.renameTitle')} onClose={onClose} testId="rename-dialog" initialFocus={ref}>
      <form className="key-form" onSubmit={submit} noValidate aria-busy={busy}>
        <Textfield
          ref={ref}
          label={t('keys.nameLabel')}
          description={t('keys.renameHelp')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={submitted && problem ? t(problem) : undefined}
          autoComplete="off"
          data-testid="rename-name"
        />
        {error ? <ErrorAlert error={error} /> : null}
        <DialogActions>
          <Button type="submit" loading={busy} disabled={busy} data-testid="rename-submit">
            {t('keys.renameSubmit')}
          </Button>
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            {t('keys.cancel')}
          </Button>
        </DialogActions>
      </form>
    </KeyDialog>
  );
}
