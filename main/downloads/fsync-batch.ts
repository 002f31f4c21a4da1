import { fsync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/**
 * fsync for many small files with few thread hand-offs. On this project's 2-CPU build machine every
 * hand-off to another thread (a libuv pool request or a worker message) costs ~60–100 µs of CPU on each
 * side, measured in bench/ — more than writing a 100 KB file into the page cache — and a download job is
 * thousands of small files. So fsyncs go to one worker thread in batches: while it syncs one batch, the
 * files finishing meanwhile queue for the next, and under load one round trip covers several files
 * (ext4's journal commits them together anyway). Each file's fsync is still its own call, and its
 * promise settles only after that call returned.
 *
 * The worker source is inline (as md5-pool.ts) so it runs the same from tsx, vitest and the bundles.
 * Without worker threads each fsync goes to the libuv pool.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { fsyncSync } = require('node:fs');
parentPort.on('message', (m) => {
  const errors = m.fds.map((fd) => {
    try { fsyncSync(fd); return null; }
    catch (error) { return { code: error.code, message: String(error.message) }; }
  });
  parentPort.postMessage({ batch: m.batch, errors });
});
`;

type Waiter = { fd: number; resolve: () => void; reject: (error: Error) => void };
type Reply = { batch: number; errors: ({ code?: string; message: string } | null)[] };

export class FsyncBatcher {
  private worker?: Worker;
  private broken = false;
  private batchId = 0;
  /** Round trips to the worker so far (how well the batching works; read by tests). */
  get batches(): number {
    return this.batchId;
  }
  /** Files waiting for the next batch. */
  private queued: Waiter[] = [];
  /** The batch the worker is syncing now. */
  private syncing?: { id: number; waiters: Waiter[] };

  /** `threads: false` sends each fsync to the libuv pool (tests of the fallback). */
  constructor(private readonly threads = true) {}

  /** fsync an open file descriptor; rejects with the errno error (code EIO, ENOSPC…) as node:fs would. */
  fsync(fd: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const worker = this.start();
      if (!worker) {
        fsync(fd, (error) => (error ? reject(error) : resolve()));
        return;
      }
      this.queued.push({ fd, resolve, reject });
      if (!this.syncing) this.sendBatch(worker);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private sendBatch(worker: Worker): void {
    const waiters = this.queued;
    this.queued = [];
    if (waiters.length === 0) {
      this.syncing = undefined;
      worker.unref(); // an idle worker must not keep the process alive (the CLI exits when done)
      return;
    }
    const id = this.batchId++;
    this.syncing = { id, waiters };
    worker.ref();
    worker.postMessage({ batch: id, fds: waiters.map((w) => w.fd) });
  }

  private start(): Worker | undefined {
    if (!this.threads || this.broken) return undefined;
    if (this.worker) return this.worker;
    try {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        name: 'mpd-fsync',
        // It holds nothing but a list of numbers: a tiny heap keeps the process's peak RSS down.
        resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 8 },
      });
      worker.on('message', (reply: Reply) => {
        const batch = this.syncing;
        if (!batch || batch.id !== reply.batch) return;
        batch.waiters.forEach((w, i) => {
          const e = reply.errors[i];
          if (e) w.reject(Object.assign(new Error(e.message), e.code ? { code: e.code } : {}));
          else w.resolve();
        });
        this.sendBatch(worker);
      });
      const die = () => {
        if (this.worker !== worker) return;
        this.worker = undefined;
        this.broken = true;
        const waiting = [...(this.syncing?.waiters ?? []), ...this.queued];
        this.syncing = undefined;
        this.queued = [];
        // The files are still open: sync them through the libuv pool instead.
        for (const w of waiting) fsync(w.fd, (e) => (e ? w.reject(e) : w.resolve()));
      };
      worker.on('error', die);
      worker.on('exit', die);
      worker.unref();
      this.worker = worker;
      return worker;
    } catch {
      this.broken = true;
      return undefined;
    }
  }
}

let shared: FsyncBatcher | undefined;
/** The process-wide batcher the download manager uses. */
export function sharedFsyncBatcher(): FsyncBatcher {
  shared ??= new FsyncBatcher();
  return shared;
}
