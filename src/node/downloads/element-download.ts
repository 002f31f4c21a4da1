import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../common/errors/app-error';
import { trustedContentHash, type VerifiedBy } from '../../common/schemas/content-hash';
import type { DataElement } from '../../common/schemas/instance-types';
import { isAbort, type RetryPolicy, withRetry } from '../platform/retry';
import type { DataRoute } from '../storage/element-opener';
import type { AdaptiveConcurrency } from './adaptive-concurrency';
import { asAppError, isFatal } from './download-failures';
import { type DownloadJob, type ElementState, type ElementWork, failJob, recordProblem } from './download-job';
import type { ElementTransfers } from './element-transfers';
import { insideTarget, manifestPath, tempPath } from './folder-layout';
import { type ManifestEntry, sameVersion } from './manifest';
import { hashFile } from './transfer-element';
import type { TransferSlots } from './transfer-slots';

export interface ElementDownloadOptions {
  retry: RetryPolicy;
  /** A transfer that receives nothing for this long is aborted and retried. */
  idleTimeoutMs: number;
}

/** A run's network: its slots, what adjusts their number (adaptive-concurrency.ts), and who transfers. */
export interface Network {
  slots: TransferSlots;
  adaptive?: AdaptiveConcurrency;
  /** The job's signal joined with its drain: no new request once it aborts (transfer-element.ts). */
  start?: AbortSignal;
  /** This thread or the transfer workers (element-transfers.ts). */
  transfers: ElementTransfers;
}

/**
 * What became of an element. `durable`, when there, settles once the verified file is flushed to the
 * disk and recorded in the manifest (true) or that failed (false, the element failed); the element
 * counts as done or skipped only then. 'aborted' means the job is stopping.
 */
export interface ElementOutcome {
  state: ElementState | 'aborted';
  durable?: Promise<boolean>;
}

/**
 * One element of a job: skipped when an earlier run verified it, else transferred (with retries),
 * renamed, flushed with a batch of others and recorded in the manifest. The outcome is also set on the job.
 */
export async function downloadElement(
  job: DownloadJob,
  work: ElementWork,
  network: Network,
  options: ElementDownloadOptions,
): Promise<ElementOutcome> {
  const { element, run } = work;
  const instanceId = run.instance.id;
  const signal = job.controller.signal;
  const set = (state: ElementState, check?: VerifiedBy) => {
    job.elements.set(element.id, { state, size: element.size ?? 0, ...(check ? { check } : {}) });
    return state;
  };
  // Storage's virus scan said Infected: never saved, recorded and reported (§3.3 fileScanResult).
  if (element.fileScanResult === 'Infected') {
    job.manifest.recordInfected(element.id, instanceId, element.filename ?? null);
    return { state: set('infected') };
  }
  /** Recorded as verified once its flush is done; a failed flush fails the element. */
  const afterFlush = (durable: Promise<void>, entry: VerifiedFile, state: ElementState) =>
    durable.then(
      () => {
        job.manifest.recordVerified(element.id, { instanceId, ...entry });
        set(state, entry.check);
        return true;
      },
      (error: unknown) => {
        recordProblem(job, { instanceId, elementId: element.id, filename: element.filename ?? null }, error);
        set('failed');
        return false;
      },
    );
  const overloaded = (error: unknown) => {
    const status = error instanceof AppError ? error.details?.status : undefined;
    if (typeof status === 'number' && (status === 429 || status >= 500)) network.adaptive?.overloaded();
  };
  try {
    const finalPath = insideTarget(job.target, join(run.folder, work.filename));
    const rel = manifestPath(job.target, finalPath);
    // Where the bytes are asked for (the app API, Storage after a fallback), kept across attempts.
    const urls = job.context.client.dataUrls(run.instance, element);
    const route: DataRoute = { useStorage: false };
    // The URL the bytes come from, for the file's "from the internet" mark (origin-mark.ts); before any
    // request, the element's own link.
    const markUrl =
      element.selfLinks?.apps ?? element.selfLinks?.platform ?? job.context.environment.altinn.storageBase;
    const originUrl = () => route.source ?? markUrl;
    // Storage's hash only where it still describes the bytes; otherwise size and Content-Length.
    const expectedMd5 = trustedContentHash(element);
    const expectedSize = element.size ?? undefined;
    const elementChanged = element.lastChanged ?? undefined;
    if (!run.fresh) {
      const found = await alreadyVerified(job, element, finalPath, rel, expectedSize, expectedMd5);
      if (found === 'recorded') {
        const entry = job.manifest.verified(element.id) as ManifestEntry;
        // Recorded by size (format 1 said no more), and Storage's trusted hash is the MD5 written then.
        if (expectedMd5 && entry.check !== 'md5') {
          job.manifest.recordVerified(element.id, { ...entry, check: 'md5', elementChanged });
        }
        return { state: set('skipped', expectedMd5 ? 'md5' : entry.check) };
      }
      if (found === 'rehashed') {
        // Right bytes under the final name, but in no manifest: perhaps renamed just before a crash and
        // never flushed. Flushed now, like a fresh file, before it is recorded.
        const durable = job.flusher.add({
          file: finalPath,
          dirs: run.dirs,
          origin: { path: finalPath, url: originUrl() },
        });
        const entry = { path: rel, size: expectedSize as number, md5: expectedMd5 as string, check: 'md5' as const };
        return { state: 'skipped', durable: afterFlush(durable, { ...entry, elementChanged }, 'skipped') };
      }
    }
    // In a folder this run created there is no .part to continue, until a failed attempt leaves one.
    let noPart = run.fresh;
    let firstAttempt = true;
    const takeNoPart = () => {
      const first = noPart;
      noPart = false;
      return first;
    };
    // A .part from an earlier run may be damaged (a power cut) in a way only an MD5 shows: without a hash
    // it is not continued; a part this run's failed attempt left is.
    const takeUntrusted = () => {
      const first = firstAttempt;
      firstAttempt = false;
      return first && !expectedMd5;
    };

    const hooks = {
      signal,
      ...(network.start ? { startSignal: network.start } : {}),
      slots: network.slots,
      route,
      onBytes: (delta: number) => {
        job.bytesDone += delta;
      },
    };
    // Each attempt on this thread or a transfer worker (element-transfers.ts); it resolves once the file is
    // verified and renamed, and once the disk keeps up (flush-batch.ts MAX_UNFLUSHED).
    const result = await withRetry(
      () =>
        network.transfers.attempt(
          {
            urls,
            appId: run.instance.appId,
            tempPath: tempPath(run.folder, element),
            finalPath,
            ...(expectedSize !== undefined ? { expectedSize } : {}),
            ...(expectedMd5 ? { expectedMd5 } : {}),
            noPart: takeNoPart(),
            untrustedPart: takeUntrusted(),
            dirs: run.dirs,
            idleTimeoutMs: options.idleTimeoutMs,
            markUrl,
          },
          hooks,
        ),
      { policy: options.retry, signal, onRetry: ({ error }) => overloaded(error) },
    );
    network.adaptive?.transferDone();
    const entry: VerifiedFile = { path: rel, size: result.size, md5: result.md5, check: result.check, elementChanged };
    if (!result.durable) {
      job.manifest.recordVerified(element.id, { instanceId, ...entry });
      return { state: set('done', result.check) };
    }
    return { state: 'done', durable: afterFlush(result.durable, entry, 'done') };
  } catch (error) {
    if (signal.aborted || isAbort(error)) return { state: 'aborted' };
    overloaded(error);
    const appError = asAppError(error);
    if (isFatal(appError)) {
      failJob(job, appError);
      return { state: 'aborted' };
    }
    recordProblem(job, { instanceId, elementId: element.id, filename: element.filename ?? null }, appError);
    return { state: set('failed') };
  }
}

/** What the manifest records of a verified file (its instance added). */
type VerifiedFile = Omit<ManifestEntry, 'instanceId' | 'verifiedAt'>;

/**
 * 'recorded': verified by an earlier run (in the manifest, as flushed). 'rehashed': a file under the
 * final name whose size and MD5 match Storage's but which no manifest lists — renamed before a crash
 * and perhaps never flushed (flush-batch.ts), so it must be flushed before it is recorded. false: fetch it.
 */
async function alreadyVerified(
  job: DownloadJob,
  element: DataElement,
  finalPath: string,
  rel: string,
  expectedSize: number | undefined,
  expectedMd5: string | undefined,
): Promise<'recorded' | 'rehashed' | false> {
  // lstat: a link at the final name (planted, or a junction on Windows) is never counted as the file; the
  // download replaces it (a rename replaces the link, not what it points to; no-follow.ts).
  const onDisk = await lstat(finalPath).then(
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
    (!expectedMd5 || entry.md5 === expectedMd5) &&
    sameVersion(entry, element)
  ) {
    return 'recorded';
  }
  // Size first (a file cut short by a power cut fails it without being read), then every byte's MD5.
  // Without a hash Storage stands by, a file no manifest lists cannot be told from a damaged one: fetched.
  if (expectedMd5 && onDisk === expectedSize && (await hashFile(finalPath)) === expectedMd5) return 'rehashed';
  return false;
}
