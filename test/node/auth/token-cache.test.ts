import { describe, expect, it } from 'vitest';
import { TokenCache } from '../../../src/node/auth/token-cache';

const entry = (obtainedAt: number, lifetimeMs: number, value = 'v') => ({
  obtainedAt,
  expiresAt: obtainedAt + lifetimeMs,
  value,
});

describe('TokenCache', () => {
  it('is fresh until 60 s before expiry', () => {
    let now = 0;
    const cache = new TokenCache<ReturnType<typeof entry>>(() => now);
    expect(cache.isFresh(entry(0, 300_000), 239_999)).toBe(true);
    expect(cache.isFresh(entry(0, 300_000), 240_000)).toBe(false);
    // Short-lived: half its life.
    expect(cache.isFresh(entry(0, 60_000), 29_999)).toBe(true);
    expect(cache.isFresh(entry(0, 60_000), 30_000)).toBe(false);
    now = 1;
    expect(cache.peek('none')).toBeUndefined();
  });

  it('runs one load per key at a time and caches the result', async () => {
    const now = 0;
    const cache = new TokenCache<ReturnType<typeof entry>>(() => now);
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 10));
      return entry(0, 300_000, `t${loads}`);
    };
    const results = await Promise.all(Array.from({ length: 20 }, () => cache.get('k', 'p', load)));
    expect(loads).toBe(1);
    expect(new Set(results.map((r) => r.value))).toEqual(new Set(['t1']));
    await cache.get('k', 'p', load);
    expect(loads).toBe(1);
    await cache.get('other', 'p', load);
    expect(loads).toBe(2);
  });

  it('does not keep failures, and a load that throws at once still settles', async () => {
    const cache = new TokenCache<ReturnType<typeof entry>>(() => 0);
    await expect(
      cache.get('k', 'p', () => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    await expect(cache.get('k', 'p', async () => entry(0, 300_000))).resolves.toMatchObject({ value: 'v' });
  });

  it('drops a result that arrives after clear()', async () => {
    const cache = new TokenCache<ReturnType<typeof entry>>(() => 0);
    let release!: () => void;
    const pending = cache.get('k', 'p', () => new Promise((r) => (release = () => r(entry(0, 300_000)))));
    await Promise.resolve();
    cache.clear();
    release();
    await pending;
    expect(cache.peek('k')).toBeUndefined();
  });

  it('clearOwner keeps keys another owner shares', async () => {
    const cache = new TokenCache<ReturnType<typeof entry>>(() => 0);
    await cache.get('shared', 'a', async () => entry(0, 300_000));
    await cache.get('shared', 'b', async () => entry(0, 300_000));
    await cache.get('own', 'a', async () => entry(0, 300_000));
    expect(cache.clearOwner('a').sort()).toEqual(['own', 'shared']);
    expect(cache.peek('shared')).toBeDefined();
    expect(cache.peek('own')).toBeUndefined();
  });
});
