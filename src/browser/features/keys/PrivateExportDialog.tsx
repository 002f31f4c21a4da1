import { Alert, Checkbox, Fieldset, Heading, Paragraph, Radio } from '@digdir/designsystemet-react';
import { useRef, useState } from 'react';
import type { KeySummary } from '../../../common/contract/keys';
import { useT } from '../../hooks/use-t';
import { useKeysStore } from '../../store/use-keys-store';
import { FormFooter, KeyDialog } from './KeyDialog';
import { useDialogForm } from './use-dialog-form';

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
  const form = useDialogForm(onClose);

  return (
    // Focus starts on Cancel: the safe choice is the one a stray Enter takes.
    <KeyDialog
      title={t('keys.privateTitle')}
      onClose={onClose}
      testId="private-export-dialog"
      initialFocus={cancelRef}
      danger
    >
      <form
        className="key-form"
        onSubmit={(event) =>
          form.submit(
            event,
            confirmed,
            // No path: the person cancelled the save dialog.
            async () => Boolean(await exportKeys({ ids: [keySummary.id], format, confirmUnencrypted: true })),
            () => document.getElementById('private-confirm'),
          )
        }
        noValidate
        aria-busy={form.busy}
      >
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
          error={form.submitted && !confirmed ? t('keys.privateConfirmRequired') : undefined}
          data-testid="private-confirm"
        />
        <FormFooter
          error={form.error}
          busy={form.busy}
          submitLabel={t('keys.privateSubmit')}
          submitTestId="private-submit"
          danger
          onCancel={onClose}
          cancelRef={cancelRef}
        />
      </form>
    </KeyDialog>
  );
}
