import { randomUUID } from 'node:crypto';
import type { DownloadJobState, DownloadProblem, DownloadSource } from '../../common/contract/downloads';
import type { AppError } from '../../common/errors/app-error';
import type { VerifiedBy } from '../../common/schemas/content-hash';
import type { DataElement, Instance } from '../../common/schemas/instance-types';
import type { MarkedFile } from '../platform/origin-mark';
import { isAbort } from '../platform/retry';
import type { StorageContext } from '../storage/storage-context';
import type { AdaptiveConcurrency } from './adaptive-concurrency';
import { asAppError } from './download-failures';
import type { ElementTransfers } from './element-transfers';
import { FlushBatch, type FlushBatchOptions } from './flush-batch';
import type { FolderLock } from './folder-lock';
import type { Manifest } from './manifest';
import { RateMeter } from './rate-meter';
import { type FileOpener, SmallFileWriter } from './small-file';

export interface DownloadJobSpec {
  profileId: string;
  source: DownloadSource;
  target: string;
  concurrency?: number;
  confirm?: boolean;
  confirmProduction?: boolean;
  /**
   * The instances of an `instances` source as the caller has just listed them (an intake pass): taken as
   * they are instead of one GET each. Only the first run uses them; a retry fetches each afresh.
   */
  listed?: readonly Instance[];
}

export type InstanceState = 'pending' | 'done' | 'failed';
export type ElementState = 'pending' | 'done' | 'skipped' | 'failed' | 'infected';

/** One job's state: what the runner changes, what progress reports, what a retry starts from. */
export interface DownloadJob {
  id: string;
  /** `concurrency` here is the most at once: the user's number, or adaptive-concurrency.ts MAX. */
  spec: Required<Pick<DownloadJobSpec, 'concurrency' | 'confirm'>> & DownloadJobSpec;
  /** No number was given: start at START and grow while throughput grows (adaptive-concurrency.ts). */
  adaptive: boolean;
  /**
   * Set while a run goes on: stop listing and taking new elements, let the transfers in flight finish,
   * verify and flush (a scheduled run stopped by SIGINT/SIGTERM ends cleanly; job-registry.ts drain).
   */
  drain?: () => void;
  /** DownloadJobSpec.listed by id, until the first run has taken them. */
  listed?: Map<string, Instance>;
  /** This run's concurrency control (set while a run goes on). */
  concurrency?: AdaptiveConcurrency;
  /** Worker threads that carry the transfers (transfer-threads.ts); 0: the main thread. */
  transferThreads: number;
  /** Who carries this run's transfers (set while a run goes on). */
  transfers?: ElementTransfers;
  /** The OS's "from the internet" mark of a flush batch (also asked for by transfer workers). */
  mark?: (files: MarkedFile[]) => Promise<void>;
  /** What transfer workers are told of this job's disk (small-file.ts, flush-batch.ts), as plain numbers. */
  diskSettings: { blockingCallLimitMs?: number; flush?: { maxFiles?: number; maxDelayMs?: number; lanes?: number } };
  /** Verified files renamed and waiting for their flush to the disk (flush-batch.ts). */
  flusher: FlushBatch;
  /** Instances whose elements are all through and that wait for their flush (and confirm). */
  finishing: Set<Promise<void>>;
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
  /** `check`: how a done or skipped element's bytes were checked (common/schemas/content-hash.ts). */
  elements: Map<string, { state: ElementState; size: number; check?: VerifiedBy }>;
  failures: DownloadProblem[];
  /** Bytes received by transfers in this thread (see jobBytes). */
  bytesDone: number;
  /** Bytes received by transfer workers: one BigInt64 cell they add to (Atomics), shared with them. */
  sharedBytes: BigInt64Array;
  rate: RateMeter;
  startedAt: string;
  endedAt?: string;
  running?: Promise<void>;
}

/** One instance of a run: its folder and how many of its elements are still to do. */
export interface InstanceRun {
  instance: Instance;
  folder: string;
  /** This run created the folder: nothing of an earlier run can be in it (no stat per element). */
  fresh: boolean;
  /** The folders to flush with its files: its own, and those this run created for it (their parents). */
  dirs: string[];
  pending: number;
  failed: number;
  /** Each verified file's flush: true once it is on the disk and in the manifest, false if that failed. */
  durable: Promise<boolean>[];
}

/** One element to transfer, under the filename its instance's layout gave it. */
export interface ElementWork {
  run: InstanceRun;
  element: DataElement;
  filename: string;
}

const MAX_PROBLEMS = 500;

export function newJob(input: {
  spec: DownloadJob['spec'];
  target: string;
  context: StorageContext;
  claim: { lock: FolderLock; manifest: Manifest };
  blockingCallLimitMs?: number;
  /** How files are opened (the outside world: tests give one whose temp files sit on a full disk). */
  files?: FileOpener;
  /** The OS's "from the internet" mark, written on every downloaded file before its flush (origin-mark.ts). */
  mark?: (files: MarkedFile[]) => Promise<void>;
  adaptive: boolean;
  flush?: FlushBatchOptions;
  transferThreads: number;
  now: () => Date;
}): DownloadJob {
  const { listed, ...spec } = input.spec;
  return {
    id: randomUUID(),
    spec,
    adaptive: input.adaptive,
    listed: listed ? new Map(listed.map((instance) => [instance.id, instance])) : undefined,
    flusher: new FlushBatch({ ...input.flush, ...(input.mark ? { mark: input.mark } : {}) }),
    transferThreads: input.transferThreads,
    ...(input.mark ? { mark: input.mark } : {}),
    diskSettings: {
      ...(input.blockingCallLimitMs !== undefined ? { blockingCallLimitMs: input.blockingCallLimitMs } : {}),
      flush: { maxFiles: input.flush?.maxFiles, maxDelayMs: input.flush?.maxDelayMs, lanes: input.flush?.lanes },
    },
    finishing: new Set(),
    target: input.target,
    context: input.context,
    manifest: input.claim.manifest,
    lock: input.claim.lock,
    smallFiles: new SmallFileWriter(input.blockingCallLimitMs, input.files),
    state: 'running',
    controller: new AbortController(),
    cancelled: false,
    listingDone: false,
    instances: new Map(),
    elements: new Map(),
    failures: [],
    bytesDone: 0,
    sharedBytes: new BigInt64Array(new SharedArrayBuffer(8)),
    rate: new RateMeter(),
    startedAt: input.now().toISOString(),
  };
}

/**
 * Set the job running again for what did not succeed (verified elements are skipped through the
 * manifest), in the folder claimed anew; returns what to walk: the original source when the listing was
 * cut short (not every instance is known), else the unfinished instances, or nothing.
 */
export function restartJob(
  job: DownloadJob,
  claim: { lock: FolderLock; manifest: Manifest },
): DownloadSource | undefined {
  const unfinished = [...job.instances].filter(([, v]) => v.state !== 'done').map(([id]) => id);
  const source: DownloadSource | undefined = !job.listingDone
    ? job.spec.source
    : unfinished.length
      ? { kind: 'instances', instanceIds: unfinished }
      : undefined;
  job.failures = job.failures.filter((f) => !unfinished.includes(f.instanceId) && job.listingDone);
  job.listed = undefined;
  for (const [id, el] of job.elements) if (el.state === 'failed') job.elements.set(id, { ...el, state: 'pending' });
  job.state = 'running';
  job.cancelled = false;
  job.fatal = undefined;
  job.endedAt = undefined;
  job.controller = new AbortController();
  job.lock = claim.lock;
  job.manifest = claim.manifest;
  return source;
}

/** Stop the job for an error no element can get past (download-failures.ts); the first one is kept. */
export function failJob(job: DownloadJob, error: unknown): void {
  if (job.cancelled || isAbort(error)) return;
  if (!job.fatal) job.fatal = asAppError(error);
  job.controller.abort(job.fatal);
}

/** Note a failed element or instance; the job goes on. Only the first MAX_PROBLEMS are kept. */
export function recordProblem(
  job: DownloadJob,
  where: Omit<DownloadProblem, 'code' | 'message'>,
  error: unknown,
): void {
  const e = asAppError(error);
  if (job.failures.length < MAX_PROBLEMS) job.failures.push({ ...where, code: e.code, message: e.message });
}

/** Every byte the job's transfers received, in this thread and in its transfer workers. */
export function jobBytes(job: Pick<DownloadJob, 'bytesDone'> & Partial<Pick<DownloadJob, 'sharedBytes'>>): number {
  return job.bytesDone + (job.sharedBytes ? Number(Atomics.load(job.sharedBytes, 0)) : 0);
}

export function hasProblems(job: DownloadJob): boolean {
  for (const v of job.instances.values()) if (v.state !== 'done') return true;
  return false;
}
