import type { Api } from '../../src/common/contract';
import { channelNames, eventNames, methodPath } from '../../src/common/contract';
import type { Dispatch } from '../../src/node/dispatch';

/**
 * A `window.api` built like main/app/preload.ts builds it, but calling `dispatch` directly (no IPC),
 * plus `emit` to push an event as main would.
 */
export function dispatchBridge(dispatch: Dispatch) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api: Record<string, unknown> = {};
  for (const name of channelNames) {
    const [ns, method] = methodPath(name);
    api[ns] ??= {};
    const group = api[ns] as Record<string, unknown>;
    group[method] = (input?: unknown) => dispatch(name, input);
  }
  api.on = (event: string, listener: (payload: unknown) => void) => {
    if (!(eventNames as string[]).includes(event)) throw new Error(`Unknown event ${event}`);
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener);
    return () => set.delete(listener);
  };
  return {
    api: api as unknown as Api,
    emit(event: string, payload: unknown) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
  };
}
