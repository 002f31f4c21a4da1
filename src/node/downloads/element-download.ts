import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataElement } from '../../common/schemas/instance-types';
import { isAbort, type RetryPolicy, withRetry } from '../platform/retry';
import { elementOpener } from '../storage/element-opener';
import { asAppError, isFatal } from './download-failures';
import { type DownloadJob, type ElementState, type ElementWork, failJob, recordProblem } from './download-job';
import { insideTarget, manifestPath, tempPath } from './folder-layout';
import { hashFile, transferElement } from './transfer-element';
import type { TransferSlots } from './transfer-slots';

export interface ElementDownloadOptions {
  retry: RetryPolicy;
  /** A transfer that receives nothing for this long is aborted and retried. */
  idleTimeoutMs: number;
}

/**
 * One element of a job: skipped when an earlier run verified it, else transferred (with retries) and
 * recorded in the manifest. The outcome is also set on the job; 'aborted' means the job is stopping.
 */
export async function downloadElement(
  job: DownloadJob,
  work: ElementWork,
  slots: TransferSlots,
  options: ElementDownloadOptions,
): Promise<ElementState | 'aborted'> {
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
    if (!run.fresh && (await alreadyVerified(job, instanceId, element, finalPath, rel, expectedSize, expectedMd5)))
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
          idleTimeoutMs: options.idleTimeoutMs,
        }),
      { policy: options.retry, signal },
    );
    job.manifest.recordVerified(element.id, { instanceId, path: rel, size: result.size, md5: result.md5 });
    return set('done');
  } catch (error) {
    if (signal.aborted || isAbort(error)) return 'aborted';
    const appError = asAppError(error);
    if (isFatal(appError)) {
      failJob(job, appError);
      return 'aborted';
    }
    recordProblem(job, { instanceId, elementId: element.id, filename: element.filename ?? null }, appError);
    return set('failed');
  }
}

/** Verified by an earlier run (manifest), or a file under the final name whose MD5 matches Storage's. */
async function alreadyVerified(
  job: DownloadJob,
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

/** Storage's contentHash is base64 MD5 (§3.3); accept a hex digest too rather than failing a good file. */
export function normalizeMd5(contentHash: string | null | undefined): string | undefined {
  if (!contentHash) return undefined;
  const value = contentHash.trim();
  if (/^[0-9a-f]{32}$/i.test(value)) return Buffer.from(value, 'hex').toString('base64');
  return value;
}
