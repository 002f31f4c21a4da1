import { Alert, Button, Dialog, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../hooks/use-t';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  body: string;
  /** Shown above the body in a warning box (the production notice). */
  warning?: { title: string; body: string };
  confirmLabel: string;
  /** Danger for deletions, accent for a save that only needs a second look. */
  tone: 'danger' | 'accent';
  onConfirm(): Promise<void> | void;
  onCancel(): void;
  testId: string;
}

/** Asks before an action; stays open with the error if the action fails, so nothing is lost silently. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const t = useT();
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  async function confirm() {
    setBusy(true);
    setError(undefined);
    try {
      await props.onConfirm();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function cancel() {
    setError(undefined);
    props.onCancel();
  }

  return (
    <Dialog
      open={props.open}
      onClose={cancel}
      closeButton={t('shell.close')}
      aria-labelledby={titleId}
      data-testid={props.testId}
    >
      <Dialog.Block>
        <Heading level={2} data-size="sm" id={titleId}>
          {props.title}
        </Heading>
      </Dialog.Block>
      <Dialog.Block className="profiles-dialog__body">
        {props.warning ? (
          <Alert data-color="danger" data-size="sm">
            <Heading level={3} data-size="2xs">
              {props.warning.title}
            </Heading>
            <Paragraph data-size="sm">{props.warning.body}</Paragraph>
          </Alert>
        ) : null}
        <Paragraph>{props.body}</Paragraph>
        {error ? <ErrorAlert error={error} /> : null}
        <div className="profiles-actions">
          <Button
            data-color={props.tone === 'danger' ? 'danger' : undefined}
            onClick={() => void confirm()}
            disabled={busy}
            aria-busy={busy}
            data-testid={`${props.testId}-confirm`}
          >
            {props.confirmLabel}
          </Button>
          <Button variant="secondary" onClick={cancel} disabled={busy}>
            {t('profiles.cancel')}
          </Button>
        </div>
      </Dialog.Block>
    </Dialog>
  );
}
