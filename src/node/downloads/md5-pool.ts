import { createHash, type Hash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * MD5 off the main thread. Every downloaded byte is hashed to check Storage's `contentHash`; at
 * ~800 MB/s per core (OpenSSL, this machine) that is as much CPU as receiving and writing the bytes, and
 * on the main thread it serialised with the network (bench/ profile: 20–25 % of the client's CPU).
 * A small pool of worker threads hashes instead; the bytes are shared with them (SharedArrayBuffer slabs,
 * see slab-writer.ts), not copied. Each stream is pinned to one worker so its updates stay in order.
 *
 * The worker source is inline (not a separate file) so it runs the same from tsx, vitest and the bundled
 * Electron main. When no worker can be started, hashing falls back to the calling thread.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hashes = new Map();
parentPort.on('message', (m) => {
  if (m.op === 'open') { hashes.set(m.id, createHash('md5')); return; }
  if (m.op === 'update') {
    const h = hashes.get(m.id);
    if (h) h.update(new Uint8Array(m.buf, m.offset, m.length));
    parentPort.postMessage({ op: 'ack', id: m.id, seq: m.seq });
    return;
  }
  if (m.op === 'digest') {
    const h = hashes.get(m.id);
    hashes.delete(m.id);
    parentPort.postMessage({ op: 'digest', id: m.id, md5: h ? h.digest('base64') : null });
    return;
  }
  if (m.op === 'drop') hashes.delete(m.id);
});
`;

/** An MD5 being computed: feed slices in order, then take the base64 digest (or drop it). */
export interface Md5Stream {
  /** Hash `length` bytes of `buf` from `offset`; resolves when the bytes are no longer needed. */
  update(buf: SharedArrayBuffer, offset: number, length: number): Promise<void>;
  digest(): Promise<string>;
  drop(): void;
}

/** One slab (stream-to-file.ts SLAB_BYTES): a body that fits is hashed in one update. */
export const INLINE_BYTES = 512 * 1024;

type Waiter = { resolve: (value: string | undefined) => void; reject: (error: Error) => void };

class PoolWorker {
  readonly worker: Worker;
  active = 0;
  private readonly waiting = new Map<string, Waiter>();
  dead?: Error;

  constructor(onExit: (w: PoolWorker) => void) {
    // Small heap limits: the worker only ever holds a few hashes and messages, and a default-sized
    // young generation would add tens of MB to the process's peak RSS (bench/: target ≤ 200 MB).
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      name: 'mpd-md5',
      resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 16 },
    });
    this.worker.on('message', (m: { op: string; id: number; seq?: number; md5?: string | null }) => {
      const key = m.op === 'ack' ? `${m.id}:${m.seq}` : `${m.id}:digest`;
      const waiter = this.waiting.get(key);
      this.waiting.delete(key);
      // An idle pool must not keep the process alive (the CLI exits when its job is done).
      if (this.waiting.size === 0) this.worker.unref();
      waiter?.resolve(m.md5 ?? undefined);
    });
    const die = (error: Error) => {
      this.dead ??= error;
      for (const w of this.waiting.values()) w.reject(error);
      this.waiting.clear();
      onExit(this);
    };
    this.worker.on('error', die);
    this.worker.on('exit', (code) => die(new Error(`The MD5 worker exited (${code})`)));
    this.worker.unref();
  }

  call(key: string, message: unknown): Promise<string | undefined> {
    if (this.dead) return Promise.reject(this.dead);
    return new Promise((resolve, reject) => {
      if (this.waiting.size === 0) this.worker.ref();
      this.waiting.set(key, { resolve, reject });
      this.worker.postMessage(message);
    });
  }

  post(message: unknown): void {
    if (!this.dead) this.worker.postMessage(message);
  }
}

export class Md5Pool {
  private readonly workers: PoolWorker[] = [];
  private nextId = 0;
  private broken = false;

  /** `size` 0 hashes on the calling thread (tests of the fallback, or no worker threads). */
  constructor(private readonly size = defaultPoolSize()) {}

  /**
   * A stream for `expectedSize` bytes when known. Bodies of at most INLINE_BYTES are hashed on the calling
   * thread: for them the worker's messages (open, update, digest, each a wake-up of another thread) cost
   * more than the hashing itself (~0.1 ms for 100 KB), and on a busy machine every wake-up is a context
   * switch (bench/: 2 CPUs, 6,000 elements mostly 10–300 KB). Large bodies still go to the workers.
   */
  open(expectedSize?: number): Md5Stream {
    if (expectedSize !== undefined && expectedSize <= INLINE_BYTES) return inline(createHash('md5'));
    const worker = this.pick();
    return worker ? this.remote(worker) : inline(createHash('md5'));
  }

  /** Stop the workers (tests; the app lets them idle: they are unref'd). */
  async close(): Promise<void> {
    const all = this.workers.splice(0);
    await Promise.all(all.map((w) => w.worker.terminate()));
  }

  private pick(): PoolWorker | undefined {
    if (this.size <= 0 || this.broken) return undefined;
    if (this.workers.length < this.size) {
      try {
        this.workers.push(new PoolWorker((w) => this.workers.splice(this.workers.indexOf(w) >>> 0, 1)));
      } catch {
        this.broken = true;
        return undefined;
      }
    }
    return this.workers.reduce((a, b) => (b.active < a.active ? b : a));
  }

  private remote(worker: PoolWorker): Md5Stream {
    const id = this.nextId++;
    let seq = 0;
    let open = true;
    worker.active++;
    worker.post({ op: 'open', id });
    const close = () => {
      if (open) worker.active--;
      open = false;
    };
    return {
      update: (buf, offset, length) =>
        worker.call(`${id}:${seq}`, { op: 'update', id, seq: seq++, buf, offset, length }).then(() => undefined),
      digest: async () => {
        try {
          const md5 = await worker.call(`${id}:digest`, { op: 'digest', id });
          if (!md5) throw new Error('The MD5 worker lost a stream');
          return md5;
        } finally {
          close();
        }
      },
      drop: () => {
        if (open) worker.post({ op: 'drop', id });
        close();
      },
    };
  }
}

function inline(hash: Hash): Md5Stream {
  return {
    update: async (buf, offset, length) => {
      hash.update(new Uint8Array(buf, offset, length));
    },
    digest: async () => hash.digest('base64'),
    drop: () => {},
  };
}

/** One hashing thread per two cores (2 CPUs → 1), at most 4: enough for 16 transfers at disk speed. */
function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, Math.floor(availableParallelism() / 2)));
}

/** The process-wide pool the download manager uses unless told otherwise. */
let shared: Md5Pool | undefined;
export function sharedMd5Pool(): Md5Pool {
  shared ??= new Md5Pool();
  return shared;
}
