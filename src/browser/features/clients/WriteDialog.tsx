import { Button } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { AppDialog } from '../../components/AppDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { MainConfirmNote } from '../../components/MainConfirmNote';
import { ProductionWarning } from '../../components/ProductionWarning';
import { useBusyAction } from '../../hooks/use-busy-action';
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
  keyChange = false,
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
  /** A change of the client's keys: main confirms it in its own dialog, in every environment. */
  keyChange?: boolean;
}) {
  const t = useT();
  const { busy, error, setError, run } = useBusyAction();

  async function confirm() {
    if (!(await run(() => onConfirm(production ? true : undefined)))) onClose();
  }

  function close() {
    if (busy) return;
    setError(undefined);
    onClose();
  }

  return (
    <AppDialog open={open} title={title} onClose={close} testId={testId} bodyClassName="dialog-body">
      {production ? (
        <ProductionWarning
          title={t('clients.productionWarningTitle')}
          body={t('clients.productionBody')}
          testId={`${testId}-production`}
        />
      ) : null}
      {children}
      {production || keyChange ? <MainConfirmNote testId={`${testId}-main-confirm`} keys={keyChange} /> : null}
      {error ? <ErrorAlert error={error} /> : null}
      <div className="button-row">
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
    </AppDialog>
  );
}
