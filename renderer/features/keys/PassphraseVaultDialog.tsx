import { Button, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { type FormEvent, useRef, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../hooks/use-t';
import { useKeysStore } from '../../store/use-keys-store';
import { DialogActions, KeyDialog } from './KeyDialog';
import { newPassphraseProblems } from './key-validation';

/** The explicit choice of a passphrase vault when the OS keychain does not answer (keys:vault-use-passphrase). */
export function PassphraseVaultDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const switchToPassphraseVault = useKeysStore((s) => s.switchToPassphraseVault);
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
      await switchToPassphraseVault(passphrase);
      onClose();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <KeyDialog title={t('keys.vaultNewTitle')} onClose={onClose} testId="passphrase-vault-dialog" initialFocus={ref}>
      <form className="key-form" onSubmit={submit} noValidate aria-busy={busy}>
        <Paragraph>{t('keys.vaultNewIntro')}</Paragraph>
        <Textfield
          ref={ref}
          type="password"
          label={t('keys.vaultNewPassphrase')}
          description={t('keys.vaultNewPassphraseHelp')}
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          error={submitted && problems.passphrase ? t(problems.passphrase) : undefined}
          autoComplete="new-password"
          data-testid="vault-new-passphrase"
        />
        <Textfield
          type="password"
          label={t('keys.vaultRepeat')}
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          error={submitted && problems.repeat ? t(problems.repeat) : undefined}
          autoComplete="new-password"
          data-testid="vault-new-repeat"
        />
        {error ? <ErrorAlert error={error} /> : null}
        <DialogActions>
          <Button type="submit" loading={busy} disabled={busy} data-testid="vault-new-submit">
            {t('keys.vaultCreate')}
          </Button>
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            {t('keys.cancel')}
          </Button>
        </DialogActions>
      </form>
    </KeyDialog>
  );
}
