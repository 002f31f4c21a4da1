import { closeSync, fsync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { promisify } from 'node:util';
import { withFsyncSlot } from './fsync-slots';

const fsyncAsync = promisify(fsync);

/**
 * A small whole file (≤ SMALL_BODY_BYTES, small-body.ts) written with blocking calls. On this project's
 * 2-CPU build machine every hand-off to the libuv thread pool costs ~60–100 µs of CPU (measured in
 * bench/), while opening, writing a few hundred KB into the page cache and closing take tens of µs; a
 * download job is thousands of small files, and through node:fs/promises each took five hand-offs
 * (open, write, fsync, close, rename). Now only the fsync, which waits on the disk, leaves this thread.
 * (Batching the fsyncs through a worker thread was tried and measured no faster.)
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

export async function writeWholeFile(w: SmallFileWrite): Promise<void> {
  let fd: number | undefined;
  try {
    fd = openSync(w.path, 'w', 0o644);
    let off = 0;
    while (off < w.data.length) {
      const n = writeSync(fd, w.data, off, w.data.length - off);
      if (n <= 0) throw Object.assign(new Error('The write made no progress'), { code: 'EIO' });
      off += n;
    }
    if (w.sync) await withFsyncSlot(() => fsyncAsync(fd as number));
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
