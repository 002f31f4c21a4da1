import type {
  DownloadedFile,
  DownloadJobDetail,
  DownloadJobSummary,
  DownloadProgress,
} from '../../common/contract/downloads';
import { type DownloadJob, jobBytes } from './download-job';
import { etaSeconds } from './rate-meter';

/**
 * Counts, bytes, rate and ETA of a job now. While the job runs, this also takes a sample of its rate, so
 * call it at the ticker's pace (progressTicker) or when asked, not in a loop.
 */
export function jobProgress(job: DownloadJob, now: () => Date): DownloadProgress {
  const instances = { done: 0, failed: 0, total: job.instances.size, totalKnown: job.listingDone, confirmed: 0 };
  for (const v of job.instances.values()) {
    if (v.state === 'done') instances.done++;
    if (v.state === 'failed') instances.failed++;
    if (v.confirmed) instances.confirmed++;
  }
  const elements = {
    done: 0,
    failed: 0,
    infected: 0,
    skipped: 0,
    total: job.elements.size,
    md5Checked: 0,
    sizeChecked: 0,
  };
  let bytesTotal = 0;
  for (const v of job.elements.values()) {
    if (v.state === 'done' || v.state === 'skipped') {
      if (v.check === 'md5') elements.md5Checked++;
      else if (v.check === 'size') elements.sizeChecked++;
    }
    if (v.state === 'done') elements.done++;
    else if (v.state === 'failed') elements.failed++;
    else if (v.state === 'infected') elements.infected++;
    else if (v.state === 'skipped') elements.skipped++;
    if (v.state !== 'skipped' && v.state !== 'infected') bytesTotal += v.size;
  }
  const bytesDone = jobBytes(job);
  const rate = job.state === 'running' ? job.rate.sample(bytesDone, now().getTime()) : job.rate.bytesPerSecond;
  return {
    jobId: job.id,
    state: job.state,
    instances,
    elements,
    bytes: { done: bytesDone, total: bytesTotal },
    rate: Math.round(rate),
    etaSeconds: job.state === 'running' && job.listingDone ? etaSeconds(bytesDone, bytesTotal, rate) : undefined,
  };
}

/** The progress with what the job is: for the list of jobs and the end-of-job notice. */
export function jobSummary(job: DownloadJob, now: () => Date): DownloadJobSummary {
  const source = job.spec.source;
  return {
    ...jobProgress(job, now),
    profileId: job.spec.profileId,
    environmentId: job.context.environment.id,
    production: job.context.environment.production,
    target: job.target,
    appId: source.kind === 'query' ? source.filters.appId : undefined,
    chosenInstances: source.kind === 'instances' ? source.instanceIds.length : undefined,
    concurrency: job.spec.concurrency,
    ...(job.concurrency ? { concurrencyNow: job.concurrency.limit } : {}),
    transferThreads: job.transferThreads,
    confirm: job.spec.confirm,
    startedAt: job.startedAt,
    endedAt: job.endedAt,
    error: job.fatal?.toJSON(),
  };
}

/** The summary with the problems and the infected elements of this job's instances. */
export function jobDetail(job: DownloadJob, now: () => Date): DownloadJobDetail {
  return {
    ...jobSummary(job, now),
    failures: [...job.failures],
    infected: job.manifest
      .infected()
      .filter((i) => job.instances.has(i.instanceId))
      .map(({ instanceId, elementId, filename }) => ({ instanceId, elementId, filename })),
  };
}

/** Every file of the job verified in its folder, with the check it had (the manifest's record). */
export function jobFiles(job: DownloadJob): DownloadedFile[] {
  const files: DownloadedFile[] = [];
  for (const [elementId, v] of job.elements) {
    if (v.state !== 'done' && v.state !== 'skipped') continue;
    const entry = job.manifest.verified(elementId);
    if (entry)
      files.push({ instanceId: entry.instanceId, elementId, path: entry.path, size: entry.size, check: entry.check });
  }
  return files;
}

/** Calls `tick` every `intervalMs` until the returned stop function is called; never keeps Node alive. */
export function progressTicker(intervalMs: number, tick: () => void): () => void {
  const timer = setInterval(tick, intervalMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
