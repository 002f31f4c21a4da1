import { Button } from '@digdir/designsystemet-react';
import { type ReactNode, type RefObject, useEffect } from 'react';
import { AppDialog } from '../../components/AppDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../hooks/use-t';

/**
 * The frame of every Keys dialog. It is mounted only while open; `initialFocus` takes focus once the
 * dialog is shown (the Dialog's own effect opens it, and a child's effect runs before its parent's).
 */
export function KeyDialog({
  title,
  onClose,
  children,
  testId,
  initialFocus,
  danger,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId: string;
  initialFocus?: RefObject<HTMLElement | null>;
  danger?: boolean;
}) {
  useEffect(() => {
    initialFocus?.current?.focus();
  }, [initialFocus]);
  return (
    <AppDialog
      open
      title={title}
      onClose={onClose}
      testId={testId}
      className={danger ? 'key-dialog key-dialog--danger' : 'key-dialog'}
    >
      {children}
    </AppDialog>
  );
}

/** The row of buttons at the foot of a dialog form: the main action first, then Cancel. */
export function DialogActions({ children }: { children: ReactNode }) {
  return <div className="button-row">{children}</div>;
}

/**
 * The foot of a Keys form dialog: the error of the last try (if any), then the submit button and Cancel.
 * Both wait while the form is busy. `children` go between them (another way to finish the form).
 */
export function FormFooter({
  error,
  busy,
  submitLabel,
  submitTestId,
  danger,
  onCancel,
  cancelRef,
  cancelVariant = 'secondary',
  children,
}: {
  error?: unknown;
  busy: boolean;
  submitLabel: string;
  submitTestId: string;
  danger?: boolean;
  onCancel: () => void;
  cancelRef?: RefObject<HTMLButtonElement | null>;
  cancelVariant?: 'secondary' | 'tertiary';
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <>
      {error ? <ErrorAlert error={error} /> : null}
      <DialogActions>
        <Button
          type="submit"
          data-color={danger ? 'danger' : undefined}
          loading={busy}
          disabled={busy}
          data-testid={submitTestId}
        >
          {submitLabel}
        </Button>
        {children}
        <Button ref={cancelRef} variant={cancelVariant} onClick={onCancel} disabled={busy}>
          {t('keys.cancel')}
        </Button>
      </DialogActions>
    </>
  );
}
