import { availableParallelism } from 'node:os';
import type { EventLoopUtilization } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../common/errors/app-error';
import { DownloadErrors } from '../../common/errors/download-errors';
import type { MarkedFile } from '../platform/origin-mark';
import { unauthorized } from '../storage/http-errors';
import type { AttemptHooks, AttemptResult, ElementTransfers, TransferOrder } from './element-transfers';
import { MessageOutbox } from './message-outbox';
import type { TransferSlots } from './transfer-slots';
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
  /** The job's connection slots: shared out among the workers (ToWorker 'lease'), resized by adaptive growth. */
  slots: TransferSlots;
  /** The "from the internet" mark of a flush batch, written here (origin-mark.ts). */
  mark?: (files: MarkedFile[]) => Promise<void>;
  blockingCallLimitMs?: number;
  flush?: { maxFiles?: number; maxDelayMs?: number; lanes?: number };
  /** The Altinn token for the job's data requests, and a fresh one after Altinn refused `stale`. */
  token(signal: AbortSignal): Promise<string>;
  freshToken(stale: string, signal: AbortSignal): Promise<string>;
}

/**
 * Workers for a machine's cores: one fewer than it has — the main thread keeps a core's worth of work (the
 * listing, instance.json files, the manifest journal, confirming, progress) — at most 4; none with one core
 * (one thread is all). Each worker costs its own V8 isolate and malloc arena (~25 MiB of RSS): on this
 * project's 2-CPU machine a second worker took the download of 20,000 one-file instances from 174–181 to
 * 207–208 MiB peak RSS and the loopback download from ~182 to ~219 MiB, over the 200 MB goal (bench/, issue 21).
 */
export function defaultTransferThreads(cores = availableParallelism()): number {
  return cores < 2 ? 0 : Math.min(4, cores - 1);
}

interface Attempt {
  resolve(value: { result: AttemptResult }): void;
  reject(error: unknown): void;
  onStarted(): void;
  onReleased(): void;
  refused(): void;
  /** It waited in the worker and did not start: order it again (moved) or not at all (drained). */
  moved(): void;
  drained(): void;
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
  /** This worker's share of each job's slots, as last sent ('lease'). */
  readonly leases = new Map<number, number>();
  /** Orders of each job sent here and not yet done with the network (waiting for a slot, or on it). */
  readonly outstanding = new Map<number, number>();
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
      case 'started':
        this.attempts.get(m.id)?.onStarted();
        return;
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
        else if (m.moved) attempt.moved();
        else if (m.drained) attempt.drained();
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

/** A job's place on the workers: its slots, and its attempts waiting for a worker with room. */
interface JobShare {
  id: number;
  slots: TransferSlots;
  waiting: Set<() => void>;
}

/** Orders a worker may hold per slot of its share: one on the network, one waiting to start right after. */
const ORDERS_PER_SLOT = 2;

/**
 * The transfer workers of this process, shared by its jobs (each job registers with the workers it uses
 * and ends there when its run is over): started on first use, idle ones do not keep the process alive.
 *
 * A job's slots (its concurrency) are shared out among the workers, and each worker keeps the bound for its
 * share itself: it is sent up to ORDERS_PER_SLOT orders per slot, and starts a waiting one the moment one of
 * its transfers is done with the network. Before, every transfer's slot went back through this thread — the
 * worker said "released", this thread gave the slot to the next element and sent its order — and on this
 * project's busy 2-CPU machine each of those two messages waited 3–9 ms for the other thread to be scheduled
 * (bench/, 40 ms a request: 8–17 ms of a 55–65 ms cycle with no request on the network). The shares always
 * add up to the job's number (a worker may have none when there are fewer slots than workers), so the
 * server never sees more at once than before; this thread counts the slots in use as the workers report them.
 */
export class TransferThreads {
  private readonly workers: TransferWorker[] = [];
  private readonly jobMarks = new Map<number, TransferJob['mark']>();
  private readonly shares = new Map<number, JobShare>();
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
    const share: JobShare = { id: jobId, slots: job.slots, waiting: new Set() };
    this.shares.set(jobId, share);
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
    const staff = () => {
      while (this.workers.length < this.size) this.spawn();
      for (const w of this.workers) register(w);
      this.shareOut(share);
    };
    staff();
    const unsubscribe = job.slots.onResize(() => this.shareOut(share));
    const attempt = async (order: TransferOrder, hooks: AttemptHooks): Promise<AttemptResult> => {
      let token = await job.token(hooks.signal);
      for (let refreshed = false; ; ) {
        const outcome = await this.attempt(share, order, token, hooks, staff);
        if (outcome === 'moved') continue;
        if (outcome !== 'refused') return outcome;
        // Altinn refused the token before any byte: once with a fresh one, as the Storage client does.
        if (refreshed) throw unauthorized(hooks.route.source ?? order.urls.app);
        refreshed = true;
        token = await job.freshToken(token, hooks.signal);
      }
    };
    // Each worker's loop as this job last saw it, for how busy the workers were since (adaptive-concurrency.ts).
    const seen = new Map<TransferWorker, EventLoopUtilization>();
    return {
      threads: this.size,
      utilization: () => meanUtilization(this.workers, seen),
      ready: () => this.ready(),
      attempt,
      flush: async () => {
        for (const w of this.workers) if (w.jobs.has(jobId)) w.post({ op: 'flush', job: jobId });
      },
      close: () => {
        unsubscribe();
        for (const w of this.workers) {
          w.tokens.delete(jobId);
          w.leases.delete(jobId);
          w.outstanding.delete(jobId);
          if (w.jobs.delete(jobId)) w.post({ op: 'end', job: jobId });
        }
        this.shares.delete(jobId);
        this.jobMarks.delete(jobId);
      },
    };
  }

  /** Every worker is there and has run its script and started its event loop: an order is taken at once. */
  ready(): boolean {
    return this.workers.length === this.size && this.workers.every((w) => loopStarted(w.worker));
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
        // Its share goes to the others (a new worker takes some when the next attempt starts one).
        for (const share of this.shares.values()) this.shareOut(share);
      },
    );
    this.workers.push(worker);
    return worker;
  }

  /**
   * The job's slots split among its workers — as evenly as they go, the first ones one more — and each
   * worker told when its share changed; attempts waiting for room look again.
   */
  private shareOut(share: JobShare): void {
    const workers = this.workers.filter((w) => w.jobs.has(share.id));
    const total = share.slots.size;
    workers.forEach((w, i) => {
      const slots = workers.length ? Math.floor(total / workers.length) + (i < total % workers.length ? 1 : 0) : 0;
      if (w.leases.get(share.id) === slots) return;
      w.leases.set(share.id, slots);
      w.post({ op: 'lease', job: share.id, slots });
    });
    wakeAll(share);
  }

  /**
   * The worker with the most room for another of the job's orders, that room taken (counted in its
   * `outstanding` before anything else can look); waits while none has any.
   */
  private async workerFor(share: JobShare, staff: () => void, signal: AbortSignal): Promise<TransferWorker> {
    for (;;) {
      if (signal.aborted) throw signal.reason ?? new Error('aborted');
      if (this.workers.length < this.size) staff();
      let best: TransferWorker | undefined;
      let bestRoom = 0;
      for (const w of this.workers) {
        if (!w.jobs.has(share.id)) continue;
        const room = ORDERS_PER_SLOT * (w.leases.get(share.id) ?? 0) - (w.outstanding.get(share.id) ?? 0);
        if (room > bestRoom) {
          best = w;
          bestRoom = room;
        }
      }
      if (best) {
        best.outstanding.set(share.id, (best.outstanding.get(share.id) ?? 0) + 1);
        return best;
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          share.waiting.delete(wake);
          signal.removeEventListener('abort', wake);
          resolve();
        };
        share.waiting.add(wake);
        signal.addEventListener('abort', wake, { once: true });
      });
    }
  }

  /**
   * One attempt on the worker with most room: it waits there for a slot of that worker's share (or comes back
   * 'moved' when the share shrank first), and holds it until its bytes are verified.
   */
  private async attempt(
    share: JobShare,
    order: TransferOrder,
    token: string,
    hooks: AttemptHooks,
    staff: () => void,
  ): Promise<AttemptResult | 'refused' | 'moved'> {
    // A drained job starts nothing new: neither here, nor from a worker's line (ToWorker 'unstart').
    const startSignal = hooks.startSignal ?? hooks.signal;
    const worker = await this.workerFor(share, staff, startSignal);
    const job = share.id;
    const id = this.nextId++;
    let counted = true;
    let started = false;
    /** Done with the network (or never on it): the slot and the worker's room are free again. */
    const settle = () => {
      if (started) hooks.slots.release();
      started = false;
      if (!counted) return;
      counted = false;
      worker.outstanding.set(job, (worker.outstanding.get(job) ?? 1) - 1);
      wakeAll(share);
    };
    const onAbort = () => worker.post({ op: 'abort', id });
    const onDrain = () => {
      if (!started) worker.post({ op: 'unstart', id });
    };
    hooks.signal.addEventListener('abort', onAbort, { once: true });
    if (startSignal !== hooks.signal) startSignal.addEventListener('abort', onDrain, { once: true });
    try {
      return await new Promise<AttemptResult | 'refused' | 'moved'>((resolve, reject) => {
        worker.attempts.set(id, {
          resolve: ({ result }) => resolve(result),
          reject,
          onStarted: () => {
            if (started || !counted) return;
            started = true;
            hooks.slots.hold();
          },
          onReleased: settle,
          refused: () => resolve('refused'),
          moved: () => resolve('moved'),
          drained: () => reject(startSignal.reason ?? new Error('aborted')),
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
      settle();
      hooks.signal.removeEventListener('abort', onAbort);
      startSignal.removeEventListener('abort', onDrain);
    }
  }
}

function wakeAll(share: JobShare): void {
  for (const wake of [...share.waiting]) wake();
}

/**
 * How busy these workers' event loops were since each was last seen (`seen`, updated), the mean over those
 * whose loop ran meanwhile: read from this thread (Node's worker.performance), so a saturated worker needs no
 * turn of its own loop to say so. A worker still starting has not run its loop yet and is not counted.
 */
function meanUtilization(
  workers: TransferWorker[],
  seen: Map<TransferWorker, EventLoopUtilization>,
): number | undefined {
  let sum = 0;
  let counted = 0;
  for (const w of workers) {
    const now = w.worker.performance.eventLoopUtilization();
    const before = seen.get(w);
    seen.set(w, now);
    const since = before ? w.worker.performance.eventLoopUtilization(now, before) : now;
    if (since.idle + since.active <= 0) continue;
    sum += Math.max(0, since.utilization);
    counted++;
  }
  for (const w of seen.keys()) if (!workers.includes(w)) seen.delete(w);
  return counted ? sum / counted : undefined;
}

/** The worker has run its script and started its event loop (its loop has had idle or busy time). */
function loopStarted(worker: Worker): boolean {
  const elu = worker.performance.eventLoopUtilization();
  return elu.idle + elu.active > 0;
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
