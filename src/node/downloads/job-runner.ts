import { dirname, join, relative, sep } from 'node:path';
import type { DownloadSource } from '../../common/contract/downloads';
import { AppError } from '../../common/errors/app-error';
import type { Instance } from '../../common/schemas/instance-types';
import { isAbort } from '../platform/retry';
import { listInstances } from '../storage/parallel-listing';
import { AdaptiveConcurrency, START } from './adaptive-concurrency';
import { confirmInstance } from './confirm';
import { asAppError, diskFull, isDiskFull, isFatal } from './download-failures';
import {
  type DownloadJob,
  type ElementWork,
  failJob,
  hasProblems,
  type InstanceRun,
  jobBytes,
  recordProblem,
} from './download-job';
import { downloadElement, type ElementDownloadOptions, type Network } from './element-download';
import { type ElementTransfers, LocalTransfers } from './element-transfers';
import { assignFilenames, INSTANCE_JSON, instanceFolder } from './folder-layout';
import { HandoverTransfers } from './handover-transfers';
import { writeSmallFile } from './transfer-element';
import { TransferSlots } from './transfer-slots';
import { sharedTransferThreads } from './transfer-threads';
import { WorkQueue } from './work-queue';

/**
 * The listing's range pages in a job. The downloads take far longer than the listing, so its pages mostly
 * wait in memory for the queue to have room: with four ranges, pages of 400 took the benchmark's
 * 2,000-instance job to a peak RSS of 195–202 MiB, 200 to 196, 100 to 178 (bench/, loopback, full scale).
 * Four ranges of 100 still list four times as fast as one chain of 100, far ahead of the downloads.
 */
const JOB_RANGE_PAGE_SIZE = 100;

/**
 * One run of a job, the pipeline: walk the source (pages of a query, or instances by id) → each
 * instance's folder and instance.json → its elements into a bounded queue → workers transfer them
 * (element-download.ts), as many at once as adaptive-concurrency.ts allows → each verified file is
 * renamed and flushed to the disk with a batch of others (flush-batch.ts) → an instance whose files are
 * all on the disk is done, and confirmed if asked. Errors end up on the job (failJob, recordProblem);
 * this resolves when the workers have stopped, the last batch is flushed and every instance is settled.
 */
export async function runJob(
  job: DownloadJob,
  source: DownloadSource | undefined,
  options: ElementDownloadOptions,
): Promise<void> {
  // The first transfers in this thread, the workers started after them (handover-transfers.ts).
  const queue = new WorkQueue<ElementWork>();
  const cap = job.spec.concurrency;
  const slots = new TransferSlots(cap);
  const transfers = openTransfers(job, slots);
  job.transfers = transfers;
  const adaptive = new AdaptiveConcurrency({
    slots,
    max: cap,
    start: job.adaptive ? Math.min(START, cap) : cap,
    grow: job.adaptive,
    bytes: () => jobBytes(job),
    threadUtilization: () => transfers.utilization?.(),
    handingOver: () => transfers.handingOver?.() ?? false,
  });
  job.concurrency = adaptive;
  const stopAdapting = adaptive.run();
  // A drain stops the listing, drops what waits in the queue and starts no new request; the transfers
  // already on the network finish.
  const draining = new AbortController();
  job.drain = () => {
    draining.abort();
    queue.clear();
    queue.close();
  };
  const stop = AbortSignal.any([job.controller.signal, draining.signal]);
  const network: Network = { slots, adaptive, start: stop, transfers };
  // The listing asks for the rest of the query once the first element is through (parallel-listing.ts).
  let elementDone = () => {};
  const firstElement = new Promise<void>((resolve) => {
    elementDone = resolve;
  });
  // Up to `cap` elements on the network, as many again on their way to the disk meanwhile.
  const workers = Array.from({ length: cap * 2 }, () => worker(job, queue, network, options, elementDone));
  try {
    if (source) await produce(job, source, queue, stop, firstElement);
    job.listingDone = true;
  } catch (error) {
    failJob(job, error);
  } finally {
    queue.close();
  }
  try {
    await Promise.all(workers);
    job.drain = undefined;
    stopAdapting();
    await Promise.all([job.flusher.flush(), transfers.flush()]);
    while (job.finishing.size) await Promise.all([...job.finishing]);
  } finally {
    transfers.close();
    job.transfers = undefined;
  }
}

/**
 * On worker threads when the job has them (transfer-threads.ts), else in this thread. The process's first
 * job starts in this thread and hands over once its workers have started (handover-transfers.ts).
 */
function openTransfers(job: DownloadJob, slots: TransferSlots): ElementTransfers {
  const local = new LocalTransfers(job);
  if (job.transferThreads <= 0) return local;
  const { client } = job.context;
  const threads = sharedTransferThreads(job.transferThreads);
  const open = (share: TransferSlots) =>
    threads.open({
      bytes: job.sharedBytes.buffer as SharedArrayBuffer,
      slots: share,
      ...(job.mark ? { mark: job.mark } : {}),
      ...job.diskSettings,
      token: (signal) => client.dataToken(signal),
      freshToken: (stale, signal) => client.freshDataToken(stale, signal),
    });
  if (threads.ready()) return open(slots);
  return new HandoverTransfers(local, job.transferThreads, open, slots);
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
async function produce(
  job: DownloadJob,
  source: DownloadSource,
  queue: WorkQueue<ElementWork>,
  signal: AbortSignal,
  firstElement: Promise<void>,
): Promise<void> {
  const { client } = job.context;
  if (source.kind === 'query') {
    // Downloads start from the first page; the rest is listed in parallel ranges (parallel-listing.ts),
    // asked for once the first element is through, not beside the first data requests.
    const listing = listInstances(client, source.filters, {
      signal,
      rangePageSize: JOB_RANGE_PAGE_SIZE,
      restAfter: firstElement,
    });
    for await (const page of listing) {
      for (const instance of page.instances) {
        if (signal.aborted) return;
        await prepareInstance(job, instance, queue, signal);
      }
    }
    return;
  }
  for (const id of source.instanceIds) {
    if (signal.aborted) return;
    let instance: Instance;
    try {
      instance = job.listed?.get(id) ?? (await client.getInstance(id, signal));
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof AppError && isFatal(error)) throw error;
      job.instances.set(id, { state: 'failed', confirmed: false });
      recordProblem(job, { instanceId: id }, error);
      continue;
    }
    await prepareInstance(job, instance, queue, signal);
  }
}

async function prepareInstance(
  job: DownloadJob,
  instance: Instance,
  queue: WorkQueue<ElementWork>,
  signal: AbortSignal,
): Promise<void> {
  const known = job.instances.get(instance.id);
  if (known?.state === 'done') return;
  job.instances.set(instance.id, { state: 'pending', confirmed: known?.confirmed ?? false });
  let folder: string;
  let fresh: boolean;
  let dirs: string[];
  try {
    folder = instanceFolder(job.target, instance);
    const created = await job.smallFiles.mkdir(job.target, folder);
    fresh = created !== undefined;
    dirs = foldersToFlush(folder, created);
    await writeSmallFile(join(folder, INSTANCE_JSON), `${JSON.stringify(instance, null, 2)}\n`, job.smallFiles);
  } catch (error) {
    if (isDiskFull(error)) throw diskFull(error);
    job.instances.set(instance.id, { state: 'failed', confirmed: false });
    recordProblem(job, { instanceId: instance.id }, error);
    return;
  }
  const names = assignFilenames(instance, job.manifest.recordedNames(instance.id));
  const run: InstanceRun = { instance, folder, fresh, dirs, pending: 0, failed: 0, durable: [] };
  // Confirming needs instance.json on the disk too: it goes with its instance's files.
  if (job.spec.confirm) {
    run.durable.push(flushed(job, instance.id, job.flusher.add({ file: join(folder, INSTANCE_JSON), dirs })));
  }
  const work: ElementWork[] = [];
  for (const element of instance.data ?? []) {
    const previous = job.elements.get(element.id);
    if (previous && (previous.state === 'done' || previous.state === 'skipped')) continue;
    job.elements.set(element.id, { state: 'pending', size: element.size ?? 0 });
    work.push({ run, element, filename: names.get(element.id) as string });
  }
  run.pending = work.length;
  if (work.length === 0) {
    settleLater(job, finishInstance(job, run));
    return;
  }
  for (const item of work) {
    await queue.waitForRoom(job.spec.concurrency * 2);
    if (signal.aborted) return;
    queue.push(item);
  }
  // Let the workers send their requests before the next instance's folder and files are made: a page's
  // instances are prepared in a row, and without this the first transfer of a job left ~25 ms after its
  // first page (bench/, latency regime), while the next instances' folders were made.
  await new Promise<void>((resolve) => setImmediate(resolve));
}

async function worker(
  job: DownloadJob,
  queue: WorkQueue<ElementWork>,
  network: Network,
  options: ElementDownloadOptions,
  elementDone: () => void,
): Promise<void> {
  for (;;) {
    const work = await queue.take();
    if (!work) return;
    if (job.controller.signal.aborted) continue;
    const outcome = await downloadElement(job, work, network, options);
    elementDone();
    if (outcome.state === 'aborted') continue;
    if (outcome.state === 'failed' || outcome.state === 'infected') work.run.failed++;
    if (outcome.durable) work.run.durable.push(outcome.durable);
    work.run.pending--;
    // The worker goes on to the next element; the instance waits for its flush (and confirm) on its own.
    if (work.run.pending === 0) settleLater(job, finishInstance(job, work.run));
  }
}

/** Track an instance's ending until it is settled (runJob waits for all of them). */
function settleLater(job: DownloadJob, ending: Promise<void>): void {
  const tracked = ending.catch((error) => failJob(job, error)).finally(() => job.finishing.delete(tracked));
  job.finishing.add(tracked);
}

/** A flush of instance.json as a file of its instance: false (and a problem noted) if the disk refused. */
function flushed(job: DownloadJob, instanceId: string, durable: Promise<void>): Promise<boolean> {
  return durable.then(
    () => true,
    (error) => {
      recordProblem(job, { instanceId }, isDiskFull(error) ? diskFull(error) : error);
      return false;
    },
  );
}

/**
 * The folders whose entries this instance's files change: its own, and — when this run created folders
 * for it (`created`, the first one mkdir made) — each new folder's parent, so the new names last too.
 */
function foldersToFlush(folder: string, created: string | undefined): string[] {
  const dirs = [folder];
  if (created === undefined) return dirs;
  const rel = relative(dirname(created), folder);
  if (!rel || rel.startsWith('..')) return dirs;
  let dir = folder;
  for (let i = rel.split(sep).length; i > 0; i--) {
    dir = dirname(dir);
    dirs.push(dir);
  }
  return dirs;
}

/**
 * Every element of the instance is through: once its files are on the disk (their batch flushed), done
 * (and confirmed if the job asks), or failed.
 */
async function finishInstance(job: DownloadJob, run: InstanceRun): Promise<void> {
  const id = run.instance.id;
  if ((await Promise.all(run.durable)).includes(false)) run.failed++;
  if (run.failed > 0) {
    job.instances.set(id, { state: 'failed', confirmed: false });
    return;
  }
  const entry = job.instances.get(id) ?? { state: 'pending' as const, confirmed: false };
  if (job.spec.confirm && !entry.confirmed) {
    try {
      // Its files and instance.json are flushed, with their folders (above): the manifest next, then Storage.
      await confirmInstance(job.context.client, job.target, run.instance, job.manifest, job.controller.signal, {
        flushed: true,
      });
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
