import { useCallback, useState } from 'react';
import { useBusyAction } from '../../hooks/use-busy-action';
import { useT } from '../../hooks/use-t';
import { selectEnvironment, useAppStore } from '../../store/use-app-store';
import { environmentLabel } from '../environment/environment-label';

/**
 * One write from a panel of the instance details: in Production the window asks first (ActProductionStep;
 * main then asks its own question before anything is sent), and the write is sent with `confirmProduction`.
 * Busy and error as useBusyAction keeps them.
 */
export function useActWrite() {
  const t = useT();
  const env = useAppStore(selectEnvironment);
  const production = env?.production ?? false;
  const environmentName = env ? environmentLabel(env, t) : '';
  const { busy, error, setError, run } = useBusyAction();
  const [pending, setPending] = useState<{ run: (confirmProduction?: true) => Promise<unknown> }>();

  /** Run `write` now outside Production; in Production after the yes of the step this hook shows. */
  const start = useCallback(
    (write: (confirmProduction?: true) => Promise<unknown>): Promise<unknown> => {
      setError(undefined);
      if (production) {
        setPending({ run: write });
        return Promise.resolve(undefined);
      }
      return run(() => write());
    },
    [production, run, setError],
  );

  const confirm = useCallback(async () => {
    const write = pending;
    setPending(undefined);
    if (write) await run(() => write.run(true));
  }, [pending, run]);

  return {
    busy,
    error,
    setError,
    production,
    environmentName,
    /** The production question is open. */
    asking: pending !== undefined,
    start,
    confirm,
    cancel: () => setPending(undefined),
  };
}
