import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ScavengePacer, youngCollection } from '../../../src/node/platform/scavenge-pacer';

describe('ScavengePacer (issue 21: a transfer worker gives its socket buffers back)', () => {
  it('collects once per `everyBytes` received, on the next turn of the loop and not inside a read', async () => {
    let collections = 0;
    const pacer = new ScavengePacer(4 * 1024 * 1024, () => collections++);
    for (let i = 0; i < 63; i++) pacer.received(64 * 1024);
    await nextTurn();
    expect(collections).toBe(0);
    pacer.received(64 * 1024);
    expect(collections).toBe(0);
    // More bytes before that turn come: still one collection.
    pacer.received(64 * 1024);
    await nextTurn();
    expect(collections).toBe(1);
    for (let i = 0; i < 64; i++) pacer.received(64 * 1024);
    await nextTurn();
    expect(collections).toBe(2);
  });

  it("V8's scavenge is reachable without --expose-gc, and the global gc stays hidden", () => {
    const collect = youngCollection();
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe('undefined');
    expect(() => collect()).not.toThrow();
  });
});

describe('youngCollection in threads that start together (a job’s transfer workers)', () => {
  it('gives each of them V8’s scavenge: none is left without it by another turning the flag off', async () => {
    const { Worker } = await import('node:worker_threads');
    // Each worker takes the function and reports whether it is V8's: it collects, so the young space's use drops.
    // A no-op (or a worker that died at start) fails.
    const script = join(__dirname, '..', '..', 'helpers', 'young-collection-thread.ts');
    const threads = 6;
    const barrier = new SharedArrayBuffer(4);
    const runs = await Promise.all(
      Array.from({ length: threads }, () => {
        const w = new Worker(script, { execArgv: ['--import', 'tsx'], workerData: { barrier, threads } });
        return new Promise<{ failures: number; before: number; after: number }>((resolve, reject) => {
          w.once('message', resolve);
          w.once('error', reject);
        }).finally(() => w.terminate());
      }),
    );
    for (const r of runs) {
      expect(r.failures).toBe(0);
      expect(r.after).toBeLessThan(r.before);
    }
  });
});
