import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import type { PickedFile } from '../../common/contract/files';
import { AppError } from '../../common/errors/app-error';
import { WindowTrustErrors } from '../../common/errors/window-trust-errors';
import { refuseNetworkPath } from './network-path';

/** What a handle may be used for: one for each kind of file main hands the window. */
export type FilePurpose = 'key-import';

/** Long enough for a password round, short enough that a handle lying around is soon worth nothing. */
export const FILE_HANDLE_TTL_MS = 5 * 60_000;

/**
 * The window never names a file by its path (issue 17, finding 4). When main shows an open dialog (or
 * confirms a dropped file) it registers the chosen path here and gives the window a handle — 256 random
 * bits, base64url — and the file's name to show. The handle works once, for its purpose, within
 * FILE_HANDLE_TTL_MS; anything else (a path, a made-up or used-up or expired handle, a handle for another
 * purpose) is one and the same PATH_NOT_FROM_DIALOG, which tells nothing about any file.
 *
 * Lives in main's memory only: handles die with the process, and the CLI (which takes the paths its user
 * types) has none.
 */
export function createFileHandles(options: { now: () => number; ttlMs?: number }) {
  const ttl = options.ttlMs ?? FILE_HANDLE_TTL_MS;
  const entries = new Map<string, { path: string; purpose: FilePurpose; expires: number }>();

  function sweep(now: number): void {
    for (const [handle, entry] of entries) if (entry.expires <= now) entries.delete(handle);
  }

  return {
    /** A path main's own dialog gave: a handle for the window. Network and device paths are refused. */
    issue(path: string, purpose: FilePurpose): PickedFile {
      refuseNetworkPath(path);
      const now = options.now();
      sweep(now);
      const handle = randomBytes(32).toString('base64url');
      entries.set(handle, { path, purpose, expires: now + ttl });
      return { handle, name: basename(path) };
    },

    /** The path behind `handle`, which is used up by this call. */
    take(handle: string, purpose: FilePurpose): string {
      const entry = entries.get(handle);
      entries.delete(handle);
      if (!entry || entry.purpose !== purpose || entry.expires <= options.now()) throw notFromDialog();
      return entry.path;
    },
  };
}

export type FileHandles = ReturnType<typeof createFileHandles>;

export function notFromDialog(): AppError {
  return new AppError(WindowTrustErrors.PATH_NOT_FROM_DIALOG, "Not a file or folder from the app's own dialog");
}
