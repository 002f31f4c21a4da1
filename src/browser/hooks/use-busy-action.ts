import { useCallback, useState } from 'react';

/**
 * The cycle of one action started by a button: busy while it runs (so it cannot start twice), its
 * failure kept in `error` for an ErrorAlert rather than thrown, so a form or dialog stays open with what
 * the person typed. `run` resolves to the error, or undefined when the action succeeded.
 */
export function useBusyAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  // The same function on every render, so hooks built on it can list it as a dependency.
  const run = useCallback(async (action: () => unknown): Promise<unknown> => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      return undefined;
    } catch (e) {
      setError(e);
      return e ?? new Error('The action failed');
    } finally {
      setBusy(false);
    }
  }, []);

  return { busy, error, setError, run };
}
