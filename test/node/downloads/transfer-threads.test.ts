import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/common/errors/app-error';
import { TransferSlots } from '../../../src/node/downloads/transfer-slots';
import {
  defaultTransferThreads,
  sharedTransferThreads,
  TransferThreads,
} from '../../../src/node/downloads/transfer-threads';
import { fromWire, toWire } from '../../../src/node/downloads/transfer-wire';
import { classifyError } from '../../../src/node/platform/retry';
import { harness } from './harness';

let h: Awaited<ReturnType<typeof harness>>;
afterEach(async () => h?.cleanup());

describe('transfers on worker threads (issue 21)', () => {
  it('chooses one worker fewer than the machine has cores (the main thread keeps one), at most 4, none for one core', () => {
    expect([1, 2, 3, 4, 5, 8, 64].map((cores) => defaultTransferThreads(cores))).toEqual([0, 1, 2, 3, 4, 4, 4]);
  });

  it('carries errors across: an AppError keeps its code and details, an errno error its code', () => {
    const app = fromWire(
      toWire(new AppError('DOWNLOAD_SIZE_MISMATCH', 'Got 3 bytes', { details: { retryable: true, discard: true } })),
    );
    expect(app).toBeInstanceOf(AppError);
    expect(app).toMatchObject({ code: 'DOWNLOAD_SIZE_MISMATCH', message: 'Got 3 bytes', details: { discard: true } });
    expect(classifyError(app).retryable).toBe(true);
    const reset = fromWire(toWire(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })));
    expect(reset).not.toBeInstanceOf(AppError);
    expect(classifyError(reset).retryable).toBe(true);
  });

  it('a worker that stops mid-transfer fails that attempt as retryable; a new worker takes it and the job completes', async () => {
    h = await harness({}, { manager: { transferThreads: 1 } });
    const [i] = h.fake.add([{ appId: 'ttd/app', elements: [{ size: 300_000, filename: 'a.bin' }] }]);
    // The first answer waits, long enough to stop the worker while the transfer is in flight.
    h.fake.addFault({ kind: 'data', type: 'slow', delayMs: 800 });
    // A process's first job starts in its own thread until the workers are up (handover-transfers.ts): the
    // worker is started first here, so this job's transfer goes to it.
    const threads = sharedTransferThreads(1);
    const warm = threads.open({
      bytes: new SharedArrayBuffer(8),
      slots: new TransferSlots(1),
      token: async () => 'tok',
      freshToken: async () => 'tok',
    });
    while (!threads.ready()) await new Promise((r) => setTimeout(r, 10));
    warm.close();
    const job = await h.manager.start({
      profileId: 'p1',
      source: { kind: 'query', filters: { appId: 'ttd/app' } },
      target: h.target,
    });
    const deadline = Date.now() + 5_000;
    while (!h.fake.requests.some((r) => r.kind === 'data') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await sharedTransferThreads(1).close();
    const end = await h.manager.wait(job.jobId);
    expect(end.state).toBe('completed');
    expect(end.transferThreads).toBe(1);
    expect(h.fake.requests.filter((r) => r.kind === 'data')).toHaveLength(2);
    const file = join(h.target, 'ttd_app', i!.id.replace('/', '_'), 'a.bin');
    expect((await readFile(file)).equals(h.fake.content(i!.elements[0]!.id))).toBe(true);
  });
});

describe("the workers' event-loop room (issue 21, adaptive-concurrency.ts)", () => {
  const job = () => ({
    bytes: new SharedArrayBuffer(8),
    slots: new TransferSlots(4),
    token: async () => 'tok',
    freshToken: async () => 'tok',
  });
  const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('reads how busy the workers were since the last look, from this thread: full, idle, not yet running', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mpd-elu-'));
    // Stand-ins for transfer-worker.ts: one whose loop never rests, one that only waits.
    const busy = join(dir, 'busy.cjs');
    const idle = join(dir, 'idle.cjs');
    await writeFile(busy, 'setInterval(() => { const t = Date.now(); while (Date.now() - t < 20); }, 0);\n');
    await writeFile(idle, 'setInterval(() => {}, 1000);\n');
    const saturated = new TransferThreads(2, { filename: busy });
    const roomy = new TransferThreads(2, { filename: idle });
    try {
      const full = saturated.open(job());
      const waiting = roomy.open(job());
      // Before a worker has run its loop there is nothing to count.
      expect(full.utilization?.()).toBeUndefined();
      // Until both workers' loops run (a start on a busy machine takes a while), then a fresh look.
      const deadline = Date.now() + 10_000;
      let started = false;
      while (!started && Date.now() < deadline) {
        await settle(50);
        started = full.utilization?.() !== undefined && waiting.utilization?.() !== undefined;
      }
      await settle(100);
      full.utilization?.();
      waiting.utilization?.();
      await settle(300);
      // Since the last look only: the start-up is behind both.
      expect(full.utilization?.()).toBeGreaterThan(0.9);
      expect(waiting.utilization?.()).toBeLessThan(0.2);
    } finally {
      await Promise.all([saturated.close(), roomy.close()]);
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("each worker keeps the bound for its share of the job's slots (issue 21)", () => {
  /** A server in a process of its own (this thread will be busy): each answer 1,000 bytes after `delayMs`. */
  const serverSource = (delayMs: number) => `
    const http = require('node:http');
    let open = 0;
    const server = http.createServer((req, res) => {
      open++;
      console.log('REQ ' + Date.now() + ' ' + open);
      setTimeout(() => {
        res.writeHead(200, { 'content-length': 1000 });
        res.end('x'.repeat(1000), () => open--);
      }, ${delayMs});
    });
    server.listen(0, '127.0.0.1', () => console.log('PORT ' + server.address().port));
  `;
  const until = async (ok: () => boolean) => {
    const deadline = Date.now() + 20_000;
    while (!ok() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  };

  /** The server, a folder, `workers` transfer threads and a job on them with `slots`; `order(i)` for element i. */
  async function world(workers: number, slots: TransferSlots, delayMs: number) {
    const server = spawn(process.execPath, ['-e', serverSource(delayMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const arrivals: { at: number; open: number }[] = [];
    let port = 0;
    server.stdout.setEncoding('utf8');
    server.stdout.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        const [word, a, b] = line.split(' ');
        if (word === 'PORT') port = Number(a);
        if (word === 'REQ') arrivals.push({ at: Number(a), open: Number(b) });
      }
    });
    const dir = await mkdtemp(join(tmpdir(), 'mpd-lease-'));
    const threads = new TransferThreads(workers);
    await until(() => port > 0);
    const job = threads.open({
      bytes: new SharedArrayBuffer(8),
      slots,
      token: async () => 'tok',
      freshToken: async () => 'tok',
    });
    const signal = new AbortController().signal;
    const attempt = (i: number) =>
      job.attempt(
        {
          urls: { app: `http://127.0.0.1:${port}/e/${i}`, storage: `http://127.0.0.1:${port}/s/${i}` },
          appId: 'ttd/app',
          tempPath: join(dir, `.e${i}.part`),
          finalPath: join(dir, `e${i}.bin`),
          expectedSize: 1000,
          noPart: true,
          untrustedPart: false,
          dirs: [dir],
          idleTimeoutMs: 10_000,
          markUrl: `http://127.0.0.1:${port}/e/${i}`,
        },
        { signal, slots, route: { useStorage: false }, onBytes: () => {} },
      );
    return {
      arrivals,
      attempt,
      async close() {
        job.close();
        server.kill();
        await threads.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }

  it('starts a waiting order the moment one of its own is off the network, not when this thread gets round to it', async () => {
    // One slot: the worker may have one request on the network, and holds the next order in line.
    const slots = new TransferSlots(1);
    const w = await world(1, slots, 150);
    try {
      const attempts = [0, 1].map((i) => w.attempt(i));
      await until(() => w.arrivals.length >= 1);
      // This thread is busy for a while (a listing page, the manifest …) and hears nothing meanwhile.
      const busyFrom = Date.now();
      while (Date.now() - busyFrom < 1_500) {
        // busy
      }
      const busyUntil = Date.now();
      const results = await Promise.all(attempts);
      expect(results.map((r) => r.size)).toEqual([1000, 1000]);
      await Promise.all(results.map((r) => r.durable));
      // (The server's lines, read by this thread, may come after the workers' answers.)
      await until(() => w.arrivals.length >= 2);
      // The second request went out while this thread was busy, once the first was answered.
      expect(w.arrivals).toHaveLength(2);
      expect(w.arrivals[1]?.at).toBeGreaterThan(busyFrom);
      expect(w.arrivals[1]?.at).toBeLessThan(busyUntil);
      expect(Math.max(...w.arrivals.map((a) => a.open))).toBe(1);
    } finally {
      await w.close();
    }
  });

  it('fewer slots: orders waiting on a worker whose share is gone are ordered again elsewhere, and all finish', async () => {
    // Two workers, two slots: one each, and each holds a second order in line.
    const slots = new TransferSlots(2);
    const w = await world(2, slots, 300);
    try {
      const attempts = [0, 1, 2, 3].map((i) => w.attempt(i));
      await until(() => w.arrivals.length >= 2);
      // As after a 429 (adaptive-concurrency.ts): one slot, so one worker has no share left.
      const resizedAt = Date.now();
      slots.resize(1);
      const results = await Promise.all(attempts);
      expect(results.map((r) => r.size)).toEqual([1000, 1000, 1000, 1000]);
      await Promise.all(results.map((r) => r.durable));
      await until(() => w.arrivals.length >= 4);
      expect(w.arrivals).toHaveLength(4);
      // Never more than the two slots; the two that waited went out one after the other (the second once the
      // first was answered, 300 ms later), on the worker that kept a share.
      expect(Math.max(...w.arrivals.map((a) => a.open))).toBeLessThanOrEqual(2);
      const after = w.arrivals.filter((a) => a.at > resizedAt);
      expect(after).toHaveLength(2);
      expect((after[1]?.at ?? 0) - (after[0]?.at ?? 0)).toBeGreaterThanOrEqual(250);
      expect(slots.busy).toBe(0);
    } finally {
      await w.close();
    }
  }, 30_000);
});
