import { type FormEvent, useState } from 'react';
import { useBusyAction } from '../../hooks/use-busy-action';

/**
 * The submit cycle the Keys form dialogs share: a first submit turns on the field errors; a form without
 * problems runs its action once (busy meanwhile), closes when it is done, and on failure stays open
 * with the error so nothing typed is lost. An action that answers `false` (the person cancelled the
 * native save dialog) leaves the form open as it was.
 */
export function useDialogForm(onClose: () => void) {
  const [submitted, setSubmitted] = useState(false);
  const busyAction = useBusyAction();
  const { busy, error } = busyAction;

  async function run(action: () => Promise<unknown>) {
    let answer: unknown;
    const failed = await busyAction.run(async () => {
      answer = await action();
    });
    if (!failed && answer !== false) onClose();
  }

  /**
   * For the form's onSubmit. `ready`: the fields have no problem; otherwise `firstProblem` (if given)
   * names the field that gets focus.
   */
  function submit(
    event: FormEvent,
    ready: boolean,
    action: () => Promise<unknown>,
    firstProblem?: () => HTMLElement | null | undefined,
  ) {
    event.preventDefault();
    setSubmitted(true);
    if (!ready) {
      firstProblem?.()?.focus();
      return;
    }
    void run(action);
  }

  return { submitted, busy, error, run, submit };
}
