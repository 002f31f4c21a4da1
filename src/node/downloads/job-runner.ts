import { join } from 'node:path';
import type { DownloadSource } from '../../common/contract/downloads';
import { AppError } from '../../common/errors/app-error';
import type { Instance } from '../../common/schemas/instance-types';
import { isAbort } from '../platform/retry';
import { listInstances } from '../storage/parallel-listing';
import { confirmInstance } from './confirm';
import { asAppError, diskFull, isDiskFull, isFatal } from './download-failures';
import {
  type DownloadJob,
  type ElementWork,
  failJob,
  hasProblems,
  type InstanceRun,
  recordProblem,
} from './download-job';
import { downloadElement, type ElementDownloadOptions } from './element-download';
import { assignFilenames, INSTANCE_JSON, instanceFolder } from './folder-layout';
import { writeSmallFile } from './transfer-element';
import { TransferSlots } from './transfer-slots';
import { WorkQueue } from './work-queue';

/**
 * One run of a job, the pipeline: walk the source (pages of a query, or instances by id) → each
 * instance's folder and instance.json → its elements into a bounded queue → workers transfer them
 * (element-download.ts) → an instance whose elements all succeeded is done, and confirmed if asked.
 * Errors end up on the job (failJob, recordProblem); this resolves when the workers have stopped.
 */
export async function runJob(
  job: DownloadJob,
  source: DownloadSource | undefined,
  options: ElementDownloadOptions,
): Promise<void> {
  const queue = new WorkQueue<ElementWork>();
  // `concurrency` elements on the network, as many again committing to disk (fsync, rename) meanwhile.
  const slots = new TransferSlots(job.spec.concurrency);
  const workers = Array.from({ length: job.spec.concurrency * 2 }, () => worker(job, queue, slots, options));
  try {
    if (source) await produce(job, source, queue);
    job.listingDone = true;
  } catch (error) {
    failJob(job, error);
  } finally {
    queue.close();
  }
  await Promise.all(workers);
}

/** After a run: the manifest compacted, the folder released, the final state and end time set. */
export async function settleJob(job: DownloadJob, now: () => Date): Promise<void> {
  await job.manifest.compact().catch((error) => failJob(job, error));
  await job.lock?.release().catch(() => {});
  job.lock = undefined;
  job.state = job.cancelled ? 'cancelled' : job.fatal ? 'failed' : hasProblems(job) ? 'partial' : 'completed';
  job.endedAt = now().toISOString();
}

/** Walk the source (pages of a query, or instances by id) and queue each instance's elements. */
async function produce(job: DownloadJob, source: DownloadSource, queue: WorkQueue<ElementWork>): Promise<void> {
  const { client } = job.context;
  const signal = job.controller.signal;
  if (source.kind === 'query') {
    // Downloads start from the first page; the rest is listed in parallel ranges (parallel-listing.ts).
    for await (const page of listInstances(client, source.filters, { signal })) {
      for (const instance of page.instances) {
        if (signal.aborted) return;
        await prepareInstance(job, instance, queue);
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
      if (error instanceof AppError && isFatal(error)) throw error;
      job.instances.set(id, { state: 'failed', confirmed: false });
      recordProblem(job, { instanceId: id }, error);
      continue;
    }
    await prepareInstance(job, instance, queue);
  }
}

async function prepareInstance(job: DownloadJob, instance: Instance, queue: WorkQueue<ElementWork>): Promise<void> {
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
    recordProblem(job, { instanceId: instance.id }, error);
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
    await finishInstance(job, run);
    return;
  }
  for (const item of work) {
    await queue.waitForRoom(job.spec.concurrency * 2);
    if (job.controller.signal.aborted) return;
    queue.push(item);
  }
}

async function worker(
  job: DownloadJob,
  queue: WorkQueue<ElementWork>,
  slots: TransferSlots,
  options: ElementDownloadOptions,
): Promise<void> {
  for (;;) {
    const work = await queue.take();
    if (!work) return;
    if (job.controller.signal.aborted) continue;
    const outcome = await downloadElement(job, work, slots, options);
    if (outcome === 'aborted') continue;
    if (outcome === 'failed' || outcome === 'infected') work.run.failed++;
    work.run.pending--;
    if (work.run.pending === 0) await finishInstance(job, work.run);
  }
}

/** Every element of the instance is through: done (and confirmed if the job asks), or failed. */
async function finishInstance(job: DownloadJob, run: InstanceRun): Promise<void> {
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
      if (isFatal(appError)) return failJob(job, appError);
      job.instances.set(id, { state: 'failed', confirmed: false });
      recordProblem(job, { instanceId: id }, appError);
      return;
    }
  }
  job.instances.set(id, { state: 'done', confirmed: entry.confirmed });
}
