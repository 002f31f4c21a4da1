import { randomUUID } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type {
  DownloadJobDetail,
  DownloadJobState,
  DownloadJobSummary,
  DownloadProblem,
  DownloadProgress,
  DownloadSource,
} from '../../common/contract/downloads';
import type { ConfirmResult } from '../../common/contract/instances';
import { AppError } from '../../common/errors/app-error';
import { DownloadErrors } from '../../common/errors/download-errors';
import { StorageErrors } from '../../common/errors/storage-errors';
import type { DataElement, Instance } from '../../common/schemas/instance-types';
import type { Logger } from '../platform/log';
import { classifyError, defaultRetryPolicy, isAbort, type RetryPolicy, withRetry } from '../platform/retry';
import { elementOpener } from '../storage/element-opener';
import type { StorageClient } from '../storage/storage-client';
import type { StorageContext } from '../storage/storage-context';
import { confirmInstance, requireProductionConfirm } from './confirm';
import { assignFilenames, INSTANCE_JSON, insideTarget, instanceFolder, manifestPath, tempPath } from './folder-layout';
import { FolderLock } from './folder-lock';
import { Manifest } from './manifest';
import { etaSeconds, RateMeter } from './rate-meter';
import { SmallFileWriter } from './small-file';
import { hashFile, transferElement, writeSmallFile } from './transfer-element';
import { TransferSlots } from './transfer-slots';
import { WorkQueue } from './work-queue';

export interface DownloadManagerOptions {
  /** The Storage client for a profile (its environment and token source); throws for an unknown profile. */
  storageFor(profileId: string): Promise<StorageContext>;
  now?: () => Date;
  retry?: RetryPolicy;
  /** A transfer that receives nothing for this long is aborted and retried. */
  idleTimeoutMs?: number;
  progressIntervalMs?: number;
  /** Small files use blocking calls until they take longer than this on average (small-file.ts; 4 ms). */
  blockingCallLimitMs?: number;
  log?: Logger;
}

export interface DownloadJobSpec {
  profileId: string;
  source: DownloadSource;
  target: string;
  concurrency?: number;
  confirm?: boolean;
  confirmProduction?: boolean;
}

type InstanceState = 'pending' | 'done' | 'failed';
type ElementState = 'pending' | 'done' | 'skipped' | 'failed' | 'infected';

interface InstanceRun {
  instance: Instance;
  folder: string;
  /** This run created the folder: nothing of an earlier run can be in it (no stat per element). */
  fresh: boolean;
  pending: number;
  failed: number;
}

interface ElementWork {
  run: InstanceRun;
  element: DataElement;
  filename: string;
}

interface Job {
  id: string;
  spec: Required<Pick<DownloadJobSpec, 'concurrency' | 'confirm'>> & DownloadJobSpec;
  target: string;
  context: StorageContext;
  manifest: Manifest;
  /** Held while the job runs: no other process writes this folder meanwhile (folder-lock.ts). */
  lock?: FolderLock;
  /** Small files and folders: blocking calls while this job's disk answers quickly (small-file.ts). */
  smallFiles: SmallFileWriter;
  state: DownloadJobState;
  controller: AbortController;
  cancelled: boolean;
  fatal?: AppError;
  listingDone: boolean;
  instances: Map<string, { state: InstanceState; confirmed: boolean }>;
  elements: Map<string, { state: ElementState; size: number }>;
  failures: DownloadProblem[];
  bytesDone: number;
  rate: RateMeter;
  startedAt: string;
  endedAt?: string;
  running?: Promise<void>;
}

const MAX_PROBLEMS = 500;
/** Errors after which no other element can succeed either: stop the job. */
const FATAL = new Set<string>([
  DownloadErrors.DISK_FULL,
  DownloadErrors.WRITE_FAILED,
  StorageErrors.UNAUTHORIZED,
  StorageErrors.TOKENS_UNAVAILABLE,
]);

/**
 * Bulk downloads of instance data (issue 6): a job is a query or a list of instances, a target folder
 * and options. Jobs live here in main, so they survive a renderer reload. Layout: folder-layout.ts;
 * what is verified: manifest.ts; one element's transfer: atomic-file.ts.
 */
export class DownloadManager {
  private readonly jobs = new Map<string, Job>();
  private readonly listeners = new Set<(p: DownloadProgress) => void>();
  private readonly finishedListeners = new Set<(job: DownloadJobSummary) => void>();
  private readonly now: () => Date;
  private readonly retry: RetryPolicy;
  private readonly trusted = new Set<string>();

  constructor(private readonly options: DownloadManagerOptions) {
    this.now = options.now ?? (() => new Date());
    this.retry = options.retry ?? defaultRetryPolicy;
  }

  onProgress(listener: (p: DownloadProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onFinished(listener: (job: DownloadJobSummary) => void): () => void {
    this.finishedListeners.add(listener);
    return () => this.finishedListeners.delete(listener);
  }

  async start(spec: DownloadJobSpec): Promise<DownloadJobSummary> {
    const concurrency = spec.concurrency ?? 4;
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) {
      throw new AppError(DownloadErrors.TARGET_INVALID, `Concurrency must be 1–16, not ${concurrency}`);
    }
    if (!isAbsolute(spec.target)) {
      throw new AppError(DownloadErrors.TARGET_INVALID, `The target folder must be an absolute path: ${spec.target}`);
    }
    const target = resolve(spec.target);
    for (const job of this.jobs.values()) {
      if (job.state === 'running' && job.target === target) {
        throw new AppError(DownloadErrors.TARGET_BUSY, `Another download is writing to ${target}`);
      }
    }
    const context = await this.options.storageFor(spec.profileId);
    if (spec.confirm) requireProductionConfirm(context.environment.production, spec.confirmProduction);
    await prepareTarget(target);
    const { lock, manifest } = await this.claimFolder(target);
    const job: Job = {
      id: randomUUID(),
      spec: { ...spec, concurrency, confirm: spec.confirm ?? false },
      target,
      context,
      manifest,
      lock,
      smallFiles: new SmallFileWriter(this.options.blockingCallLimitMs),
      state: 'running',
      controller: new AbortController(),
      cancelled: false,
      listingDone: false,
      instances: new Map(),
      elements: new Map(),
      failures: [],
      bytesDone: 0,
      rate: new RateMeter(),
      startedAt: this.now().toISOString(),
    };
    this.jobs.set(job.id, job);
    this.launch(job, spec.source);
    return this.summary(job);
  }

  list(): DownloadJobSummary[] {
    return [...this.jobs.values()].map((j) => this.summary(j));
  }

  get(jobId: string): DownloadJobDetail {
    const job = this.job(jobId);
    return {
      ...this.summary(job),
      failures: [...job.failures],
      infected: job.manifest
        .infected()
        .filter((i) => job.instances.has(i.instanceId))
        .map(({ instanceId, elementId, filename }) => ({ instanceId, elementId, filename })),
    };
  }

  /** Resolves when the job's current run has ended. */
  async wait(jobId: string): Promise<DownloadJobSummary> {
    const job = this.job(jobId);
    await job.running;
    return this.summary(job);
  }

  cancel(jobId: string): DownloadJobSummary {
    const job = this.job(jobId);
    if (job.state === 'running') {
      job.cancelled = true;
      job.controller.abort(new AppError(DownloadErrors.CANCELLED, 'The download was cancelled'));
    }
    return this.summary(job);
  }

  /** Run the job again for what did not succeed; verified elements are skipped (manifest). */
  async retryFailed(jobId: string): Promise<DownloadJobSummary> {
    const job = this.job(jobId);
    if (job.state === 'running') throw new AppError(DownloadErrors.JOB_RUNNING, 'The job is still running');
    if (job.spec.confirm) requireProductionConfirm(job.context.environment.production, job.spec.confirmProduction);
    // The folder first: another process may be writing it now (and nothing of the job changes if so).
    const { lock, manifest } = await this.claimFolder(job.target);
    const unfinished = [...job.instances].filter(([, v]) => v.state !== 'done').map(([id]) => id);
    // When the listing was cut short we do not know every instance: run the original source again.
    const source: DownloadSource | undefined = !job.listingDone
      ? job.spec.source
      : unfinished.length
        ? { kind: 'instances', instanceIds: unfinished }
        : undefined;
    job.failures = job.failures.filter((f) => !unfinished.includes(f.instanceId) && job.listingDone);
    for (const [id, el] of job.elements) if (el.state === 'failed') job.elements.set(id, { ...el, state: 'pending' });
    job.state = 'running';
    job.cancelled = false;
    job.fatal = undefined;
    job.endedAt = undefined;
    job.controller = new AbortController();
    job.lock = lock;
    job.manifest = manifest;
    this.launch(job, source);
    return this.summary(job);
  }

  /**
   * Confirm instances after the fact (`instances:confirm`, `mpd confirm`): each must be fully verified in
   * the download folder (the job's, or `target`), checked against what Storage lists for it now.
   */
  async confirmAfterwards(input: {
    profileId: string;
    instanceIds: string[];
    jobId?: string;
    target?: string;
    confirmProduction?: boolean;
  }): Promise<ConfirmResult> {
    const target = input.jobId ? this.job(input.jobId).target : input.target;
    if (!target || !isAbsolute(target)) {
      throw new AppError(
        DownloadErrors.TARGET_INVALID,
        'Confirming needs the download folder (a job or an absolute path)',
      );
    }
    const { client, environment } = await this.options.storageFor(input.profileId);
    requireProductionConfirm(environment.production, input.confirmProduction);
    // A job writing to this folder owns its manifest: share it rather than race it.
    const folder = resolve(target);
    const running = [...this.jobs.values()].find((j) => j.state === 'running' && j.target === folder);
    const claimed = running ? undefined : await this.claimFolder(folder);
    const manifest = running?.manifest ?? (claimed?.manifest as Manifest);
    try {
      return await this.confirmEach(client, folder, input.instanceIds, manifest, running !== undefined);
    } finally {
      await claimed?.lock.release();
    }
  }

  private async confirmEach(
    client: StorageClient,
    target: string,
    instanceIds: string[],
    manifest: Manifest,
    shared: boolean,
  ): Promise<ConfirmResult> {
    const results: ConfirmResult['results'] = [];
    for (const instanceId of instanceIds) {
      try {
        const instance = await client.getInstance(instanceId);
        const outcome = await confirmInstance(client, target, instance, manifest);
        results.push({ instanceId, confirmed: true, ...(outcome === 'already' ? { alreadyConfirmed: true } : {}) });
      } catch (error) {
        const e = asAppError(error);
        if (FATAL.has(e.code)) throw e;
        results.push({ instanceId, confirmed: false, error: { code: e.code, message: e.message } });
      }
    }
    if (shared) await manifest.flush();
    else await manifest.compact();
    return { results };
  }

  /** Folders the user picked in the native dialog: the GUI may start jobs only there. */
  trustTarget(folder: string): void {
    this.trusted.add(resolve(folder));
  }

  isTrustedTarget(folder: string): boolean {
    const full = resolve(folder);
    return this.trusted.has(full) || [...this.jobs.values()].some((j) => j.target === full);
  }

  /** Where a job writes: for "open folder". */
  targetOf(jobId: string): string {
    return this.job(jobId).target;
  }

  /** The folder's lock (folder-lock.ts), then its manifest; nothing is held when either fails. */
  private async claimFolder(target: string): Promise<{ lock: FolderLock; manifest: Manifest }> {
    let lock: FolderLock;
    try {
      lock = await FolderLock.acquire(target, this.now);
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (isDiskFull(error)) throw diskFull(error);
      throw new AppError(DownloadErrors.TARGET_INVALID, `Cannot write to ${target}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    try {
      return { lock, manifest: await Manifest.open(target, this.now) };
    } catch (error) {
      await lock.release().catch(() => {});
      throw error;
    }
  }

  private job(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError(DownloadErrors.JOB_NOT_FOUND, `No download job ${jobId}`);
    return job;
  }

  private launch(job: Job, source: DownloadSource | undefined): void {
    const ticker = setInterval(() => this.emit(job), this.options.progressIntervalMs ?? 250);
    ticker.unref?.();
    job.running = this.run(job, source)
      .catch((error) => this.fail(job, error))
      .finally(async () => {
        clearInterval(ticker);
        await job.manifest.compact().catch((error) => this.fail(job, error));
        await job.lock?.release().catch(() => {});
        job.lock = undefined;
        job.state = job.cancelled
          ? 'cancelled'
          : job.fatal
            ? 'failed'
            : this.hasProblems(job)
              ? 'partial'
              : 'completed';
        job.endedAt = this.now().toISOString();
        this.emit(job);
        const summary = this.summary(job);
        for (const l of this.finishedListeners) l(summary);
        this.options.log?.info('download job ended', {
          jobId: job.id,
          state: job.state,
          instances: summary.instances,
          elements: summary.elements,
          error: job.fatal?.code,
        });
      });
  }

  private async run(job: Job, source: DownloadSource | undefined): Promise<void> {
    const queue = new WorkQueue<ElementWork>();
    // `concurrency` elements on the network, as many again committing to disk (fsync, rename) meanwhile.
    const slots = new TransferSlots(job.spec.concurrency);
    const workers = Array.from({ length: job.spec.concurrency * 2 }, () => this.worker(job, queue, slots));
    try {
      if (source) await this.produce(job, source, queue);
      job.listingDone = true;
    } catch (error) {
      this.fail(job, error);
    } finally {
      queue.close();
    }
    await Promise.all(workers);
  }

  /** Walk the source (pages of a query, or instances by id) and queue each instance's elements. */
  private async produce(job: Job, source: DownloadSource, queue: WorkQueue<ElementWork>): Promise<void> {
    const { client } = job.context;
    const signal = job.controller.signal;
    if (source.kind === 'query') {
      for await (const page of client.pages(source.filters, { signal })) {
        for (const instance of page.instances) {
          if (signal.aborted) return;
          await this.prepareInstance(job, instance, queue);
        }
      }
      return;
    }
    for (const id of source.instanceIds) {
      if (signal.aborted) return;
      let instance: Instance;
      try {
        instance = await client.getInstance(id, signal);
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof AppError && FATAL.has(error.code)) throw error;
        job.instances.set(id, { state: 'failed', confirmed: false });
        this.problem(job, { instanceId: id }, error);
        continue;
      }
      await this.prepareInstance(job, instance, queue);
    }
  }

  private async prepareInstance(job: Job, instance: Instance, queue: WorkQueue<ElementWork>): Promise<void> {
    const known = job.instances.get(instance.id);
    if (known?.state === 'done') return;
    job.instances.set(instance.id, { state: 'pending', confirmed: known?.confirmed ?? false });
    let folder: string;
    let fresh: boolean;
    try {
      folder = instanceFolder(job.target, instance);
      fresh = (await job.smallFiles.mkdir(folder)) !== undefined;
      await writeSmallFile(join(folder, INSTANCE_JSON), `${JSON.stringify(instance, null, 2)}\n`, job.smallFiles);
    } catch (error) {
      if (isDiskFull(error)) throw diskFull(error);
      job.instances.set(instance.id, { state: 'failed', confirmed: false });
      this.problem(job, { instanceId: instance.id }, error);
      return;
    }
    const names = assignFilenames(instance, job.manifest.recordedNames(instance.id));
    const run: InstanceRun = { instance, folder, fresh, pending: 0, failed: 0 };
    const work: ElementWork[] = [];
    for (const element of instance.data ?? []) {
      const previous = job.elements.get(element.id);
      if (previous && (previous.state === 'done' || previous.state === 'skipped')) continue;
      job.elements.set(element.id, { state: 'pending', size: element.size ?? 0 });
      work.push({ run, element, filename: names.get(element.id) as string });
    }
    run.pending = work.length;
    if (work.length === 0) {
      await this.finishInstance(job, run);
      return;
    }
    for (const item of work) {
      await queue.waitForRoom(job.spec.concurrency * 2);
      if (job.controller.signal.aborted) return;
      queue.push(item);
    }
  }

  private async worker(job: Job, queue: WorkQueue<ElementWork>, slots: TransferSlots): Promise<void> {
    for (;;) {
      const work = await queue.take();
      if (!work) return;
      if (job.controller.signal.aborted) continue;
      const outcome = await this.processElement(job, work, slots);
      if (outcome === 'aborted') continue;
      if (outcome === 'failed' || outcome === 'infected') work.run.failed++;
      work.run.pending--;
      if (work.run.pending === 0) await this.finishInstance(job, work.run);
    }
  }

  private async processElement(job: Job, work: ElementWork, slots: TransferSlots): Promise<ElementState | 'aborted'> {
    const { element, run } = work;
    const instanceId = run.instance.id;
    const signal = job.controller.signal;
    const set = (state: ElementState) => {
      job.elements.set(element.id, { state, size: element.size ?? 0 });
      return state;
    };
    // Storage's virus scan said Infected: never saved, recorded and reported (§3.3 fileScanResult).
    if (element.fileScanResult === 'Infected') {
      job.manifest.recordInfected(element.id, instanceId, element.filename ?? null);
      return set('infected');
    }
    try {
      const finalPath = insideTarget(job.target, join(run.folder, work.filename));
      const rel = manifestPath(job.target, finalPath);
      const expectedMd5 = normalizeMd5(element.contentHash);
      const expectedSize = element.size ?? undefined;
      if (
        !run.fresh &&
        (await this.alreadyVerified(job, instanceId, element, finalPath, rel, expectedSize, expectedMd5))
      )
        return set('skipped');
      // In a folder this run created there is no .part to continue, until a failed attempt leaves one.
      let noPart = run.fresh;
      const takeNoPart = () => {
        const first = noPart;
        noPart = false;
        return first;
      };

      const open = elementOpener(job.context.client, run.instance, element);
      const result = await withRetry(
        () =>
          transferElement({
            open: (rangeStart, attemptSignal) => open({ rangeStart, signal: attemptSignal }),
            tempPath: tempPath(run.folder, element),
            smallFiles: job.smallFiles,
            noPart: takeNoPart(),
            slots,
            finalPath,
            expectedSize,
            expectedMd5,
            signal,
            onBytes: (delta) => {
              job.bytesDone += delta;
            },
            idleTimeoutMs: this.options.idleTimeoutMs ?? 60_000,
          }),
        { policy: this.retry, signal },
      );
      job.manifest.recordVerified(element.id, { instanceId, path: rel, size: result.size, md5: result.md5 });
      return set('done');
    } catch (error) {
      if (signal.aborted || isAbort(error)) return 'aborted';
      const appError = asAppError(error);
      if (FATAL.has(appError.code)) {
        this.fail(job, appError);
        return 'aborted';
      }
      this.problem(job, { instanceId, elementId: element.id, filename: element.filename ?? null }, appError);
      return set('failed');
    }
  }

  /** Verified by an earlier run (manifest), or a file under the final name whose MD5 matches Storage's. */
  private async alreadyVerified(
    job: Job,
    instanceId: string,
    element: DataElement,
    finalPath: string,
    rel: string,
    expectedSize: number | undefined,
    expectedMd5: string | undefined,
  ): Promise<boolean> {
    const onDisk = await stat(finalPath).then(
      (s) => (s.isFile() ? s.size : undefined),
      () => undefined,
    );
    if (onDisk === undefined) return false;
    const entry = job.manifest.verified(element.id);
    if (
      entry &&
      entry.path === rel &&
      entry.size === onDisk &&
      (expectedSize === undefined || entry.size === expectedSize) &&
      (!expectedMd5 || entry.md5 === expectedMd5)
    ) {
      return true;
    }
    // The manifest may have missed the last records before a crash; the bytes under the final name were
    // verified before the rename, and hashing them again proves it.
    if (expectedMd5 && onDisk === expectedSize && (await hashFile(finalPath)) === expectedMd5) {
      job.manifest.recordVerified(element.id, { instanceId, path: rel, size: onDisk, md5: expectedMd5 });
      return true;
    }
    return false;
  }

  private async finishInstance(job: Job, run: InstanceRun): Promise<void> {
    const id = run.instance.id;
    if (run.failed > 0) {
      job.instances.set(id, { state: 'failed', confirmed: false });
      return;
    }
    const entry = job.instances.get(id) ?? { state: 'pending' as const, confirmed: false };
    if (job.spec.confirm && !entry.confirmed) {
      try {
        await confirmInstance(job.context.client, job.target, run.instance, job.manifest, job.controller.signal);
        entry.confirmed = true;
      } catch (error) {
        if (job.controller.signal.aborted || isAbort(error)) return;
        const appError = asAppError(error);
        if (FATAL.has(appError.code)) return this.fail(job, appError);
        job.instances.set(id, { state: 'failed', confirmed: false });
        this.problem(job, { instanceId: id }, appError);
        return;
      }
    }
    job.instances.set(id, { state: 'done', confirmed: entry.confirmed });
  }

  private fail(job: Job, error: unknown): void {
    if (job.cancelled || isAbort(error)) return;
    if (!job.fatal) job.fatal = asAppError(error);
    job.controller.abort(job.fatal);
  }

  private problem(job: Job, where: Omit<DownloadProblem, 'code' | 'message'>, error: unknown): void {
    const e = asAppError(error);
    if (job.failures.length < MAX_PROBLEMS) job.failures.push({ ...where, code: e.code, message: e.message });
  }

  private hasProblems(job: Job): boolean {
    for (const v of job.instances.values()) if (v.state !== 'done') return true;
    return false;
  }

  private emit(job: Job): void {
    const progress = this.progress(job);
    for (const l of this.listeners) l(progress);
  }

  private progress(job: Job): DownloadProgress {
    const instances = { done: 0, failed: 0, total: job.instances.size, totalKnown: job.listingDone, confirmed: 0 };
    for (const v of job.instances.values()) {
      if (v.state === 'done') instances.done++;
      if (v.state === 'failed') instances.failed++;
      if (v.confirmed) instances.confirmed++;
    }
    const elements = { done: 0, failed: 0, infected: 0, skipped: 0, total: job.elements.size };
    let bytesTotal = 0;
    for (const v of job.elements.values()) {
      if (v.state === 'done') elements.done++;
      else if (v.state === 'failed') elements.failed++;
      else if (v.state === 'infected') elements.infected++;
      else if (v.state === 'skipped') elements.skipped++;
      if (v.state !== 'skipped' && v.state !== 'infected') bytesTotal += v.size;
    }
    const rate =
      job.state === 'running' ? job.rate.sample(job.bytesDone, this.now().getTime()) : job.rate.bytesPerSecond;
    return {
      jobId: job.id,
      state: job.state,
      instances,
      elements,
      bytes: { done: job.bytesDone, total: bytesTotal },
      rate: Math.round(rate),
      etaSeconds: job.state === 'running' && job.listingDone ? etaSeconds(job.bytesDone, bytesTotal, rate) : undefined,
    };
  }

  private summary(job: Job): DownloadJobSummary {
    const source = job.spec.source;
    return {
      ...this.progress(job),
      profileId: job.spec.profileId,
      environmentId: job.context.environment.id,
      production: job.context.environment.production,
      target: job.target,
      appId: source.kind === 'query' ? source.filters.appId : undefined,
      chosenInstances: source.kind === 'instances' ? source.instanceIds.length : undefined,
      concurrency: job.spec.concurrency,
      confirm: job.spec.confirm,
      startedAt: job.startedAt,
      endedAt: job.endedAt,
      error: job.fatal?.toJSON(),
    };
  }
}

async function prepareTarget(target: string): Promise<void> {
  try {
    await mkdir(target, { recursive: true });
    const s = await stat(target);
    if (!s.isDirectory()) throw new Error('not a folder');
  } catch (error) {
    if (isDiskFull(error)) throw diskFull(error);
    throw new AppError(
      DownloadErrors.TARGET_INVALID,
      `Cannot use ${target} as the download folder: ${(error as Error).message}`,
    );
  }
}

/** Storage's contentHash is base64 MD5 (§3.3); accept a hex digest too rather than failing a good file. */
export function normalizeMd5(contentHash: string | null | undefined): string | undefined {
  if (!contentHash) return undefined;
  const value = contentHash.trim();
  if (/^[0-9a-f]{32}$/i.test(value)) return Buffer.from(value, 'hex').toString('base64');
  return value;
}

function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

function diskFull(error: unknown): AppError {
  return new AppError(DownloadErrors.DISK_FULL, 'The disk is full', { cause: error });
}

function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isDiskFull(error)) return diskFull(error);
  const message = error instanceof Error ? error.message : String(error);
  if (classifyError(error).retryable) {
    return new AppError(StorageErrors.NETWORK, `The connection failed during the download: ${message}`, {
      cause: error,
    });
  }
  return new AppError(DownloadErrors.FAILED, message, { cause: error });
}
