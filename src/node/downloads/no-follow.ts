import { constants, lstatSync, rmSync, type Stats } from 'node:fs';
import { lstat, rm } from 'node:fs/promises';
import { AppError } from '../../common/errors/app-error';
import { DownloadErrors } from '../../common/errors/download-errors';

/**
 * A download never writes through a link that is already in its folder (issue 17, finding 6). Someone who
 * can write to the folder (a share, another account on the machine) could plant a symbolic link — or on
 * Windows a junction — at a name the download will use, and have the server's bytes written into the file
 * it points to. So:
 * - temp files are created exclusively (O_CREAT|O_EXCL: "if path names a symbolic link, open() shall fail
 *   with EEXIST", POSIX open(2)); whatever already holds the name is removed first — a link is unlinked
 *   itself, never what it points to;
 * - an existing file we continue or re-read is looked at with lstat first (libuv reports a Windows junction
 *   as a link too), must be a regular file, and is opened with O_NOFOLLOW where the platform has it
 *   (Linux, macOS; Windows has no such flag, there the lstat and the same-file check after opening hold);
 * - the app and instance folders are made one level at a time and must be real folders (folder-layout.ts).
 *
 * What stays: someone who can write to the folder can still swap a name between our check and our use;
 * they could as well delete or replace the files afterwards. README "Downloads" says so.
 */
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/** A new file for writing; fails (EEXIST) if anything, a link included, holds the name. */
export const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW;
/** An existing regular file, to continue writing (a kept `.part`) or to flush. */
export const OPEN_EXISTING = constants.O_RDWR | NOFOLLOW;
/** An existing regular file, to read (hashing a kept file). */
export const OPEN_READ = constants.O_RDONLY | NOFOLLOW;
/** Our own append-only file (the manifest journal), created if missing. */
export const APPEND = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | NOFOLLOW;

export function linkRefused(path: string, what = 'a link'): AppError {
  return new AppError(DownloadErrors.LINK_REFUSED, `Refused ${what} in the download folder: ${path}`, {
    details: { path },
  });
}

/** lstat, or undefined when nothing is there. */
export async function lstatOrNone(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * What a name we are about to write holds: a regular file (its stats), nothing, or — a link, a device, a
 * pipe — something that is removed (the link itself, never its target) so the name is free. A folder at
 * the name is refused: we never remove a folder we did not make.
 */
export async function regularOrCleared(path: string): Promise<Stats | undefined> {
  const s = await lstatOrNone(path);
  if (!s || s.isFile()) return s;
  if (s.isDirectory()) throw linkRefused(path, 'a folder where a file belongs');
  await rm(path, { force: true });
  return undefined;
}

/** regularOrCleared with blocking calls (small-file.ts). */
export function regularOrClearedSync(path: string): Stats | undefined {
  let s: Stats | undefined;
  try {
    s = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (s.isFile()) return s;
  if (s.isDirectory()) throw linkRefused(path, 'a folder where a file belongs');
  rmSync(path, { force: true });
  return undefined;
}

/**
 * The file opened is the one lstat saw (same device and inode): on Windows, where O_NOFOLLOW does not
 * exist, this catches a link swapped in between. Throws linkRefused otherwise.
 */
export function assertSameFile(path: string, seen: Stats, opened: Stats): void {
  if (!opened.isFile() || opened.dev !== seen.dev || opened.ino !== seen.ino) throw linkRefused(path);
}

/** A link at `path` (ELOOP from O_NOFOLLOW) as linkRefused; any other error as it is. */
export function asLinkRefused(error: unknown, path: string): unknown {
  return (error as NodeJS.ErrnoException)?.code === 'ELOOP' ? linkRefused(path) : error;
}
