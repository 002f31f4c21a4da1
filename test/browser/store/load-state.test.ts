import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/browser/api';
import { idle, type Loadable, type LoadableSlot, load } from '../../../src/browser/store/load-state';

/** A slot that records every state written to it. */
function recorder<T>(start: Loadable<T>): LoadableSlot<T> & { writes: Loadable<T>[] } {
  let current = start;
  const writes: Loadable<T>[] = [];
  return {
    writes,
    get: () => current,
    set(next) {
      current = next;
      writes.push(next);
    },
  };
}

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('load (store/load-state.ts)', () => {
  it('shows loading with the old value, then ready with the new one', async () => {
    const slot = recorder(idle(['old']));
    const answer = deferred<string[]>();
    const done = load(slot, () => answer.promise);
    expect(slot.get()).toEqual({ status: 'loading', value: ['old'] });
    answer.resolve(['new']);
    expect(await done).toBe(true);
    expect(slot.writes).toEqual([
      { status: 'loading', value: ['old'] },
      { status: 'ready', value: ['new'] },
    ]);
  });

  it('keeps the ApiError on failure with the value as it is by then, and does not throw', async () => {
    const slot = recorder(idle(1));
    const answer = deferred<number>();
    const done = load(slot, () => answer.promise);
    slot.set({ ...slot.get(), value: 2 }); // a push event changed the value meanwhile
    answer.reject(new ApiError({ code: 'KEYCHAIN_LOCKED', message: 'locked' }));
    expect(await done).toBe(false);
    expect(slot.get()).toMatchObject({ status: 'failed', value: 2, error: { code: 'KEYCHAIN_LOCKED' } });
  });

  it('turns anything else thrown into an INTERNAL ApiError', async () => {
    const slot = recorder(idle(undefined));
    await load(slot, () => Promise.reject(new TypeError('boom')));
    expect(slot.get().error).toBeInstanceOf(ApiError);
    expect(slot.get().error).toMatchObject({ code: 'INTERNAL', message: 'boom' });
  });

  it('drops an answer that is no longer current, success or failure', async () => {
    let current = true;
    const slot = recorder(idle('a'));
    const first = deferred<string>();
    const done = load(slot, () => first.promise, { isCurrent: () => current });
    current = false;
    first.resolve('stale');
    expect(await done).toBe(false);
    expect(slot.get()).toEqual({ status: 'loading', value: 'a' });

    const failing = load(slot, () => Promise.reject(new Error('late')), { isCurrent: () => false });
    expect(await failing).toBe(false);
    expect(slot.get().status).toBe('loading');
    expect(slot.get().error).toBeUndefined();
  });

  it('a quiet refresh stays ready while it runs; a first load still shows loading', async () => {
    const ready = recorder<number[]>({ status: 'ready', value: [1] });
    const answer = deferred<number[]>();
    const done = load(ready, () => answer.promise, { refresh: true });
    expect(ready.writes).toEqual([]);
    answer.resolve([1, 2]);
    await done;
    expect(ready.writes).toEqual([{ status: 'ready', value: [1, 2] }]);

    const failed = recorder<number[]>({
      status: 'failed',
      value: [],
      error: new ApiError({ code: 'X', message: 'x' }),
    });
    void load(failed, () => new Promise<number[]>(() => {}), { refresh: true });
    expect(failed.get()).toEqual({ status: 'loading', value: [] });
  });

  it('runs onReady with the value right after it is stored, and not on failure', async () => {
    const seen: string[] = [];
    const slot = recorder(idle(''));
    await load(slot, async () => 'v', { onReady: (value) => seen.push(`${value}:${slot.get().status}`) });
    await load(slot, () => Promise.reject(new Error('no')), { onReady: (value) => seen.push(value) });
    expect(seen).toEqual(['v:ready']);
  });
});
