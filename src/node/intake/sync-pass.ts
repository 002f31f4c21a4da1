import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { DownloadJobDetail, DownloadProgress } from '../../common/contract/downloads';
import type { PassOutcome, PassProblem, PassProgress, PassRecord, WatchSpec } from '../../common/contract/intake';
import type { DoctorRow } from '../../common/contract/token-status';
import { AppError, type AppErrorJson } from '../../common/errors/app-error';
import { DownloadErrors } from '../../common/errors/download-errors';
import { IntakeErrors } from '../../common/errors/intake-errors';
import { StorageErrors } from '../../common/errors/storage-errors';
import type { InstanceFilters } from '../../common/schemas/instance-query';
import type { Instance } from '../../common/schemas/instance-types';
import { asAppError } from '../downloads/download-failures';
import type { DownloadManager } from '../downloads/download-manager';
import { Manifest } from '../downloads/manifest';
import type { Logger } from '../platform/log';
import { confirmedBy } from '../storage/instance-summary';
import type { StorageClient } from '../storage/storage-client';
import type { StorageContext } from '../storage/storage-context';
import { emptyRecord } from './empty-record';
import { failureKind, isAccountProblem } from './failure-kind';
import { type FolderView, folderView, passInstance, type Settledness, settledness } from './folder-state';
import { addToHistory, type PassState, PassStateStore, type RetryEntry } from './pass-state';
import { laterOf } from './storage-time';

/**
 * One intake pass (issue 12, item 1): what is new in an app since the last pass goes into the folder,
 * verified, and confirmed when the watch asks. The exact rule (also in README, "Intake"):
 *
 * 1. List the app with `excludeConfirmedBy=<us>` (the filters' `notConfirmedByUs`, resolved from the
 *    profile in main: confirming-org.ts), the selection (`process.isComplete=true`, or
 *    `process.currentTask=<task>`), and, once the watch has a mark, `lastChanged=gte:<mark>` — every page.
 * 2. A listed instance the folder already settles is skipped without a data request (folder-state.ts:
 *    instance.json there and every element verified in the manifest with Storage's size and MD5 and on disk,
 *    or recorded infected; and, when the watch confirms, confirmed by us). `gte`, not `gt`: Storage may
 *    hold several instances with the very lastChanged of the mark, of which the last pass saw only some —
 *    those are settled and skipped, the others are taken. The mark is Storage's own string, sent back
 *    unchanged, so no precision is lost (storage-time.ts).
 * 3. Instances that failed in an earlier pass are older than the mark and would never be listed again: they
 *    are remembered (the retry list) and fetched by id. Gone (404), confirmed by us since (elsewhere), or
 *    settled → dropped; otherwise taken.
 * 4. Everything taken goes to one job of the DownloadManager (same layout, manifest, verification, folder
 *    lock), which confirms an instance only after every file of it is verified on disk.
 * 5. Afterwards each taken instance is judged from the manifest again: settled, or onto the retry list.
 * 6. The mark moves to the newest lastChanged *as listed*, and only when the listing reached its last page
 *    and the job (if one was needed) ran to its end (completed or partial). Otherwise the mark stays and the
 *    next pass lists the same range again, which step 2 makes cheap. Our own confirm changes an instance's
 *    lastChanged, but `excludeConfirmedBy` keeps it out of every later listing and the mark never comes from
 *    a confirm's answer, so our confirm neither lists anything again nor moves the mark. With confirm off the
 *    downloaded instances stay "not confirmed": the mark keeps all but the boundary out of the listing and
 *    step 2 skips the boundary. An instance that reaches the selection later (becomes complete) gets a
 *    lastChanged newer than the mark and is listed then.
 *
 * A pass with nothing new and nothing to retry costs one list request. Passes of one watch never overlap,
 * across processes too (pass-state.ts locks the watch; the job's folder lock keeps other downloads out).
 */

export interface PassDeps {
  home: string;
  storageFor(profileId: string): Promise<StorageContext>;
  downloads: Pick<DownloadManager, 'start' | 'wait' | 'get' | 'drain' | 'onProgress'>;
  now(): Date;
  /** The doctor's failing rows for a profile, to explain a stop (it makes real requests; once per stop). */
  explain?(profileId: string): Promise<DoctorRow[]>;
  log?: Logger;
}

export interface PassRequest {
  spec: WatchSpec;
  /** The person (or `--confirm-production`) said yes to confirming in production. */
  confirmProduction?: boolean;
  by: 'app' | 'cli';
  signal?: AbortSignal;
  onProgress?(progress: PassProgress): void;
}

export interface PassResult {
  record: PassRecord;
  /** The state as written (absent when the pass could not take the watch's lock). */
  state?: PassState;
}

/** Instances the folder already has, taken, listed, failed: the pass's working memory. */
interface Work {
  listed: Instance[];
  listRequests: number;
  listingComplete: boolean;
  /** Every listed instance was judged (step 2) after the listing reached its last page. */
  examined: boolean;
  taken: Instance[];
  newCount: number;
  retried: number;
  retry: Map<string, RetryEntry>;
  /** Retried instances that could not even be fetched this time (they stay on the list). */
  fetchProblems: PassProblem[];
  job?: DownloadJobDetail;
}

export async function runPass(deps: PassDeps, request: PassRequest): Promise<PassResult> {
  const spec = { ...request.spec, target: resolve(request.spec.target) };
  const store = new PassStateStore(deps.home, spec);
  const startedAt = deps.now().toISOString();
  const nothingDone = (outcome: PassOutcome, error: AppError): PassResult => ({
    record: emptyRecord({
      startedAt,
      endedAt: deps.now().toISOString(),
      by: request.by,
      outcome,
      error: error.toJSON(),
    }),
  });
  let release: () => Promise<void>;
  try {
    release = await store.lock(deps.now);
  } catch (error) {
    const e = asAppError(error);
    return nothingDone(e.code === IntakeErrors.PASS_BUSY ? 'skipped' : 'failed', e);
  }
  try {
    const state = await store.read();
    const pass = new SyncPass(deps, { ...request, spec }, state);
    const record = await pass.run(startedAt);
    const next = await pass.nextState(record);
    await store.write(next);
    return { record, state: next };
  } catch (error) {
    // The state file itself could not be read or written: nothing of the pass is recorded, so the next pass
    // repeats it (step 2 makes that cheap).
    return nothingDone('failed', asAppError(error));
  } finally {
    await release().catch(() => {});
  }
}

class SyncPass {
  private readonly work: Work = {
    listed: [],
    listRequests: 0,
    listingComplete: false,
    examined: false,
    taken: [],
    newCount: 0,
    retried: 0,
    retry: new Map(),
    fetchProblems: [],
  };
  private client?: StorageClient;
  private org = '';

  constructor(
    private readonly deps: PassDeps,
    private readonly request: PassRequest & { spec: WatchSpec },
    private readonly state: PassState,
  ) {
    for (const entry of state.retry) this.work.retry.set(entry.id, entry);
  }

  private get spec(): WatchSpec {
    return this.request.spec;
  }

  async run(startedAt: string): Promise<PassRecord> {
    try {
      const context = await this.deps.storageFor(this.spec.profileId);
      this.client = context.client;
      this.org = context.client.confirmingOrg(this.spec.appId);
      this.progress(startedAt, 'listing');
      await this.list();
      const before = folderView(this.spec.target, await Manifest.open(this.spec.target, this.deps.now));
      await this.takeListed(before);
      await this.takeRetries(before);
      if (this.work.taken.length === 0) {
        return this.record(startedAt, this.work.fetchProblems.length ? 'problems' : 'nothing-new');
      }
      this.progress(startedAt, 'downloading');
      this.work.job = await this.download(startedAt);
      return await this.judge(startedAt);
    } catch (error) {
      const e = asAppError(error);
      if (this.request.signal?.aborted) return this.record(startedAt, 'cancelled');
      const outcome: PassOutcome = e.code === DownloadErrors.TARGET_BUSY ? 'skipped' : 'failed';
      return this.record(startedAt, outcome, e.toJSON());
    }
  }

  /** Step 1: every page; the listing counts as complete only when the last page has arrived. */
  private async list(): Promise<void> {
    const client = this.client as StorageClient;
    for await (const page of client.pages(this.filters(), { signal: this.request.signal })) {
      this.work.listRequests++;
      this.work.listed.push(...page.instances);
    }
    this.work.listingComplete = true;
  }

  filters(): InstanceFilters {
    const { appId, selection } = this.spec;
    return {
      appId,
      notConfirmedByUs: true,
      ...(selection.kind === 'complete' ? { isComplete: true } : { currentTask: selection.task }),
      ...(this.state.mark ? { lastChanged: { gte: this.state.mark } } : {}),
    };
  }

  /** Step 2. */
  private async takeListed(view: FolderView): Promise<void> {
    for (const instance of this.work.listed) {
      if ((await this.settledness(view, instance)).settled) {
        this.work.retry.delete(instance.id);
        continue;
      }
      this.work.taken.push(instance);
      if (this.work.retry.has(instance.id)) this.work.retried++;
      else this.work.newCount++;
    }
    this.work.examined = this.work.listingComplete;
  }

  /** Step 3: what failed before and is not in this listing. */
  private async takeRetries(view: FolderView): Promise<void> {
    const listed = new Set(this.work.listed.map((i) => i.id));
    const client = this.client as StorageClient;
    for (const entry of [...this.work.retry.values()]) {
      if (listed.has(entry.id)) continue;
      let instance: Instance;
      try {
        instance = await client.getInstance(entry.id, this.request.signal);
      } catch (error) {
        const e = asAppError(error);
        if (e.code === StorageErrors.NOT_FOUND) {
          this.deps.log?.info('intake: a retried instance is gone', { instanceId: entry.id });
          this.work.retry.delete(entry.id);
          continue;
        }
        if (failureKind(e.code) === 'stop' || this.request.signal?.aborted) throw e;
        this.work.retry.set(entry.id, { ...entry, attempts: entry.attempts + 1, code: e.code, message: e.message });
        this.work.fetchProblems.push({ instanceId: entry.id, code: e.code, message: e.message });
        continue;
      }
      if (confirmedBy(instance, this.org) || (await this.settledness(view, instance)).settled) {
        this.work.retry.delete(entry.id);
        continue;
      }
      this.work.taken.push(instance);
      this.work.retried++;
    }
  }

  /** Step 4. */
  private async download(startedAt: string): Promise<DownloadJobDetail> {
    const { downloads } = this.deps;
    const job = await downloads.start({
      profileId: this.spec.profileId,
      source: { kind: 'instances', instanceIds: this.work.taken.map((i) => i.id) },
      // Just listed (or fetched for a retry): no second GET per instance.
      listed: this.work.taken,
      target: this.spec.target,
      concurrency: this.spec.concurrency,
      confirm: this.spec.confirm,
      confirmProduction: this.request.confirmProduction,
    });
    const off = downloads.onProgress((p) => {
      if (p.jobId === job.jobId) this.request.onProgress?.(fromJob(startedAt, this.work.listed.length, p));
    });
    // A stopped pass (SIGINT/SIGTERM, pause, quit) lets the files in flight finish, verified and flushed.
    const cancel = () => downloads.drain(job.jobId);
    this.request.signal?.addEventListener('abort', cancel, { once: true });
    if (this.request.signal?.aborted) cancel();
    try {
      await downloads.wait(job.jobId);
    } finally {
      off();
      this.request.signal?.removeEventListener('abort', cancel);
    }
    return downloads.get(job.jobId);
  }

  /** Step 5. */
  private async judge(startedAt: string): Promise<PassRecord> {
    const job = this.work.job as DownloadJobDetail;
    const after = folderView(this.spec.target, await Manifest.open(this.spec.target, this.deps.now));
    const lastError = new Map<string, PassProblem>();
    for (const f of job.failures) if (!lastError.has(f.instanceId)) lastError.set(f.instanceId, f);
    const instances = [];
    let downloaded = 0;
    let failed = 0;
    for (const instance of this.work.taken) {
      const state = await this.settledness(after, instance);
      if (state.settled) {
        this.work.retry.delete(instance.id);
        if (state.saved) downloaded++;
        if (instances.length < 100) instances.push(passInstance(after, instance, state));
        continue;
      }
      failed++;
      const previous = this.work.retry.get(instance.id);
      const problem =
        lastError.get(instance.id) ?? (job.error ? { code: job.error.code, message: job.error.message } : undefined);
      this.work.retry.set(instance.id, {
        id: instance.id,
        attempts: (previous?.attempts ?? 0) + 1,
        since: previous?.since ?? startedAt,
        ...(problem ? { code: problem.code, message: problem.message } : {}),
      });
    }
    const outcome: PassOutcome =
      job.state === 'cancelled'
        ? 'cancelled'
        : job.state === 'failed'
          ? 'failed'
          : failed > 0 || job.elements.infected > 0 || job.failures.length > 0 || this.work.fetchProblems.length > 0
            ? 'problems'
            : 'completed';
    return {
      ...this.record(startedAt, outcome, job.error),
      downloaded,
      failed: failed + this.work.fetchProblems.length,
      instances,
    };
  }

  private settledness(view: FolderView, instance: Instance): Promise<Settledness> {
    return settledness(view, instance, { confirm: this.spec.confirm, org: this.org });
  }

  private record(startedAt: string, outcome: PassOutcome, error?: AppErrorJson): PassRecord {
    const job = this.work.job;
    return {
      id: randomUUID(),
      startedAt,
      endedAt: this.deps.now().toISOString(),
      by: this.request.by,
      outcome,
      listRequests: this.work.listRequests,
      newInstances: this.work.newCount,
      retried: this.work.retried,
      downloaded: 0,
      files: job?.elements.done ?? 0,
      bytes: job?.bytes.done ?? 0,
      confirmed: job?.instances.confirmed ?? 0,
      failed: this.work.fetchProblems.length,
      infected: job?.elements.infected ?? 0,
      problems: [
        ...this.work.fetchProblems,
        ...(job?.failures ?? []).map((f) => ({
          instanceId: f.instanceId,
          ...(f.elementId ? { elementId: f.elementId } : {}),
          code: f.code,
          message: f.message,
        })),
      ].slice(0, 20),
      instances: [],
      ...(error ? { error: { code: error.code, message: error.message } } : {}),
    };
  }

  private progress(startedAt: string, phase: PassProgress['phase']): void {
    this.request.onProgress?.({
      startedAt,
      phase,
      listed: this.work.listed.length,
      instances: { done: 0, failed: 0, total: this.work.taken.length },
      files: { done: 0, total: 0 },
      bytes: { done: 0, total: 0 },
    });
  }

  /** Step 6, and what the watch does next: the mark, the retry list, failures in a row, a stop. */
  async nextState(record: PassRecord): Promise<PassState> {
    const job = this.work.job;
    const jobRanToEnd = job !== undefined && (job.state === 'completed' || job.state === 'partial');
    // Everything listed is settled, on the retry list, or (no job was needed) had nothing to do.
    const moved = this.work.examined && (this.work.taken.length === 0 || jobRanToEnd);
    let mark = this.state.mark;
    if (moved) for (const instance of this.work.listed) mark = laterOf(mark, instance.lastChanged);
    const retry = moved
      ? [...this.work.retry.values()]
      : // The range is listed again next time: keep only what that listing cannot bring back.
        [...this.work.retry.values()].filter((r) => this.state.retry.some((old) => old.id === r.id));
    const stopError = this.stopError(record);
    const good = record.outcome === 'completed' || record.outcome === 'nothing-new' || record.outcome === 'problems';
    return {
      ...this.state,
      mark,
      retry,
      consecutiveFailures:
        record.outcome === 'failed' && !stopError
          ? this.state.consecutiveFailures + 1
          : good
            ? 0
            : this.state.consecutiveFailures,
      lastPassAt: record.endedAt,
      stop: stopError ? await this.stop(stopError) : good ? undefined : this.state.stop,
      history: addToHistory(this.state.history, record),
    };
  }

  private stopError(record: PassRecord): AppErrorJson | undefined {
    if (record.error && failureKind(record.error.code) === 'stop') return record.error;
    const problem = record.problems.find((p) => failureKind(p.code) === 'stop');
    return problem ? { code: problem.code, message: problem.message } : undefined;
  }

  private async stop(error: AppErrorJson): Promise<PassState['stop']> {
    let doctor: DoctorRow[] | undefined;
    if (isAccountProblem(error.code) && this.deps.explain) {
      doctor = await this.deps.explain(this.spec.profileId).catch((e: unknown) => {
        this.deps.log?.warn('intake: the doctor could not run', { error: asAppError(e).code });
        return undefined;
      });
    }
    return { at: this.deps.now().toISOString(), error, ...(doctor?.length ? { doctor } : {}) };
  }
}

function fromJob(startedAt: string, listed: number, p: DownloadProgress): PassProgress {
  return {
    startedAt,
    phase: 'downloading',
    listed,
    instances: { done: p.instances.done, failed: p.instances.failed, total: p.instances.total },
    files: { done: p.elements.done + p.elements.skipped, total: p.elements.total },
    bytes: { done: p.bytes.done, total: p.bytes.total },
  };
}

/** A pass error as an AppError (for callers that throw it, e.g. the CLI). */
export function passError(record: PassRecord): AppError | undefined {
  return record.error ? new AppError(record.error.code, record.error.message) : undefined;
}
