import { realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AppError } from '../../common/errors/app-error';
import { PreviewErrors } from '../../common/errors/preview-errors';
import { insideTarget } from '../downloads/folder-layout';
import { Manifest } from '../downloads/manifest';

/**
 * The verified copy of a data element in a download folder, for "open with the system's app": the element
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
 * What "open with the system's app" may open: documents, images, text and archives. Anything else could be
 * a program — `shell.openPath` runs an .exe, a .bat or a .desktop file, and a browser runs an .html's
 * script — and a sender's file is not ours to run, whatever the virus scan said.
 */
const OPENABLE = new Set(
  (
    'pdf doc docx dot dotx xls xlsx ppt pptx odt ods odp odg rtf txt csv tsv xml json md png ' +
    'jpg jpeg gif webp bmp tif tiff heic heif zip 7z msg eml xps oxps epub mp3 mp4 m4a mov wav'
  ).split(' '),
);

export function isSafeToOpen(path: string): boolean {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(path)?.[1]?.toLowerCase();
  return ext !== undefined && OPENABLE.has(ext);
}

/** The first of `folders` (newest first) that holds a verified copy, or a clear error. */
export async function findVerifiedCopy(folders: string[], elementId: string): Promise<string> {
  for (const folder of folders) {
    const path = await verifiedCopy(folder, elementId);
    if (!path) continue;
    if (!isSafeToOpen(path)) {
      throw new AppError(PreviewErrors.UNSAFE_TO_OPEN, `Refused to open ${basename(path)}: not a document type`, {
        details: { path },
      });
    }
    return path;
  }
  throw new AppError(
    PreviewErrors.NOT_DOWNLOADED,
    folders.length
      ? `No verified copy of ${elementId} in ${folders.length === 1 ? folders[0] : `${folders.length} download folders`}`
      : `No download folder is known yet for ${elementId}`,
  );
}
