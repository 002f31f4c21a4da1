import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { AppError } from '../../common/errors/app-error';
import { DownloadErrors } from '../../common/errors/download-errors';
import type { DataElement, Instance } from '../../common/schemas/instance-types';
import { splitInstanceId } from '../../common/schemas/instance-types';
import { extensionFor, sanitizeFilename, UniqueNames } from './safe-filename';

/**
 * The folder layout of a download (also in README: "Where downloads go"):
 *
 *   <target>/
 *     .mpd-manifest.json                    what is verified on disk (see manifest.ts)
 *     .mpd-download.lock                    while a download or confirm runs (see folder-lock.ts)
 *     <org>_<app>/                          the appId with "/" → "_"
 *       <partyId>_<instanceGuid>/           one folder per instance
 *         instance.json                     the instance metadata as Storage returned it
 *         <filename>                        each data element, under its sanitized filename
 *         <filename> (2).<ext>              … made unique case-insensitively within the folder
 *         .<dataElementId>.part             an unfinished download (never under a final name)
 *
 * An element without a filename is saved as `<dataType>-<dataElementId><ext from contentType>`.
 * Names are assigned in a stable order (created, then id) so a rerun gives every element the same name.
 */
export const MANIFEST_NAME = '.mpd-manifest.json';
export const INSTANCE_JSON = 'instance.json';

export function instanceFolder(target: string, instance: Instance): string {
  const { partyId, instanceGuid } = splitInstanceId(instance.id);
  const appFolder = sanitizeFilename(instance.appId.replace('/', '_'), 'app');
  const folder = sanitizeFilename(`${partyId}_${instanceGuid}`, 'instance');
  return insideTarget(target, join(target, appFolder, folder));
}

export function tempPath(folder: string, element: DataElement): string {
  return join(folder, `.${sanitizeFilename(element.id, 'element')}.part`);
}

/**
 * Elements in the order names are handed out: created, then id — compared code unit by code unit, so
 * the order (and the names) do not depend on the machine's locale; ISO 8601 times and GUIDs sort so.
 */
export function orderedElements(instance: Instance): DataElement[] {
  return [...(instance.data ?? [])].sort((a, b) => ordinal(a.created ?? '', b.created ?? '') || ordinal(a.id, b.id));
}

function ordinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A final file name for each element of an instance. Names already recorded for this instance (from an
 * earlier run's manifest) are kept, so a rerun writes to the same files — but only a name the sanitiser
 * gives back unchanged and that neither instance.json nor another element has: the manifest is a file
 * anyone who can write the folder could edit, and a name from it must be as safe as one from Storage
 * (issue 17, finding 12). A recorded name that is not gets a new name, as an element never recorded does.
 */
export function assignFilenames(instance: Instance, recorded: Map<string, string>): Map<string, string> {
  const names = new UniqueNames([INSTANCE_JSON]);
  const ordered = orderedElements(instance);
  const listed = new Set(ordered.map((e) => e.id));
  // This instance's elements first (in name order), then recorded elements Storage no longer lists, whose
  // files are still there: their names stay taken.
  const recordedOrder = [
    ...ordered.map((e) => e.id).filter((id) => recorded.has(id)),
    ...[...recorded.keys()].filter((id) => !listed.has(id)).sort(),
  ];
  const kept = new Map<string, string>();
  for (const id of recordedOrder) {
    const name = recorded.get(id) as string;
    if (name && sanitizeFilename(name, '') === name && names.tryReserve(name)) kept.set(id, name);
  }
  const out = new Map<string, string>();
  for (const element of ordered) {
    const known = kept.get(element.id);
    if (known) {
      out.set(element.id, known);
      continue;
    }
    const fallback = `${element.dataType || 'data'}-${element.id}${extensionFor(element.contentType)}`;
    const safeFallback = sanitizeFilename(fallback, `data-${element.id}.bin`);
    out.set(element.id, names.claim(sanitizeFilename(element.filename ?? '', safeFallback)));
  }
  return out;
}

/** Resolve `path` and refuse anything that is not strictly inside `target` (checked with path.relative). */
export function insideTarget(target: string, path: string): string {
  const root = resolve(target);
  const full = resolve(path);
  const rel = relative(root, full);
  if (!rel || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new AppError(DownloadErrors.UNSAFE_PATH, `Refused to write outside the target folder: ${full}`);
  }
  return full;
}

/** The path relative to the target, with forward slashes, as the manifest records it. */
export function manifestPath(target: string, path: string): string {
  return relative(resolve(target), path).split(sep).join('/');
}
