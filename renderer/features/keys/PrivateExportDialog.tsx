import { Alert, Button, Checkbox, Fieldset, Heading, Paragraph, Radio } from '@digdir/designsystemet-react';
import { type FormEvent, useRef, useState } from 'react';
import type { KeySummary } from '../../../main/contracts/keys';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../hooks/use-t';
import { useKeysStore } from '../../store/use-keys-store';
import { DialogActions, KeyDialog } from './KeyDialog';

type PrivateFormat = 'private-pem' | 'private-jwk-base64';

/**
 * The unencrypted private key, for a server's configuration (issue 4: only behind an explicit
 * confirmation that says what it means). The box must be ticked; main refuses without confirmUnencrypted.
 */
export function PrivateExportDialog({ keySummary, onClose }: { keySummary: KeySummary; onClose: () => void }) {
  const t = useT();
  const exportKeys = useKeysStore((s) => s.exportKeys);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [format, setFormat] = useState<PrivateFormat>('private-pem');
  const [confirmed, setConfirmed] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!confirmed) {
      document.getElementById('private-confirm')?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      if (await exportKeys({ ids: [keySummary.id], format, confirmUnencrypted: true })) {
        onClose();
        return;
      }
    } catch (e) {
      setError(e);
    }
    setBusy(false);
  }

  return (
    // Focus starts on Cancel: the safe choice is the one a stray Enter takes.
    <KeyDialog
      title={t('keys.privateTitle')}
      onClose={onClose}
      testId="private-export-dialog"
      initialFocus={cancelRef}
      danger
    >
      <form className="key-form" onSubmit={submit} noValidate aria-busy={busy}>
        <Alert data-color="danger">
          <Heading level={3} data-size="xs">
            {t('keys.privateWarningTitle')}
          </Heading>
          <Paragraph>{t('keys.privateWarning')}</Paragraph>
        </Alert>
        <Paragraph data-size="sm">{t('keys.privateBackupHint')}</Paragraph>
        <Fieldset>
          <Fieldset.Legend>{t('keys.privateFormat')}</Fieldset.Legend>
          <Radio
            name="private-format"
            value="private-pem"
            checked={format === 'private-pem'}
            onChange={() => setFormat('private-pem')}
            label={t('keys.privateFormatPem')}
            description={t('keys.privateFormatPemHelp')}
          />
          <Radio
            name="private-format"
            value="private-jwk-base64"
            checked={format === 'private-jwk-base64'}
            onChange={() => setFormat('private-jwk-base64')}
            label={t('keys.privateFormatJwk')}
            description={t('keys.privateFormatJwkHelp')}
          />
        </Fieldset>
        <Checkbox
          id="private-confirm"
          checked={confirmed}
          onChange={(e) => setConfirmed(e.target.checked)}
          label={t('keys.privateConfirm')}
          error={submitted && !confirmed ? t('keys.privateConfirmRequired') : undefined}
          data-testid="private-confirm"
        />
        {error ? <ErrorAlert error={error} /> : null}
        <DialogActions>
          <Button type="submit" data-color="danger" loading={busy} disabled={busy} data-testid="private-submit">
            {t('keys.privateSubmit')}
          </Button>
          <Button ref={cancelRef} variant="secondary" onClick={onClose} disabled={busy}>
            {t('keys.cancel')}
          </Button>
        </DialogActions>
      </form>
    </KeyDialog>
  );
}
