import type { AttemptHooks, AttemptResult, ElementTransfers, TransferOrder } from './element-transfers';
import { TransferSlots } from './transfer-slots';

/**
 * A job's transfers in this thread until its worker threads have started, then on the workers (issue 21,
 * the first file). A worker's start costs ~0.1 s of CPU before its first request, more on a busy machine.
 * Started with the job, the two workers took that CPU from the Maskinporten grant, the Altinn exchange and
 * the first page on this project's shared 2-CPU machine, and the first page still waited for them: 100–200
 * ms from the first page to the first data request at 40 ms a round trip (bench/startup-ab.ts). This thread
 * has the transfer code loaded and a warm connection to Storage from the listing, so the first attempts run
 * here — with every check and guarantee of the one-core path (LocalTransfers) — the workers are started
 * right after the first attempt's request has left, and once every worker has started its event loop the
 * next attempts go to them (an attempt already here finishes here).
 *
 * The job's concurrency stays one bound across both: the workers share out only the job's slots that no
 * attempt here may be holding (resized as attempts start and end here and as the job's number changes),
 * so the server never sees more requests at once than the job's number. Both count their slots in use on
 * the job's slots (`hooks.slots`), which adaptive-concurrency.ts reads.
 */
export class HandoverTransfers implements ElementTransfers {
  /** The workers' part of the job's slots (transfer-threads.ts shares it out among them). */
  private readonly share: TransferSlots;
  /** Attempts running in this thread (waiting for a slot, on the network or on their way to the disk). */
  private here = 0;
  private workers?: ElementTransfers;
  private opening = false;
  private closed = false;
  private handedOver = false;
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

  async attempt(order: TransferOrder, hooks: AttemptHooks): Promise<AttemptResult> {
    if (!this.opening) {
      this.opening = true;
      // Next turn: this attempt's request leaves before the workers' start (new Worker) takes the thread.
      setImmediate(() => {
        if (!this.closed) this.workers = this.openWorkers(this.share);
      });
    }
    if (!this.handedOver && this.workers) this.handedOver = this.workers.ready?.() ?? true;
    if (this.handedOver && this.workers) return this.workers.attempt(order, hooks);
    this.here++;
    this.shareOut();
    try {
      return await this.local.attempt(order, hooks);
    } finally {
      this.here--;
      this.shareOut();
    }
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
