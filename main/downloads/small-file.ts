import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { type FsyncBatcher, sharedFsyncBatcher } from './fsync-batch';

/**
 * A small whole file (≤ SMALL_BODY_BYTES, small-body.ts) written with blocking calls: open, write and
 * close of a few hundred KB in the page cache take tens of µs, less than one hand-off to the libuv pool
 * (fsync-batch.ts has the figures), so doing them through node:fs/promises cost the download job more
 * than the writing itself. Only the fsync, which waits on the disk, leaves this thread (batched).
 * On failure the file at `path` is removed and the errno error (ENOSPC, EACCES…) is thrown as is.
 */
export interface SmallFileWrite {
  path: string;
  data: Uint8Array;
  /** fsync before closing (and before the rename). */
  sync?: boolean;
  /** Then rename `path` to this: the bytes appear under the final name at once, or not at all. */
  renameTo?: string;
}

export async function writeWholeFile(w: SmallFileWrite, fsyncs: FsyncBatcher = sharedFsyncBatcher()): Promise<void> {
  let fd: number | undefined;
  try {
    fd = openSync(w.path, 'w', 0o644);
    let off = 0;
    while (off < w.data.length) {
      const n = writeSync(fd, w.data, off, w.data.length - off);
      if (n <= 0) throw Object.assign(new Error('The write made no progress'), { code: 'EIO' });
      off += n;
    }
    if (w.sync) await fsyncs.fsync(fd);
    const open = fd;
    fd = undefined;
    closeSync(open);
    if (w.renameTo) renameSync(w.path, w.renameTo);
  } catch (error) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already failing: the first error is the one to report
      }
    }
    rmSync(w.path, { force: true });
    throw error;
  }
}
