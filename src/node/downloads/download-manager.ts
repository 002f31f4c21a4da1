import type {
  DownloadedFile,
  DownloadJobDetail,
  DownloadJobSummary,
  DownloadProgress,
} from '../../common/contract/downloads';
import type { ConfirmResult } from '../../common/contract/instances';
import { type ConfirmAfterwardsInput, confirmAfterwards } from './confirm-afterwards';
import type { DownloadJobSpec } from './download-job';
import { JobRegistry, type JobRegistryOptions } from './job-registry';

export type DownloadManagerOptions = JobRegistryOptions;

/**
 * Bulk downloads of instance data (issue 6), as the handlers, the CLI and the tests use them: the jobs
 * (job-registry.ts; each run is job-runner.ts, progress job-progress.ts) and confirming afterwards
 * (confirm-afterwards.ts). Layout: folder-layout.ts; what is verified: manifest.ts; one element's
 * transfer: transfer-element.ts.
 */
export class DownloadManager {
  private readonly jobs: JobRegistry;

  constructor(private readonly options: DownloadManagerOptions) {
    this.jobs = new JobRegistry(options);
  }

  onProgress(listener: (p: DownloadProgress) => void): () => void {
    return this.jobs.onProgress(listener);
  }

  onFinished(listener: (job: DownloadJobSummary) => void): () => void {
    return this.jobs.onFinished(listener);
  }

  start(spec: DownloadJobSpec): Promise<DownloadJobSummary> {
    return this.jobs.start(spec);
  }

  list(): DownloadJobSummary[] {
    return this.jobs.list();
  }

  get(jobId: string): DownloadJobDetail {
    return this.jobs.get(jobId);
  }

  /** The files the job has verified, each with the check it had. */
  files(jobId: string): DownloadedFile[] {
    return this.jobs.files(jobId);
  }

  wait(jobId: string): Promise<DownloadJobSummary> {
    return this.jobs.wait(jobId);
  }

  cancel(jobId: string): DownloadJobSummary {
    return this.jobs.cancel(jobId);
  }

  /** Stop after the transfers in flight (job-registry.ts). */
  drain(jobId: string): DownloadJobSummary {
    return this.jobs.drain(jobId);
  }

  retryFailed(jobId: string): Promise<DownloadJobSummary> {
    return this.jobs.retryFailed(jobId);
  }

  /** Where a job writes: for "open folder". */
  targetOf(jobId: string): string {
    return this.jobs.targetOf(jobId);
  }

  /** The folder of every job of this process (the GUI trusts them: electron-main/trusted-folders.ts). */
  targets(): string[] {
    return this.jobs.targets();
  }

  confirmAfterwards(input: ConfirmAfterwardsInput): Promise<ConfirmResult> {
    const now = this.options.now ?? (() => new Date());
    return confirmAfterwards({ storageFor: this.options.storageFor, jobs: this.jobs, now }, input);
  }
}
