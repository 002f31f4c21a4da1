import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { SendJobState, SendProgress } from '../../common/contract/bulk-send-types';
import { AppError } from '../../common/errors/app-error';
import { SendErrors } from '../../common/errors/send-errors';
import { type Instance, splitInstanceId } from '../../common/schemas/instance-types';
import type { ActWorld } from '../acts/act-world';
import { createInstance } from '../acts/create-instance';
import { addData } from '../acts/data-writes';
import type { DataPart } from '../acts/local-checks';
import { outcomeOf } from '../acts/write-outcome';
import { AdaptiveConcurrency, MAX, START } from '../downloads/adaptive-concurrency';
import { etaSeconds, RateMeter } from '../downloads/rate-meter';
import { TransferSlots } from '../downloads/transfer-slots';
import { isAbort } from '../platform/retry';
import type { StorageClient } from '../storage/storage-client';
import { reconcileRow } from './reconcile';
import type { PlannedAttachment, PlannedRow } from './row-checks';
import type { JournalRow, SendJournal } from './send-journal';

/** What became of one row in this run. */
export interface RowOutcome {
  row: number;
  status: 'sent' | 'already-sent' | 'failed';
  instanceId?: string;
  error?: { code: string; message: string };
}

export interface SendRunOptions {
  world: ActWorld;
  storage: StorageClient;
  appId: string;
  journal: SendJournal;
  rows: PlannedRow[];
  /** The most requests at once: a number the user gave (fixed), or adaptive from 4 up to 16. */
  concurrency?: number;
  /** How long after a request without an answer before its row is looked up in Storage (default 3 s). */
  graceMs?: number;
  /** Tries per row of a request that was not answered or not sent (default 4). */
  maxAttempts?: number;
  /** Retry-After longer than this is not waited for: the row is left for the next run (default 120 s). */
  maxRetryAfterMs?: number;
  onProgress?: (p: SendProgress) => void;
  progressIntervalMs?: number;
  jobId?: string;
}

/**
 * One send's run over the rows of a plan (issue 22, items 2 and 3). Rows the journal has done are counted as
 * already sent; every other row goes: (pending? look it up first, reconcile.ts) → pending → create
 * (src/node/acts/create-instance.ts; with prefill `/instances/create`, else one request with the files) →
 * created → each missing attachment (an element of that type and size already on the instance counts) →
 * done. The journal is written, and durable, before and after each request (send-journal.ts).
 *
 * Requests at once: adaptive-concurrency.ts (start at 4, double while rows per second grow, up to 16; halve on
 * 429 or 5xx), or the user's number; a Retry-After holds every new request until it has passed. At most one row
 * per owner is in flight (reconcile.ts relies on it). `pause()` and `stop()` start no new row and let the ones
 * in flight finish, so a stop leaves nothing in doubt; `resume()` goes on.
 */
export class SendRun {
  private readonly slots: TransferSlots;
  private readonly adaptive: AdaptiveConcurrency;
  private readonly meter = new RateMeter(3000);
  private readonly outcomes = new Map<number, RowOutcome>();
  private readonly busyOwners = new Set<string>();
  private readonly controller = new AbortController();
  private bytesSent = 0;
  private inFlight = 0;
  private notBefore = 0;
  private paused = false;
  private stopped = false;
  private wake?: () => void;
  private stateNow: SendJobState = 'running';
  private readonly total: number;

  constructor(private readonly o: SendRunOptions) {
    const fixed = o.concurrency !== undefined;
    this.slots = new TransferSlots(fixed ? (o.concurrency as number) : START);
    this.adaptive = new AdaptiveConcurrency({
      slots: this.slots,
      max: fixed ? (o.concurrency as number) : MAX,
      start: fixed ? (o.concurrency as number) : START,
      grow: !fixed,
      // Rows are small requests: the controller compares rows per second (transferDone) and bytes sent.
      bytes: () => this.bytesSent,
      // A row is one round trip: a window of one row per slot already shows whether a doubling helped.
      growAfter: 1,
    });
    this.total = o.rows.length;
  }

  get state(): SendJobState {
    return this.stateNow;
  }

  get concurrencyHistory(): [number, number][] {
    return this.adaptive.history;
  }

  pause(): void {
    if (this.stateNow !== 'running') return;
    this.paused = true;
    this.stateNow = 'paused';
    this.report();
  }

  resume(): void {
    if (this.stateNow !== 'paused') return;
    this.paused = false;
    this.stateNow = 'running';
    this.wake?.();
    this.report();
  }

  /** Start no new row; the rows in flight finish (their outcome is then known). */
  stop(): void {
    this.stopped = true;
    this.paused = false;
    this.wake?.();
  }

  /** Stop at once: requests in flight are aborted (their rows stay pending, looked up on the next run). */
  abort(): void {
    this.stop();
    this.controller.abort(new AppError(SendErrors.CANCELLED, 'The send was stopped'));
  }

  progress(): SendProgress {
    let sent = 0;
    let alreadySent = 0;
    let failed = 0;
    for (const o of this.outcomes.values()) {
      if (o.status === 'sent') sent++;
      else if (o.status === 'already-sent') alreadySent++;
      else failed++;
    }
    const rate = this.meter.sample(sent + failed, performance.now());
    return {
      jobId: this.o.jobId ?? '',
      state: this.stateNow,
      total: this.total,
      sent,
      alreadySent,
      failed,
      inFlight: this.inFlight,
      rate,
      etaSeconds: etaSeconds(sent + failed + alreadySent, this.total, rate),
      concurrencyNow: this.slots.size,
    };
  }

  rowOutcomes(): RowOutcome[] {
    return [...this.outcomes.values()].sort((a, b) => a.row - b.row);
  }

  async run(): Promise<RowOutcome[]> {
    const stopAdaptive = this.adaptive.run();
    const timer = setInterval(() => this.report(), this.o.progressIntervalMs ?? 250);
    timer.unref?.();
    const queue: PlannedRow[] = [];
    for (const row of this.o.rows) {
      const entry = this.o.journal.rows.get(row.key);
      if (entry?.state === 'done') {
        this.outcomes.set(row.row, { row: row.row, status: 'already-sent', instanceId: entry.instanceId });
      } else if (entry?.ambiguous) {
        this.outcomes.set(row.row, failedOutcome(row.row, entry));
      } else queue.push(row);
    }
    const running = new Set<Promise<void>>();
    try {
      while (queue.length > 0 && !this.stopped) {
        if (this.paused) {
          await new Promise<void>((r) => {
            this.wake = r;
          });
          continue;
        }
        const at = queue.findIndex((r) => !this.busyOwners.has(ownerKey(r)));
        if (at < 0) {
          await Promise.race(running);
          continue;
        }
        try {
          await this.slots.acquire(this.controller.signal);
        } catch {
          break;
        }
        if (this.paused || this.stopped) {
          this.slots.release();
          continue;
        }
        const [row] = queue.splice(at, 1) as [PlannedRow];
        const owner = ownerKey(row);
        this.busyOwners.add(owner);
        this.inFlight++;
        // The slot is a request on its way: it is given back when the row's last answer is in, so the next
        // row's request does not wait for this one's closing journal line.
        let held = true;
        const release = () => {
          if (!held) return;
          held = false;
          this.slots.release();
        };
        const task = this.processRow(row, release)
          .then((outcome) => {
            this.outcomes.set(row.row, outcome);
          })
          .finally(() => {
            release();
            this.inFlight--;
            this.busyOwners.delete(owner);
            this.adaptive.transferDone();
            running.delete(task);
          });
        running.add(task);
      }
      await Promise.all(running);
    } finally {
      stopAdaptive();
      clearInterval(timer);
    }
    const outcomes = this.rowOutcomes();
    const failed = outcomes.some((o) => o.status === 'failed');
    this.stateNow = this.stopped && queue.length > 0 ? 'cancelled' : failed ? 'partial' : 'completed';
    this.report();
    return outcomes;
  }

  private report(): void {
    this.o.onProgress?.(this.progress());
  }

  private get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** One row to its end in this run: sent, failed with the reason, or left pending (its outcome unknown). */
  private async processRow(row: PlannedRow, release: () => void): Promise<RowOutcome> {
    const journal = this.o.journal;
    const maxAttempts = this.o.maxAttempts ?? 4;
    let instance: Instance | undefined;
    let lastError: AppError | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        const entry = journal.rows.get(row.key);
        if (!entry?.instanceId) {
          if (entry?.state === 'pending') {
            const found = await reconcileRow(
              this.o.storage,
              this.o.appId,
              row,
              entry,
              journal.rows.values(),
              this.signal,
            );
            if ('ambiguous' in found) {
              const error = new AppError(
                SendErrors.AMBIGUOUS,
                `Storage has ${found.ambiguous.length} instances of ${this.o.appId} for this owner since row ${row.row} was started (${found.ambiguous.map((i) => i.id).join(', ')}); the row is not sent again`,
              );
              await journal.failed(row.key, { code: error.code, message: error.message }, true);
              return { row: row.row, status: 'failed', error: { code: error.code, message: error.message } };
            }
            if ('found' in found) {
              instance = found.found;
              await journal.created(row.key, {
                instanceId: instance.id,
                partyId: splitInstanceId(instance.id).partyId,
              });
            }
          }
          if (!journal.rows.get(row.key)?.instanceId) instance = await this.create(row, release);
        }
        return await this.attach(row, instance, release);
      } catch (error) {
        if (this.signal.aborted || isAbort(error)) {
          return failedNow(
            row.row,
            new AppError(
              SendErrors.OUTCOME_UNKNOWN,
              'The send was stopped while this row was on its way; it is looked up in Altinn on the next run',
            ),
          );
        }
        const e =
          error instanceof AppError
            ? error
            : new AppError(SendErrors.OUTCOME_UNKNOWN, String((error as Error)?.message ?? error));
        lastError = e;
        // The next attempt reads the instance afresh: a file whose answer was lost may be on it.
        instance = undefined;
        const outcome = outcomeOf(e);
        const status = typeof e.details?.status === 'number' ? e.details.status : undefined;
        if (status === 429 || status === 503 || (status !== undefined && status >= 500)) this.adaptive.overloaded();
        const retryAfter = typeof e.details?.retryAfterMs === 'number' ? e.details.retryAfterMs : undefined;
        if (retryAfter !== undefined) {
          if (retryAfter > (this.o.maxRetryAfterMs ?? 120_000)) break;
          this.notBefore = Math.max(this.notBefore, Date.now() + retryAfter);
        }
        if (outcome === 'refused' && status !== 429) {
          await journal.failed(row.key, { code: e.code, message: e.message, outcome });
          return failedNow(row.row, e, journal.rows.get(row.key)?.instanceId);
        }
        if (attempt === maxAttempts || this.stopped) break;
        // not-sent: nothing happened; unknown: wait a moment, then the loop looks the row up before sending.
        await sleep(outcome === 'unknown' ? (this.o.graceMs ?? 3000) : backoff(attempt), this.signal).catch(() => {});
      }
    }
    const entry = journal.rows.get(row.key);
    const e = lastError ?? new AppError(SendErrors.OUTCOME_UNKNOWN, 'The row could not be sent');
    if (entry?.state === 'pending') {
      // Left pending: the next run looks it up before it sends anything.
      return failedNow(
        row.row,
        new AppError(
          SendErrors.OUTCOME_UNKNOWN,
          `Altinn gave no clear answer (${e.code}: ${e.message}); the row is left pending and looked up on the next run`,
        ),
      );
    }
    await journal.failed(row.key, { code: e.code, message: e.message, outcome: outcomeOf(e) });
    return failedNow(row.row, e, entry?.instanceId);
  }

  /** pending → the create request → created (and done, when the request carried everything). */
  private async create(row: PlannedRow, release: () => void): Promise<Instance> {
    const journal = this.o.journal;
    await this.gate();
    const prefilled = Boolean(row.prefill && Object.keys(row.prefill).length > 0);
    const parts = prefilled ? [] : await Promise.all(row.attachments.map(readPart));
    this.bytesSent += 200 + JSON.stringify(row.prefill ?? {}).length + parts.reduce((n, p) => n + p.bytes.length, 0);
    await journal.pending(row.key, row.row, this.o.world.now());
    let created: Awaited<ReturnType<typeof createInstance>>;
    try {
      created = await createInstance(
        { ...this.o.world, signal: this.signal },
        {
          appId: this.o.appId,
          owner: row.owner,
          prefill: row.prefill,
          parts,
          visibleAfter: row.visibleAfter,
          dueBefore: row.dueBefore,
        },
      );
    } catch (error) {
      // The app created it but its answer could not be read: Location named the instance.
      const id = error instanceof AppError ? error.details?.instanceId : undefined;
      if (typeof id === 'string') {
        await journal.created(row.key, { instanceId: id, partyId: splitInstanceId(id).partyId });
        return this.o.storage.getInstance(id, this.signal);
      }
      if (error instanceof AppError && error.details?.outcome === 'not-sent') {
        // Nothing left the machine: the row is not in doubt.
        await journal.failed(row.key, { code: error.code, message: error.message, outcome: 'not-sent' });
      }
      throw error;
    }
    const instance = created.instance;
    // Files sent with the instance (multipart): each one that became an element is recorded.
    const files = created.parts.filter((p) => p.elementId);
    const complete = row.attachments.every((a) => files.some((p) => p.dataType === a.dataType));
    if (complete) release();
    // Recorded together, so they share one flush: created, its files, and done when nothing is left to add.
    await Promise.all([
      journal.created(row.key, {
        instanceId: instance.id,
        partyId: splitInstanceId(instance.id).partyId,
        created: instance.created ?? undefined,
        answeredAt: this.o.world.now(),
      }),
      ...files.map((p) => journal.attached(row.key, p.dataType, p.elementId as string)),
      ...(complete ? [journal.done(row.key)] : []),
    ]);
    return instance;
  }

  /** created → each attachment not yet recorded (one already on the instance counts) → done. */
  private async attach(row: PlannedRow, known: Instance | undefined, release: () => void): Promise<RowOutcome> {
    const journal = this.o.journal;
    let entry = journal.rows.get(row.key) as JournalRow;
    const instanceId = entry.instanceId as string;
    if (entry.state === 'done') return { row: row.row, status: 'sent', instanceId };
    let missing = row.attachments.filter((a) => !entry.attached[a.dataType]);
    if (missing.length > 0) {
      let instance = known ?? (await this.o.storage.getInstance(instanceId, this.signal));
      for (const attachment of missing) {
        const taken = new Set(Object.values(journal.rows.get(row.key)?.attached ?? {}));
        const present = (instance.data ?? []).find(
          (d) =>
            d.dataType === attachment.dataType &&
            d.size === attachment.size &&
            (d.filename ?? '') !== '' &&
            !taken.has(d.id),
        );
        if (present) {
          await journal.attached(row.key, attachment.dataType, present.id);
          continue;
        }
        await this.gate();
        const part = await readPart(attachment);
        this.bytesSent += part.bytes.length;
        const added = await addData(
          { ...this.o.world, signal: this.signal },
          { appId: this.o.appId, instanceId, part, checked: true },
        );
        await journal.attached(row.key, attachment.dataType, added.elementId);
        instance = added.instance;
      }
      entry = journal.rows.get(row.key) as JournalRow;
      missing = row.attachments.filter((a) => !entry.attached[a.dataType]);
    }
    release();
    if (missing.length === 0) await journal.done(row.key);
    return { row: row.row, status: 'sent', instanceId };
  }

  /** Hold a new request while a Retry-After runs. */
  private async gate(): Promise<void> {
    const wait = this.notBefore - Date.now();
    if (wait > 0) await sleep(wait, this.signal);
  }
}

function ownerKey(row: PlannedRow): string {
  return `${row.owner.kind}:${row.owner.value}`;
}

function failedNow(row: number, e: AppError, instanceId?: string): RowOutcome {
  return { row, status: 'failed', ...(instanceId ? { instanceId } : {}), error: { code: e.code, message: e.message } };
}

function failedOutcome(row: number, entry: JournalRow): RowOutcome {
  return {
    row,
    status: 'failed',
    ...(entry.instanceId ? { instanceId: entry.instanceId } : {}),
    error: { code: entry.error?.code ?? SendErrors.AMBIGUOUS, message: entry.error?.message ?? '' },
  };
}

/** A file read when its row is sent; it must still be the one that was checked. */
async function readPart(a: PlannedAttachment): Promise<DataPart> {
  const bytes = await readFile(a.path).catch((error) => {
    throw new AppError('ACT_FILE_UNREADABLE', `${a.filename} cannot be read any more`, {
      details: { outcome: 'not-sent' },
      cause: error,
    });
  });
  if (createHash('sha256').update(bytes).digest('hex') !== a.sha256) {
    throw new AppError(
      'ACT_FILE_UNREADABLE',
      `${a.filename} has changed since the spreadsheet was checked; check it again`,
      {
        details: { outcome: 'not-sent' },
      },
    );
  }
  return { dataType: a.dataType, filename: a.filename, contentType: a.contentType, bytes };
}

function backoff(attempt: number): number {
  return Math.min(5000, 250 * 2 ** (attempt - 1));
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
