import { Button, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { type FormEvent, useRef, useState } from 'react';
import type { KeySummary } from '../../../main/contracts/keys';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../hooks/use-t';
import { useKeysStore } from '../../store/use-keys-store';
import { DialogActions, KeyDialog } from './KeyDialog';
import { newPassphraseProblems } from './key-validation';

/** keys:export format "backup": passphrase-encrypted PKCS#8 PEM, saved through main's native save dialog. */
export function BackupDialog({ keySummary, onClose }: { keySummary: KeySummary; onClose: () => void }) {
  const t = useT();
  const exportKeys = useKeysStore((s) => s.exportKeys);
  const ref = useRef<HTMLInputElement>(null);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const problems = newPassphraseProblems(passphrase, repeat);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (problems.passphrase || problems.repeat) return;
    setBusy(true);
    setError(undefined);
    try {
      if (await exportKeys({ ids: [keySummary.id], format: 'backup', passphrase })) {
        onClose();
        return;
      }
    } catch (e) {
      setError(e);
    }
    setBusy(false);
  }

  return (
    <KeyDialog
      title={t('keys.backupTitle', { name: keySummary.name })}
      onClose={onClose}
      testId="backup-dialog"
      initialFocus={ref}
    >
      <form className="key-form" onSubmit={submit} noValidate aria-busy={busy}>
        <Paragraph>{t('keys.backupIntro')}</Paragraph>
        <Textfield
          ref={ref}
          type="password"
          label={t('keys.backupPassphrase')}
          description={t('keys.vaultNewPassphraseHelp')}
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          error={submitted && problems.passphrase ? t(problems.passphrase) : undefined}
          autoComplete="new-password"
          data-testid="backup-passphrase"
        />
        <Textfield
          type="password"
          label={t('keys.vaultRepeat')}
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          error={submitted && problems.repeat ? t(problems.repeat) : undefined}
          autoComplete="new-password"
          data-testid="backup-repeat"
        />
        {error ? <ErrorAlert error={error} /> : null}
        <DialogActions>
          <Button type="submit" loading={busy} disabled={busy} data-testid="backup-submit">
            {t('keys.backupSubmit')}
          </Button>
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            {t('keys.cancel')}
          </Button>
        </DialogActions>
      </form>
    </KeyDialog>
  );
}
