import { mkdir, stat } from 'node:fs/promises';
import { AppError } from '../../common/errors/app-error';
import { DownloadErrors } from '../../common/errors/download-errors';
import { diskFull, isDiskFull } from './download-failures';
import { FolderLock } from './folder-lock';
import { Manifest } from './manifest';

/** The download folder exists (created if need be) and is a folder. */
export async function prepareTarget(target: string): Promise<void> {
  try {
    await mkdir(target, { recursive: true });
    const s = await stat(target);
    if (!s.isDirectory()) throw new Error('not a folder');
  } catch (error) {
    if (isDiskFull(error)) throw diskFull(error);
    throw new AppError(
      DownloadErrors.TARGET_INVALID,
      `Cannot use ${target} as the download folder: ${(error as Error).message}`,
    );
  }
}

/** The folder's lock (folder-lock.ts), then its manifest; nothing is held when either fails. */
export async function claimFolder(target: string, now: () => Date): Promise<{ lock: FolderLock; manifest: Manifest }> {
  let lock: FolderLock;
  try {
    lock = await FolderLock.acquire(target, now);
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (isDiskFull(error)) throw diskFull(error);
    throw new AppError(DownloadErrors.TARGET_INVALID, `Cannot write to ${target}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    return { lock, manifest: await Manifest.open(target, now) };
  } catch (error) {
    await lock.release().catch(() => {});
    throw error;
  }
}
