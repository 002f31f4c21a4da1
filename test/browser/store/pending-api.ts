import { afterEach, beforeEach, vi } from 'vitest';
import type { StoreApi } from 'zustand';
import type { AppErrorJson } from '../../../src/common/errors/app-error';

type Which = 'oldest' | 'newest';

interface PendingCall {
  /** Where the store called, as on window.api: `area.method` (e.g. `preview.element`). */
  method: string;
  input: unknown;
  answer(envelope: unknown): void;
}

/**
 * A window.api whose every call waits until the test answers it, so a test can let answers arrive in the
 * order it needs (an old one after a new one) and see what a store keeps of them.
 */
export function pendingApi() {
  const waiting: PendingCall[] = [];
  const group = (area: string) =>
    new Proxy(
      {},
      {
        get: (_target, method) => (input?: unknown) =>
          new Promise((answer) => waiting.push({ method: `${area}.${String(method)}`, input, answer })),
      },
    );
  const api = new Proxy({}, { get: (_target, area) => group(String(area)) });

  /** An unanswered call of `method`, taken off the queue; fails the test when there is none. */
  function take(method: string, which: Which): PendingCall {
    const index =
      which === 'oldest'
        ? waiting.findIndex((c) => c.method === method)
        : waiting.findLastIndex((c) => c.method === method);
    const found = waiting[index];
    if (!found) throw new Error(`no pending call of ${method}; waiting: ${waiting.map((c) => c.method).join(', ')}`);
    waiting.splice(index, 1);
    return found;
  }

  return {
    api,
    /** Forgets every unanswered call (for the next test). */
    reset: () => void waiting.splice(0),
    /** The methods called and not yet answered, oldest first. */
    pending: () => waiting.map((c) => c.method),
    /** Answers the oldest (or newest) call of `method` with `result`; resolves to that call's input. */
    async ok(method: string, result: unknown, which: Which = 'oldest'): Promise<unknown> {
      const c = take(method, which);
      c.answer({ ok: true, result });
      await settle();
      return c.input;
    },
    async fail(method: string, error: AppErrorJson, which: Which = 'oldest'): Promise<void> {
      take(method, which).answer({ ok: false, error });
      await settle();
    },
  };
}

/** Lets the store's awaits after an answer run (each answer passes a few promise hops before set()). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

/**
 * For a describe block: before each test the store starts afresh over a new pendingApi as window.api;
 * the bridge returned is that of the running test.
 */
export function storeOverPendingApi<S>(store: Pick<StoreApi<S>, 'getState' | 'setState'>) {
  const bridge = pendingApi();
  const initial = store.getState();
  beforeEach(() => {
    bridge.reset();
    vi.stubGlobal('window', { api: bridge.api });
    store.setState(initial, true);
  });
  afterEach(() => vi.unstubAllGlobals());
  return bridge;
}
