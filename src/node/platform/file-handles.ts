import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import type { PickedFile } from '../../common/contract/files';
import { AppError } from '../../common/errors/app-error';
import { WindowTrustErrors } from '../../common/errors/window-trust-errors';
import { refuseNetworkPath } from './network-path';

/**
 * What a handle may be used for: one for each kind of file main hands the window. `act-data` is a file to
 * upload to an instance (issue 19: "Ny instans", add, replace), `act-prefill` a prefill JSON file.
 */
export type FilePurpose = 'key-import' | 'act-data' | 'act-prefill' | 'send-sheet';

/** Long enough for a password round, short enough that a handle lying around is soon worth nothing. */
export const FILE_HANDLE_TTL_MS = 5 * 60_000;

/**
 * A file to upload is picked (or dropped) while the person fills in "Ny instans" or the details' add panel,
 * and sent when the form is done: that may take a while, and a handle that died meanwhile would make them
 * pick every file again. So such a handle lives 30 minutes from the pick — and no longer: when main uses it
 * and hands out a fresh one (act:inspect-file, or a send that failed: `takeRenewable`), the new one keeps
 * the pick's deadline, so a handle can be passed along but never outlive its pick. Main does not keep the
 * bytes instead: files may be up to 2000 MB, and what is sent is what is on disk when the person sends.
 * A prefill file is read right after its pick, so it keeps the short life.
 */
export const ACT_DATA_HANDLE_TTL_MS = 30 * 60_000;

const TTL: Record<FilePurpose, number> = {
  'key-import': FILE_HANDLE_TTL_MS,
  'act-data': ACT_DATA_HANDLE_TTL_MS,
  'act-prefill': FILE_HANDLE_TTL_MS,
  // Taken at once by send:use-file, which keeps the path under a fileId of its own.
  'send-sheet': FILE_HANDLE_TTL_MS,
};

/** A handle used up by `takeRenewable`: its path, and the same file under a new handle if the use failed. */
export interface TakenFile {
  path: string;
  /** A new handle for the same file and purpose, with the first pick's deadline (not a fresh one). */
  renew(): PickedFile;
}

/**
 * The window never names a file by its path (issue 17, finding 4). When main shows an open dialog (or
 * confirms a dropped file) it registers the chosen path here and gives the window a handle — 256 random
 * bits, base64url — and the file's name to show. The handle works once, for its purpose, within its time
 * (TTL above); anything else (a path, a made-up or used-up or expired handle, a handle for another purpose)
 * is one and the same PATH_NOT_FROM_DIALOG, which tells nothing about any file.
 *
 * Lives in main's memory only: handles die with the process, and the CLI (which takes the paths its user
 * types) has none.
 */
export function createFileHandles(options: { now: () => number }) {
  const entries = new Map<string, { path: string; purpose: FilePurpose; expires: number }>();

  function sweep(now: number): void {
    for (const [handle, entry] of entries) if (entry.expires <= now) entries.delete(handle);
  }

  function register(path: string, purpose: FilePurpose, expires: number): PickedFile {
    sweep(options.now());
    const handle = randomBytes(32).toString('base64url');
    entries.set(handle, { path, purpose, expires });
    return { handle, name: basename(path) };
  }

  function takeEntry(handle: string, purpose: FilePurpose) {
    const entry = entries.get(handle);
    entries.delete(handle);
    if (!entry || entry.purpose !== purpose || entry.expires <= options.now()) throw notFromDialog();
    return entry;
  }

  return {
    /** A path main's own dialog gave: a handle for the window. Network and device paths are refused. */
    issue(path: string, purpose: FilePurpose): PickedFile {
      refuseNetworkPath(path);
      return register(path, purpose, options.now() + TTL[purpose]);
    },

    /** The path behind `handle`, which is used up by this call. */
    take(handle: string, purpose: FilePurpose): string {
      return takeEntry(handle, purpose).path;
    },

    /**
     * As `take`, and the file can be handed back under a new handle (at most once) when what it was taken
     * for did not happen — main's no, a local check, Altinn's refusal — so the person need not pick it again.
     */
    takeRenewable(handle: string, purpose: FilePurpose): TakenFile {
      const { path, expires } = takeEntry(handle, purpose);
      let renewed: PickedFile | undefined;
      return {
        path,
        renew: () => {
          renewed ??= register(path, purpose, expires);
          return renewed;
        },
      };
    },
  };
}

export type FileHandles = ReturnType<typeof createFileHandles>;

export function notFromDialog(): AppError {
  return new AppError(WindowTrustErrors.PATH_NOT_FROM_DIALOG, "Not a file or folder from the app's own dialog");
}
