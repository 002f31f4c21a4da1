import { isAbsolute, resolve } from 'node:path';
import type {
  DownloadedFile,
  DownloadJobDetail,
  DownloadJobSummary,
  DownloadProgress,
  DownloadSource,
} from '../../common/contract/downloads';
import { AppError } from '../../common/errors/app-error';
import { DownloadErrors } from '../../common/errors/download-errors';
import { limitHeapGrowth } from '../platform/heap-growth';
import type { Logger } from '../platform/log';
import { type MarkedFile, type OriginMark, originMarkFor } from '../platform/origin-mark';
import { defaultRetryPolicy, type RetryPolicy } from '../platform/retry';
import type { StorageContext } from '../storage/storage-context';
import { MAX } from './adaptive-concurrency';
import { requireProductionConfirm } from './confirm';
import { type DownloadJob, type DownloadJobSpec, failJob, newJob, restartJob } from './download-job';
import type { ElementDownloadOptions } from './element-download';
import type { FlushBatchOptions } from './flush-batch';
import { claimFolder, prepareTarget } from './folder-claim';
import { jobDetail, jobFiles, jobProgress, jobSummary, progressTicker } from './job-progress';
import { runJob, settleJob } from './job-runner';
import type { FileOpener } from './small-file';
import { defaultTransferThreads } from './transfer-threads';

export interface JobRegistryOptions {
  /** The Storage client for a profile (its environment and token source); throws for an unknown profile. */
  storageFor(profileId: string): Promise<StorageContext>;
  now?: () => Date;
  retry?: RetryPolicy;
  /** A transfer that receives nothing for this long is aborted and retried. */
  idleTimeoutMs?: number;
  progressIntervalMs?: number;
  /** Small files use blocking calls until they take longer than this on average (small-file.ts; 4 ms). */
  blockingCallLimitMs?: number;
  /** How the job's files are opened (small-file.ts; tests: a full disk). */
  files?: FileOpener;
  /** The OS's "from the internet" mark for downloaded files (default: this platform's, origin-mark.ts). */
  originMark?: OriginMark;
  /** How verified files are flushed to the disk in batches (flush-batch.ts; the disk's flush for tests). */
  flush?: FlushBatchOptions;
  /**
   * Worker threads for the transfers (transfer-threads.ts); default from the machine's cores. A job whose
   * outside world is given as functions (`files`, the disk's flush) transfers in the main thread: functions
   * cannot cross to a worker.
   */
  transferThreads?: number;
  log?: Logger;
}

/**
 * The download jobs of this process (issue 6): started, listed, awaited, cancelled and retried here, at
 * most one running per folder. Jobs live in main, so they survive a renderer reload. Each run is
 * job-runner.ts; progress goes to the listeners every progressIntervalMs and once more at the end.
 */
export class JobRegistry {
  private readonly jobs = new Map<string, DownloadJob>();
  private readonly listeners = new Set<(p: DownloadProgress) => void>();
  private readonly finishedListeners = new Set<(job: DownloadJobSummary) => void>();
  private readonly now: () => Date;
  private readonly run: ElementDownloadOptions;
  private readonly originMark: OriginMark;

  constructor(private readonly options: JobRegistryOptions) {
    this.now = options.now ?? (() => new Date());
    this.run = { retry: options.retry ?? defaultRetryPolicy, idleTimeoutMs: options.idleTimeoutMs ?? 60_000 };
    this.originMark = options.originMark ?? originMarkFor(process.platform);
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
    // No number: adaptive, from START up to MAX while throughput grows (adaptive-concurrency.ts).
    const concurrency = spec.concurrency ?? MAX;
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) {
      throw new AppError(DownloadErrors.TARGET_INVALID, `Concurrency must be 1–16, not ${concurrency}`);
    }
    if (!isAbsolute(spec.target)) {
      throw new AppError(DownloadErrors.TARGET_INVALID, `The target folder must be an absolute path: ${spec.target}`);
    }
    const target = resolve(spec.target);
    // A download keeps V8's heap from growing past what its garbage needs (heap-growth.ts; process-wide, once).
    limitHeapGrowth();
    if (this.runningIn(target)) {
      throw new AppError(DownloadErrors.TARGET_BUSY, `Another download is writing to ${target}`);
    }
    const context = await this.options.storageFor(spec.profileId);
    if (spec.confirm) requireProductionConfirm(context.environment.production, spec.confirmProduction);
    // The token's round trips go on while the folder is claimed and its manifest read.
    context.client.warmToken();
    await prepareTarget(target);
    const claim = await claimFolder(target, this.now);
    const job = newJob({
      spec: { ...spec, concurrency, confirm: spec.confirm ?? false },
      target,
      context,
      claim,
      blockingCallLimitMs: this.options.blockingCallLimitMs,
      files: this.options.files,
      mark: this.originMark.writes ? (files) => this.markFiles(files) : undefined,
      adaptive: spec.concurrency === undefined,
      flush: this.options.flush,
      transferThreads: this.transferThreads(),
      now: this.now,
    });
    this.jobs.set(job.id, job);
    this.launch(job, spec.source);
    return jobSummary(job, this.now);
  }

  list(): DownloadJobSummary[] {
    return [...this.jobs.values()].map((j) => jobSummary(j, this.now));
  }

  get(jobId: string): DownloadJobDetail {
    return jobDetail(this.job(jobId), this.now);
  }

  /** The files the job has verified, each with the check it had (for `mpd download --json`). */
  files(jobId: string): DownloadedFile[] {
    return jobFiles(this.job(jobId));
  }

  /** Resolves when the job's current run has ended. */
  async wait(jobId: string): Promise<DownloadJobSummary> {
    const job = this.job(jobId);
    await job.running;
    return jobSummary(job, this.now);
  }

  cancel(jobId: string): DownloadJobSummary {
    const job = this.job(jobId);
    if (job.state === 'running') {
      job.cancelled = true;
      job.controller.abort(new AppError(DownloadErrors.CANCELLED, 'The download was cancelled'));
    }
    return jobSummary(job, this.now);
  }

  /**
   * Stop the job cleanly: nothing new is listed or started, the transfers in flight finish and are
   * verified and flushed (and their instances confirmed, if asked and complete); it ends 'cancelled'.
   * A scheduled run stopped by SIGINT/SIGTERM; `cancel` is the one that aborts the transfers too.
   */
  drain(jobId: string): DownloadJobSummary {
    const job = this.job(jobId);
    if (job.state === 'running' && !job.cancelled) {
      job.cancelled = true;
      job.drain?.();
    }
    return jobSummary(job, this.now);
  }

  /** Run the job again for what did not succeed; verified elements are skipped (manifest). */
  async retryFailed(jobId: string): Promise<DownloadJobSummary> {
    const job = this.job(jobId);
    if (job.state === 'running') throw new AppError(DownloadErrors.JOB_RUNNING, 'The job is still running');
    if (job.spec.confirm) requireProductionConfirm(job.context.environment.production, job.spec.confirmProduction);
    // The folder first: another process may be writing it now (and nothing of the job changes if so).
    const claim = await claimFolder(job.target, this.now);
    this.launch(job, restartJob(job, claim));
    return jobSummary(job, this.now);
  }

  /** Where a job writes: for "open folder". */
  targetOf(jobId: string): string {
    return this.job(jobId).target;
  }

  /** The folder of every job of this process, running or ended. */
  targets(): string[] {
    return [...this.jobs.values()].map((j) => j.target);
  }

  /** The job writing to this (resolved, absolute) folder now, if any. */
  runningIn(folder: string): DownloadJob | undefined {
    for (const job of this.jobs.values()) if (job.state === 'running' && job.target === folder) return job;
    return undefined;
  }

  private transferThreads(): number {
    const { files, flush } = this.options;
    if (files || flush?.syncFd || flush?.syncHandle || flush?.syncFolder) return 0;
    return this.options.transferThreads ?? defaultTransferThreads();
  }

  /** A mark that cannot be written (a volume without streams, xattr refused) leaves the file without it. */
  private async markFiles(files: MarkedFile[]): Promise<void> {
    try {
      await this.originMark.mark(files);
    } catch (error) {
      this.options.log?.warn('could not mark downloaded files as from the internet', {
        files: files.length,
        error: (error as Error)?.message,
      });
    }
  }

  private job(jobId: string): DownloadJob {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError(DownloadErrors.JOB_NOT_FOUND, `No download job ${jobId}`);
    return job;
  }

  private launch(job: DownloadJob, source: DownloadSource | undefined): void {
    const stopTicker = progressTicker(this.options.progressIntervalMs ?? 250, () => this.emit(job));
    job.running = runJob(job, source, this.run)
      .catch((error) => failJob(job, error))
      .finally(async () => {
        stopTicker();
        await settleJob(job, this.now);
        this.emit(job);
        const summary = jobSummary(job, this.now);
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

  private emit(job: DownloadJob): void {
    const progress = jobProgress(job, this.now);
    for (const l of this.listeners) l(progress);
  }
}
