import { Alert, Button, Dialog, Heading, Paragraph } from '@digdir/designsystemet-react';
import { type ReactNode, useId, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../hooks/use-t';

/**
 * A dialog that asks before one write on a client. In production it carries the red warning and is itself
 * the confirmation: only its "yes" sends `confirmProduction: true`. It stays open with the error on failure.
 */
export function WriteDialog({
  open,
  title,
  production,
  confirmLabel,
  busyLabel,
  tone,
  onConfirm,
  onClose,
  testId,
  children,
  confirmDisabled = false,
}: {
  open: boolean;
  title: string;
  production: boolean;
  confirmLabel: string;
  busyLabel: string;
  tone: 'danger' | 'accent';
  onConfirm(confirmProduction: true | undefined): Promise<void>;
  onClose(): void;
  testId: string;
  children: ReactNode;
  confirmDisabled?: boolean;
}) {
  const t = useT();
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  async function confirm() {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm(production ? true : undefined);
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function close() {
    if (busy) return;
    setError(undefined);
    onClose();
  }

  return (
    <Dialog open={open} onClose={close} closeButton={t('shell.close')} aria-labelledby={titleId} data-testid={testId}>
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={titleId}>
          {title}
        </Heading>
      </Dialog.Block>
      <Dialog.Block className="clients-dialog__body">
        {production ? (
          <Alert data-color="danger" data-size="sm" data-testid={`${testId}-production`}>
            <Heading level={3} data-size="2xs">
              {t('clients.productionWarningTitle')}
            </Heading>
            <Paragraph data-size="sm">{t('clients.productionBody')}</Paragraph>
          </Alert>
        ) : null}
        {children}
        {error ? <ErrorAlert error={error} /> : null}
        <div className="clients-actions">
          <Button
            data-color={tone === 'danger' || production ? 'danger' : undefined}
            onClick={() => void confirm()}
            disabled={busy || confirmDisabled}
            aria-busy={busy}
            data-testid={`${testId}-confirm`}
          >
            {busy ? busyLabel : production ? t('clients.productionConfirm') : confirmLabel}
          </Button>
          <Button variant="secondary" onClick={close} disabled={busy}>
            {t('clients.cancel')}
          </Button>
        </div>
      </Dialog.Block>
    </Dialog>
  );
}
