import type { Api } from '../../src/common/contract';
import { apiShape } from '../../src/common/contract';
import { buildApi } from '../../src/common/contract/build-api';
import type { Dispatch } from '../../src/node/dispatch';

/**
 * A `window.api` built as the preload builds it (buildApi), but calling `dispatch` directly (no IPC),
 * plus `emit` to push an event as main would.
 */
export function dispatchBridge(dispatch: Dispatch): { api: Api; emit(event: string, payload: unknown): void } {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api = buildApi(
    (channel, input) => dispatch(channel, input),
    (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    apiShape,
  );
  return {
    api,
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
  };
}
