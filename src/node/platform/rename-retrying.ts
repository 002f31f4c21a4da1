import { rename } from 'node:fs/promises';

/**
 * rename, retried where Windows makes it fail for a moment: an antivirus scanner or the search indexer
 * opens a file just written, and until it lets go, renaming it (or over it) fails with EPERM, EACCES or
 * EBUSY. Elsewhere those codes are real permission errors, so only on Windows are they retried, for about
 * ten seconds in all (graceful-fs, which npm uses, does the same, patching fs globally; this keeps it to
 * the few renames that give our files their final names, and testable on any platform).
 */
const TRANSIENT_ON_WINDOWS = new Set(['EPERM', 'EACCES', 'EBUSY']);
const DELAYS_MS = [10, 20, 50, 100, 200, 400, 800, 1500, 3000, 4000];

export interface RenameRetryOptions {
  platform?: NodeJS.Platform;
  delaysMs?: readonly number[];
  rename?: (from: string, to: string) => Promise<void>;
}

export async function renameRetrying(from: string, to: string, o: RenameRetryOptions = {}): Promise<void> {
  const platform = o.platform ?? process.platform;
  const doRename = o.rename ?? rename;
  const delays = o.delaysMs ?? DELAYS_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return await doRename(from, to);
    } catch (error) {
      if (!isTransientRenameError(error, platform) || attempt >= delays.length) throw error;
      await new Promise((resolve) => setTimeout(resolve, delays[attempt]));
    }
  }
}

export function isTransientRenameError(error: unknown, platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'win32' && TRANSIENT_ON_WINDOWS.has((error as NodeJS.ErrnoException)?.code ?? '');
}
