import type { Api } from './index';

/** Sends one channel's input to main (ipcRenderer.invoke, or dispatch in the tests) and answers its envelope. */
export type Invoke = (channel: string, input: unknown) => Promise<unknown>;
/** Subscribes to one push event; answers the unsubscribe function. */
export type Subscribe = (event: string, listener: (payload: unknown) => void) => () => void;

/** The contract as data: [channel, namespace, method] per channel, and the declared events (index.ts `apiShape`). */
export interface ApiShape {
  channels: ReadonlyArray<readonly [channel: string, namespace: string, method: string]>;
  events: readonly string[];
}

/**
 * window.api from the contract: one named function per channel and `on` for the declared events, and
 * nothing else — no generic invoke reaches the page (VS Code's minimal-surface preload). The preload, the
 * Node test bridge and the Chromium harness all build it here, so the three cannot drift apart.
 *
 * It uses nothing but its arguments: the Chromium harness injects its source text into the page.
 */
export function buildApi(invoke: Invoke, subscribe: Subscribe, shape: ApiShape): Api {
  const api: Record<string, unknown> = {};
  for (const [channel, ns, method] of shape.channels) {
    api[ns] ??= {};
    (api[ns] as Record<string, unknown>)[method] = (input?: unknown) => invoke(channel, input);
  }
  api.on = (event: string, listener: (payload: unknown) => void) => {
    if (!shape.events.includes(event)) throw new Error(`Unknown event ${event}`);
    return subscribe(event, listener);
  };
  return api as unknown as Api;
}
