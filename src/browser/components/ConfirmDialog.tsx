import { Button, Paragraph } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useBusyAction } from '../hooks/use-busy-action';
import { AppDialog } from './AppDialog';
import { ErrorAlert } from './ErrorAlert';
import { ProductionWarning } from './ProductionWarning';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  body?: string;
  /** Shown above the body in a red box (the production notice). */
  warning?: { title: string; body: string };
  confirmLabel: string;
  cancelLabel: string;
  /** Danger for deletions and production, accent for a save that only needs a second look. */
  tone: 'danger' | 'accent';
  onConfirm(): Promise<void> | void;
  onCancel(): void;
  testId: string;
  /** The confirm button's test id; `<testId>-confirm` unless given. */
  confirmTestId?: string;
  /** What the question is about, below the body (say, the profile and environment). */
  children?: ReactNode;
}

/** Asks before an action; stays open with the error if the action fails, so nothing is lost silently. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { busy, error, setError, run } = useBusyAction();
  const confirm = () => run(() => props.onConfirm());

  function cancel() {
    setError(undefined);
    props.onCancel();
  }

  return (
    <AppDialog open={props.open} title={props.title} onClose={cancel} testId={props.testId} bodyClassName="dialog-body">
      {props.warning ? <ProductionWarning title={props.warning.title} body={props.warning.body} /> : null}
      {props.body ? <Paragraph>{props.body}</Paragraph> : null}
      {props.children}
      {error ? <ErrorAlert error={error} /> : null}
      <div className="button-row">
        <Button
          data-color={props.tone === 'danger' ? 'danger' : undefined}
          onClick={() => void confirm()}
          disabled={busy}
          aria-busy={busy}
          data-testid={props.confirmTestId ?? `${props.testId}-confirm`}
        >
          {props.confirmLabel}
        </Button>
        <Button variant="secondary" onClick={cancel} disabled={busy}>
          {props.cancelLabel}
        </Button>
      </div>
    </AppDialog>
  );
}
