import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../common/errors/app-error';
import { DownloadErrors } from '../../common/errors/download-errors';
import type { MarkedFile } from '../platform/origin-mark';
import { unauthorized } from '../storage/http-errors';
import type { AttemptHooks, AttemptResult, ElementTransfers, TransferOrder } from './element-transfers';
import { MessageOutbox } from './message-outbox';
import { type FromWorker, fromWire, type ToWorker } from './transfer-wire';
import { transferWorkerScript } from './transfer-worker-script';

/**
 * A download job's transfers on worker threads (issue 21): on a machine with more than one core, one
 * thread was the limit of a large download (creating thousands of files, MD5, HTTP parsing), so each
 * worker (transfer-worker.ts) carries whole transfers — its own keep-alive connections, temp files, MD5,
 * renames and batched flushes — while the main thread keeps the listing, the queue, the manifest journal,
 * confirming and progress, and what adjusts the number of transfers (adaptive-concurrency.ts).
 *
 * Only small messages cross (transfer-wire.ts): the order (URLs, paths, sizes, the expected MD5) and the
 * verified record, then the flush's outcome. Bodies are received, hashed and written by the worker that
 * asked for them; no byte is copied between threads. The byte count is one shared counter (Atomics).
 *
 * The token stays the main thread's to get and refresh (the token service, before expiry): it asks for it
 * for every order, and sends it to a worker with its first order and again whenever it changed; the worker
 * keeps only the job's current one, in memory, for the requests' Authorization header, never logged. A 401
 * comes back as such, and the main thread asks for a fresh token once and orders the attempt again, as the
 * Storage client does.
 *
 * The guarantees are those of a transfer in the main thread, kept by the same code in the worker: verified
 * before the final name, flushed before the main thread records it in the manifest, an instance confirmed
 * only once all its files are. A worker that dies fails its attempts in flight (retryable) and its files
 * waiting for a flush (they are then not recorded, and fetched again by the next run); a new one takes over.
 */
export interface TransferJob {
  /** The job's shared byte counter (one BigInt64 cell). */
  bytes: SharedArrayBuffer;
  /** The "from the internet" mark of a flush batch, written here (origin-mark.ts). */
  mark?: (files: MarkedFile[]) => Promise<void>;
  blockingCallLimitMs?: number;
  flush?: { maxFiles?: number; maxDelayMs?: number; lanes?: number };
  /** The Altinn token for the job's data requests, and a fresh one after Altinn refused `stale`. */
  token(signal: AbortSignal): Promise<string>;
  freshToken(stale: string, signal: AbortSignal): Promise<string>;
}

/** Workers for a machine's cores: as many as it has, at most 4; none with one core (one thread is all). */
export function defaultTransferThreads(cores = availableParallelism()): number {
  return cores < 2 ? 0 : Math.min(4, cores);
}

interface Attempt {
  resolve(value: { result: AttemptResult }): void;
  reject(error: unknown): void;
  onReleased(): void;
  refused(): void;
  route: AttemptHooks['route'];
}

class TransferWorker {
  readonly worker: Worker;
  /** Attempts in flight and flushes awaited, by id. */
  readonly attempts = new Map<number, Attempt>();
  readonly durables = new Map<number, { resolve(): void; reject(error: unknown): void }>();
  readonly jobs = new Set<number>();
  /** The token last sent to this worker, by job: an order carries it only when it changed. */
  readonly tokens = new Map<number, string>();
  dead?: Error;
  private refd = false;
  private readonly outbox = new MessageOutbox<ToWorker>((messages) => {
    if (!this.dead) this.worker.postMessage(messages);
  });

  constructor(
    script: { filename: string; execArgv?: string[] },
    private readonly marks: (job: number, files: MarkedFile[]) => Promise<void>,
    private readonly onDeath: (w: TransferWorker) => void,
  ) {
    // A small young generation: a transfer worker keeps little beyond the bodies in flight (off the heap),
    // and garbage collected often frees the socket buffers those bodies arrived in sooner. With Node 24's
    // default sizing the two workers added ~90 MiB to the peak RSS of the benchmark's loopback download; at
    // 8 MiB ~60 MiB, at 2 MiB ~20 MiB, with no more CPU seconds (bench/, issue 21).
    this.worker = new Worker(script.filename, {
      name: 'mpd-transfer',
      ...(script.execArgv ? { execArgv: script.execArgv } : {}),
      resourceLimits: { maxYoungGenerationSizeMb: 2 },
    });
    this.worker.on('message', (messages: FromWorker[]) => {
      for (const m of messages) this.receive(m);
    });
    const die = (error: Error) => this.die(error);
    this.worker.on('error', die);
    this.worker.on('exit', (code) => die(new Error(`The transfer thread stopped (${code})`)));
    this.worker.unref();
  }

  get load(): number {
    return this.attempts.size;
  }

  post(message: ToWorker): void {
    if (!this.dead) this.outbox.post(message);
  }

  /** Keep the process alive exactly while this worker has something in flight. */
  settle(): void {
    const busy = this.attempts.size + this.durables.size > 0;
    if (busy && !this.refd) this.worker.ref();
    if (!busy && this.refd) this.worker.unref();
    this.refd = busy;
  }

  private receive(m: FromWorker): void {
    switch (m.op) {
      case 'released':
        this.attempts.get(m.id)?.onReleased();
        return;
      case 'done': {
        const attempt = this.attempts.get(m.id);
        this.attempts.delete(m.id);
        if (!attempt) return;
        Object.assign(attempt.route, m.route);
        let durable: Promise<void> | undefined;
        if (m.flushing) {
          durable = new Promise<void>((resolve, reject) => this.durables.set(m.id, { resolve, reject }));
        }
        attempt.resolve({ result: { ...m.result, ...(durable ? { durable } : {}) } });
        this.settle();
        return;
      }
      case 'failed': {
        const attempt = this.attempts.get(m.id);
        this.attempts.delete(m.id);
        if (!attempt) return;
        Object.assign(attempt.route, m.route);
        if (m.refused) attempt.refused();
        else attempt.reject(fromWire(m.error));
        this.settle();
        return;
      }
      case 'durable': {
        const waiting = this.durables.get(m.id);
        this.durables.delete(m.id);
        if (m.error) waiting?.reject(fromWire(m.error));
        else waiting?.resolve();
        this.settle();
        return;
      }
      case 'mark':
        this.marks(m.job, m.files)
          .catch(() => {})
          .finally(() => this.post({ op: 'marked', seq: m.seq }));
        return;
    }
  }

  private die(error: Error): void {
    if (this.dead) return;
    this.dead = error;
    const lost = new AppError(DownloadErrors.FAILED, `The transfer thread stopped: ${error.message}`, {
      details: { retryable: true },
      cause: error,
    });
    for (const attempt of this.attempts.values()) attempt.reject(lost);
    for (const waiting of this.durables.values()) waiting.reject(lost);
    this.attempts.clear();
    this.durables.clear();
    this.onDeath(this);
    void this.worker.terminate().catch(() => {});
  }
}

/**
 * The transfer workers of this process, shared by its jobs (each job registers with the workers it uses
 * and ends there when its run is over): started on first use, idle ones do not keep the process alive.
 */
export class TransferThreads {
  private readonly workers: TransferWorker[] = [];
  private readonly jobMarks = new Map<number, TransferJob['mark']>();
  private nextJob = 1;
  private nextId = 1;

  constructor(
    readonly size: number,
    private readonly script = transferWorkerScript(),
  ) {}

  /** A job's handle on the workers: start them now (their start overlaps the job's token and listing). */
  open(job: TransferJob): ElementTransfers {
    const jobId = this.nextJob++;
    this.jobMarks.set(jobId, job.mark);
    const register = (w: TransferWorker) => {
      if (w.jobs.has(jobId)) return;
      w.jobs.add(jobId);
      w.post({
        op: 'job',
        job: jobId,
        bytes: job.bytes,
        mark: job.mark !== undefined,
        ...(job.blockingCallLimitMs !== undefined ? { blockingCallLimitMs: job.blockingCallLimitMs } : {}),
        ...(job.flush ? { flush: job.flush } : {}),
      });
    };
    for (let i = this.workers.length; i < this.size; i++) this.spawn();
    for (const w of this.workers) register(w);
    const attempt = async (order: TransferOrder, hooks: AttemptHooks): Promise<AttemptResult> => {
      let token = await job.token(hooks.signal);
      for (let refreshed = false; ; refreshed = true) {
        const outcome = await this.attempt(jobId, order, token, hooks, register);
        if (outcome !== 'refused') return outcome;
        // Altinn refused the token before any byte: once with a fresh one, as the Storage client does.
        if (refreshed) throw unauthorized(hooks.route.source ?? order.urls.app);
        token = await job.freshToken(token, hooks.signal);
      }
    };
    return {
      threads: this.size,
      attempt,
      flush: async () => {
        for (const w of this.workers) if (w.jobs.has(jobId)) w.post({ op: 'flush', job: jobId });
      },
      close: () => {
        for (const w of this.workers) {
          w.tokens.delete(jobId);
          if (w.jobs.delete(jobId)) w.post({ op: 'end', job: jobId });
        }
        this.jobMarks.delete(jobId);
      },
    };
  }

  /** Stop every worker (tests; the app and mpd let idle ones be). */
  async close(): Promise<void> {
    const all = this.workers.splice(0);
    await Promise.all(all.map((w) => w.worker.terminate()));
  }

  private spawn(): TransferWorker {
    const worker = new TransferWorker(
      this.script,
      (job, files) => this.jobMarks.get(job)?.(files) ?? Promise.resolve(),
      (w) => {
        const i = this.workers.indexOf(w);
        if (i >= 0) this.workers.splice(i, 1);
      },
    );
    this.workers.push(worker);
    return worker;
  }

  /** One attempt on the least busy worker, holding one of the job's connection slots until its bytes are verified. */
  private async attempt(
    job: number,
    order: TransferOrder,
    token: string,
    hooks: AttemptHooks,
    register: (w: TransferWorker) => void,
  ): Promise<AttemptResult | 'refused'> {
    // The slot first, as in this thread (transfer-element.ts): a drained job starts nothing new.
    await hooks.slots.acquire(hooks.startSignal ?? hooks.signal);
    let held = true;
    const release = () => {
      if (held) hooks.slots.release();
      held = false;
    };
    let worker: TransferWorker;
    try {
      while (this.workers.length < this.size) this.spawn();
      worker = this.workers.reduce((a, b) => (b.load < a.load ? b : a));
      register(worker);
    } catch (error) {
      release();
      throw error;
    }
    const id = this.nextId++;
    const onAbort = () => worker.post({ op: 'abort', id });
    hooks.signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await new Promise<AttemptResult | 'refused'>((resolve, reject) => {
        worker.attempts.set(id, {
          resolve: ({ result }) => resolve(result),
          reject,
          onReleased: release,
          refused: () => resolve('refused'),
          route: hooks.route,
        });
        worker.settle();
        const changed = worker.tokens.get(job) !== token;
        worker.tokens.set(job, token);
        worker.post({ op: 'transfer', id, job, order, route: { ...hooks.route }, ...(changed ? { token } : {}) });
      });
    } catch (error) {
      if (hooks.signal.aborted) throw hooks.signal.reason ?? error;
      throw error;
    } finally {
      release();
      hooks.signal.removeEventListener('abort', onAbort);
    }
  }
}

const shared = new Map<number, TransferThreads>();

/** The process's workers for this many threads (jobs share them; the app's and `mpd`'s are never closed). */
export function sharedTransferThreads(size: number): TransferThreads {
  let threads = shared.get(size);
  if (!threads) {
    threads = new TransferThreads(size);
    shared.set(size, threads);
  }
  return threads;
}
