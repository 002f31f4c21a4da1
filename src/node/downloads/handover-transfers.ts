import type { AttemptHooks, AttemptResult, ElementTransfers, TransferOrder } from './element-transfers';
import { TransferSlots } from './transfer-slots';

/**
 * A job's transfers in this thread until its worker threads have started, then on the workers (issue 21,
 * the first file). A worker's start costs ~0.1 s of CPU before its first request, more on a busy machine.
 * Started with the job, the two workers took that CPU from the Maskinporten grant, the Altinn exchange and
 * the first page on this project's shared 2-CPU machine, and the first page still waited for them: 100–200
 * ms from the first page to the first data request at 40 ms a round trip (bench/startup-ab.ts). This thread
 * has the transfer code loaded and a warm connection to Storage from the listing, so the first attempts run
 * here — with every check and guarantee of the one-core path (LocalTransfers), at most as many as the job's
 * slots — the workers are started right after the first attempt's request has left, and once every worker
 * has started its event loop the next attempts go to them (an attempt already here finishes here).
 *
 * The job's concurrency stays one bound across both: the workers share out only the job's slots that no
 * attempt here may be holding (resized as attempts start and end here and as the job's number changes),
 * so the server never sees more requests at once than the job's number. Both count their slots in use on
 * the job's slots (`hooks.slots`), which adaptive-concurrency.ts reads.
 */
/** How often an attempt waiting for the workers looks whether they are up. */
const READY_POLL_MS = 10;
/**
 * After the handover the workers' first transfers run on code not yet compiled (~0.8 of their loops busy for
 * a window or two): adaptive growth judges no window before this (adaptive-concurrency.ts `handingOver`).
 */
const HANDOVER_SETTLE_MS = 200;

export class HandoverTransfers implements ElementTransfers {
  /** The workers' part of the job's slots (transfer-threads.ts shares it out among them). */
  private readonly share: TransferSlots;
  /** Attempts running in this thread (waiting for a slot, on the network or on their way to the disk). */
  private here = 0;
  private workers?: ElementTransfers;
  private opening = false;
  private closed = false;
  private handedOver = false;
  private handedOverAt = 0;
  /** Attempts waiting for a slot here or for the workers. */
  private readonly waiting = new Set<() => void>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly local: ElementTransfers,
    readonly threads: number,
    private readonly openWorkers: (share: TransferSlots) => ElementTransfers,
    private readonly jobSlots: TransferSlots,
  ) {
    this.share = new TransferSlots(jobSlots.size, 0);
    this.unsubscribe = jobSlots.onResize(() => this.shareOut());
  }

  utilization(): number | undefined {
    return this.workers?.utilization?.();
  }

  /** Until the workers have carried a while (HANDOVER_SETTLE_MS): their first transfers run on cold code. */
  handingOver(): boolean {
    return !this.handedOver || performance.now() - this.handedOverAt < HANDOVER_SETTLE_MS;
  }

  async attempt(order: TransferOrder, hooks: AttemptHooks): Promise<AttemptResult> {
    if (!this.opening) {
      this.opening = true;
      // Next turn: this attempt's request leaves before the workers' start (new Worker) takes the thread.
      setImmediate(() => {
        if (!this.closed) this.workers = this.openWorkers(this.share);
      });
    }
    for (;;) {
      if (!this.handedOver && this.workers && (this.workers.ready?.() ?? true)) {
        this.handedOver = true;
        this.handedOverAt = performance.now();
      }
      if (this.handedOver && this.workers) return this.workers.attempt(order, hooks);
      if (this.here < this.jobSlots.size) break;
      // Every slot has an attempt here: wait for one of them or for the workers, not in line behind them
      // (a job's first 16–32 elements all went through this thread, and its workers had no slot meanwhile).
      await this.turn(hooks.startSignal ?? hooks.signal);
    }
    this.here++;
    this.shareOut();
    try {
      return await this.local.attempt(order, hooks);
    } finally {
      this.here--;
      this.shareOut();
      for (const wake of [...this.waiting]) wake();
    }
  }

  /** An attempt here ended, or a short while passed (the workers may be up; they tell no one). */
  private turn(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(signal.reason ?? new Error('aborted'));
    return new Promise<void>((resolve, reject) => {
      const end = () => {
        clearTimeout(timer);
        this.waiting.delete(wake);
        signal.removeEventListener('abort', onAbort);
      };
      const wake = () => {
        end();
        resolve();
      };
      const onAbort = () => {
        end();
        reject(signal.reason ?? new Error('aborted'));
      };
      const timer = setTimeout(wake, READY_POLL_MS);
      this.waiting.add(wake);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  async flush(): Promise<void> {
    await Promise.all([this.local.flush(), this.workers?.flush()]);
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    this.local.close();
    this.workers?.close();
  }

  /** The workers' part: the job's slots no attempt here may be holding. */
  private shareOut(): void {
    const share = Math.max(0, this.jobSlots.size - this.here);
    if (share !== this.share.size) this.share.resize(share);
  }
}
