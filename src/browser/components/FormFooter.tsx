import { Button } from '@digdir/designsystemet-react';
import { ErrorAlert } from './ErrorAlert';

/**
 * The end of a form whose submit runs one action (useBusyAction): the action's error, the submit button
 * with its busy label while the action runs, and, where the form can be left, a cancel button. Neither
 * button can be pressed while the action runs.
 */
export function FormFooter({
  error,
  busy,
  submitLabel,
  busyLabel,
  submitTestId,
  submitDisabled = false,
  cancel,
}: {
  error: unknown;
  busy: boolean;
  submitLabel: string;
  busyLabel: string;
  submitTestId: string;
  /** Why the form cannot be sent yet (besides while busy). */
  submitDisabled?: boolean;
  cancel?: { label: string; onClick(): void };
}) {
  return (
    <>
      {error ? <ErrorAlert error={error} /> : null}
      <div className="button-row">
        <Button type="submit" disabled={busy || submitDisabled} aria-busy={busy} data-testid={submitTestId}>
          {busy ? busyLabel : submitLabel}
        </Button>
        {cancel ? (
          <Button type="button" variant="secondary" onClick={cancel.onClick} disabled={busy}>
            {cancel.label}
          </Button>
        ) : null}
      </div>
    </>
  );
}
