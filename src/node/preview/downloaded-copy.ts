import { realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AppError } from '../../common/errors/app-error';
import { PreviewErrors } from '../../common/errors/preview-errors';
import { systemOpenFor } from '../../common/schemas/system-open';
import { insideTarget } from '../downloads/folder-layout';
import { Manifest } from '../downloads/manifest';

/**
 * The verified copy of a data element in a download folder, for "open with the system's app" or "show in
 * folder": the element
 * must be in the folder's manifest as verified (size and MD5 checked when it was written, manifest.ts), the
 * recorded path must stay inside the folder — also after symbolic links are resolved, since the manifest is
 * a file anyone could edit — and the file must still have the verified size. The manifest is only read.
 */
export async function verifiedCopy(folder: string, elementId: string): Promise<string | undefined> {
  let manifest: Manifest;
  try {
    manifest = await Manifest.open(folder);
  } catch {
    return undefined; // no readable manifest: not a download folder of ours
  }
  const entry = manifest.verified(elementId) ?? manifest.verified(elementId.toLowerCase());
  if (!entry) return undefined;
  const path = insideTarget(folder, join(folder, ...entry.path.split('/')));
  const [realFolder, realFile] = await Promise.all([realpath(folder), realpath(path).catch(() => undefined)]);
  if (!realFile) return undefined;
  insideTarget(realFolder, realFile);
  const info = await stat(realFile);
  if (!info.isFile() || info.size !== entry.size) return undefined;
  return realFile;
}

/**
 * Whether the system's program may open this copy (common/schemas/system-open.ts): only types whose
 * viewers honour the "from the internet" mark every download carries (origin-mark.ts), or run nothing.
 */
export function isSafeToOpen(path: string): boolean {
  return systemOpenFor(basename(path)).action === 'open';
}

/** The first of `folders` (newest first) that holds a verified copy, or a clear error. */
export async function findVerifiedCopy(folders: string[], elementId: string): Promise<string> {
  for (const folder of folders) {
    const path = await verifiedCopy(folder, elementId);
    if (path) return path;
  }
  throw new AppError(
    PreviewErrors.NOT_DOWNLOADED,
    folders.length
      ? `No verified copy of ${elementId} in ${folders.length === 1 ? folders[0] : `${folders.length} download folders`}`
      : `No download folder is known yet for ${elementId}`,
  );
}

/** A verified copy for the system's program, refused (PREVIEW_UNSAFE_TO_OPEN) for a type it must not open. */
export async function findCopyToOpen(folders: string[], elementId: string): Promise<string> {
  const path = await findVerifiedCopy(folders, elementId);
  const decision = systemOpenFor(basename(path));
  if (decision.action !== 'open') {
    throw new AppError(
      PreviewErrors.UNSAFE_TO_OPEN,
      `Refused to open ${basename(path)}: show it in its folder instead`,
      {
        details: { path, reason: decision.reason },
      },
    );
  }
  return path;
}
