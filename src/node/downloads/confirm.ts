import { lstat, realpath } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError } from '../../common/errors/app-error';
import { DownloadErrors } from '../../common/errors/download-errors';
import { trustedContentHash } from '../../common/schemas/content-hash';
import type { Instance } from '../../common/schemas/instance-types';
import { syncDir } from '../platform/atomic-write';
import { confirmedBy } from '../storage/instance-summary';
import type { StorageClient } from '../storage/storage-client';
import { INSTANCE_JSON, insideTarget, instanceFolder } from './folder-layout';
import { type Manifest, type ManifestEntry, sameVersion } from './manifest';
import { hashFile, syncFile } from './transfer-element';

/**
 * Every data element of the instance (as Storage lists it now) is in the manifest as verified: with
 * Storage's size, the MD5 of Storage's hash where that hash still describes the bytes
 * (common/schemas/content-hash.ts), the same version of the element (its `lastChanged`), and its file on
 * disk as recorded (onDiskAsRecorded). Infected elements are never verified, so an instance with one is
 * never confirmed. `rehash` reads every file again (confirming afterwards: the files may have changed
 * since they were verified); a job that has just verified and flushed them does not.
 */
export async function unverifiedElements(
  target: string,
  instance: Instance,
  manifest: Manifest,
  options: { rehash?: boolean } = {},
): Promise<string[]> {
  const missing: string[] = [];
  const folder = await realFolder(instanceFolder(target, instance));
  for (const element of instance.data ?? []) {
    const entry = manifest.verified(element.id);
    const expectedMd5 = trustedContentHash(element);
    const matches =
      entry &&
      folder !== undefined &&
      element.fileScanResult !== 'Infected' &&
      (element.size == null || entry.size === element.size) &&
      (!expectedMd5 || entry.md5 === expectedMd5) &&
      sameVersion(entry, element) &&
      (await onDiskAsRecorded(target, folder, entry, options.rehash === true));
    if (!matches) missing.push(element.id);
  }
  return missing;
}

/**
 * The recorded file is a regular file (not a link) in the instance's own folder — the manifest is a file
 * anyone who can write the folder could edit, so its path is checked, also after links are resolved —
 * with the recorded size, and, when `rehash`, the recorded MD5.
 */
async function onDiskAsRecorded(target: string, folder: string, entry: ManifestEntry, rehash: boolean) {
  let path: string;
  try {
    path = insideTarget(target, join(target, ...entry.path.split('/')));
  } catch {
    return false;
  }
  const seen = await lstat(path).catch(() => undefined);
  if (!seen?.isFile() || seen.size !== entry.size) return false;
  const real = await realpath(path).catch(() => undefined);
  if (!real || dirname(real) !== folder) return false;
  if (!rehash) return true;
  return (await hashFile(path).catch(() => undefined)) === entry.md5;
}

/** The instance's folder with links resolved, if it is a real folder (not itself a link). */
async function realFolder(folder: string): Promise<string | undefined> {
  const seen = await lstat(folder).catch(() => undefined);
  if (!seen?.isDirectory()) return undefined;
  return realpath(folder).catch(() => undefined);
}

/**
 * Confirm the download of one instance: `POST …/complete` (shared/reference/maskinporten-altinn.md §3.4),
 * only after every element is verified on disk, and after the manifest and the folder are flushed, so a
 * power cut cannot leave an instance confirmed (and due for deletion) with its files not durable.
 */
export async function confirmInstance(
  client: StorageClient,
  target: string,
  instance: Instance,
  manifest: Manifest,
  signal?: AbortSignal,
  /**
   * `flushed`: the caller has flushed instance.json and the folder already (a job's batch, flush-batch.ts).
   * `rehash`: read every file again first (confirming afterwards).
   */
  options: { flushed?: boolean; rehash?: boolean } = {},
): Promise<'confirmed' | 'already'> {
  const missing = await unverifiedElements(target, instance, manifest, { rehash: options.rehash });
  if (missing.length) {
    throw new AppError(
      DownloadErrors.NOT_VERIFIED,
      `Instance ${instance.id} is not confirmed: ${missing.length} data element(s) are not verified on disk`,
      { details: { instanceId: instance.id, missing: missing.slice(0, 20) } },
    );
  }
  if (confirmedBy(instance, client.confirmingOrg(instance.appId))) {
    manifest.recordConfirmed(instance.id);
    return 'already';
  }
  await manifest.flush();
  if (!options.flushed) {
    const folder = instanceFolder(target, instance);
    await syncFile(join(folder, INSTANCE_JSON)).catch(() => {});
    await syncDir(folder);
  }
  await client.complete(instance, signal);
  manifest.recordConfirmed(instance.id);
  return 'confirmed';
}

export function requireProductionConfirm(production: boolean, confirmProduction: boolean | undefined): void {
  if (production && confirmProduction !== true) {
    throw new AppError(
      DownloadErrors.PRODUCTION_CONFIRM_REQUIRED,
      'Confirming in production needs one more explicit yes (confirmProduction)',
    );
  }
}
