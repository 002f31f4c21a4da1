import { randomBytes } from 'node:crypto';
import { mkdir, open, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { renameRetrying } from './rename-retrying';

/**
 * Write a file so that readers see the old content or the new, never a mix: temp file in the same folder,
 * fsync, rename over the target, fsync the folder. `data` may come in pieces (a large document written as
 * it is serialized, without one string of all of it: manifest.ts, send-journal.ts).
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array | Iterable<string>,
  mode = 0o600,
): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', mode);
  try {
    // ArrayBuffer.isView, not instanceof: a Buffer made in another realm (a test's jsdom) is no Uint8Array there.
    if (typeof data === 'string' || ArrayBuffer.isView(data)) await handle.writeFile(data);
    else for (const piece of data) await handle.writeFile(piece);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await renameRetrying(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDir(dir);
}

/** fsync a folder so the renames in it survive a power cut (POSIX; Windows cannot open folders for sync). */
export async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
