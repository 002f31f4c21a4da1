import { closeSync, fsync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { type FileHandle, mkdir, open, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { isTransientRenameError, renameRetrying } from '../platform/rename-retrying';
import { withFsyncSlot } from './fsync-slots';

const fsyncAsync = promisify(fsync);

/**
 * Small whole files (≤ SMALL_BODY_BYTES, small-body.ts, and each instance.json) and instance folders,
 * written with blocking calls while those are quick. On this project's 2-CPU build machine every
 * hand-off to the libuv thread pool costs ~60–100 µs of CPU (measured in bench/), while opening, writing
 * a few hundred KB into the page cache and closing take tens of µs; a download job is thousands of small
 * files, and through node:fs/promises each took five hand-offs (open, write, fsync, close, rename). So
 * only the fsync, which waits on the disk, leaves the thread. (Batching the fsyncs through a worker
 * thread was tried and measured no faster.)
 *
 * A blocking call stalls the thread it runs on — in the app, Electron's main process. A folder on a
 * network share (a home drive over SMB) can take milliseconds per call, so once the blocking steps take
 * longer than `maxBlockMs` on average, this writer (one per job) does the rest of the job through the
 * thread pool.
 * On failure the file at `path` is removed and the errno error (ENOSPC, EACCES…) is thrown as is.
 */
export interface SmallFileWrite {
  path: string;
  data: Uint8Array;
  /** fsync before closing (and before the rename). */
  sync?: boolean;
  /** Then rename `path` to this: the bytes appear under the final name at once, or not at all. */
  renameTo?: string;
  /**
   * Leave the file open (renamed, unflushed) and return it, for a flush later with others
   * (flush-batch.ts); the caller then owns it and must close it.
   */
  keepOpen?: boolean;
}

/** A file written and left open (keepOpen): a descriptor in blocking mode, a handle through the pool. */
export type OpenFile = number | FileHandle;

export class SmallFileWriter {
  private blocking = true;
  private averageMs = 0;

  constructor(private readonly maxBlockMs = 4) {}

  /** False once the disk proved slow: from then on every step goes through the thread pool. */
  get usesBlockingCalls(): boolean {
    return this.blocking;
  }

  async write(w: SmallFileWrite): Promise<OpenFile | undefined> {
    if (!this.blocking) return writeThroughPool(w);
    let fd: number | undefined;
    try {
      let started = performance.now();
      fd = openSync(w.path, 'w', 0o644);
      let off = 0;
      while (off < w.data.length) {
        const n = writeSync(fd, w.data, off, w.data.length - off);
        if (n <= 0) throw Object.assign(new Error('The write made no progress'), { code: 'EIO' });
        off += n;
      }
      this.timed(started);
      if (w.sync) await withFsyncSlot(() => fsyncAsync(fd as number));
      started = performance.now();
      const opened = fd;
      if (w.keepOpen) {
        // Renamed while open (POSIX allows it; libuv opens with FILE_SHARE_DELETE on Windows).
        if (w.renameTo) await renameNow(w.path, w.renameTo);
        fd = undefined;
        this.timed(started);
        return opened;
      }
      fd = undefined;
      closeSync(opened);
      if (w.renameTo) await renameNow(w.path, w.renameTo);
      this.timed(started);
      return undefined;
    } catch (error) {
      if (fd !== undefined) closeQuietly(fd);
      rmSync(w.path, { force: true });
      throw error;
    }
  }

  /** `mkdir -p`: the first folder it created, undefined when all existed (as fs.mkdir). */
  async mkdir(path: string): Promise<string | undefined> {
    if (!this.blocking) return mkdir(path, { recursive: true });
    const started = performance.now();
    const created = mkdirSync(path, { recursive: true });
    this.timed(started);
    return created;
  }

  private timed(started: number): void {
    // A moving average, so one hiccup of a local disk (a journal commit: 5–10 ms, seen here) does not
    // count as a slow disk, while a share that is slow on every call crosses the limit within ~10 calls.
    this.averageMs = this.averageMs * 0.9 + (performance.now() - started) * 0.1;
    if (this.averageMs > this.maxBlockMs) this.blocking = false;
  }
}

async function writeThroughPool(w: SmallFileWrite): Promise<OpenFile | undefined> {
  try {
    const handle = await open(w.path, 'w', 0o644);
    let kept = false;
    try {
      await handle.writeFile(w.data);
      if (w.sync) await withFsyncSlot(() => handle.sync());
      if (w.keepOpen) {
        if (w.renameTo) await renameRetrying(w.path, w.renameTo);
        kept = true;
        return handle;
      }
    } finally {
      if (!kept) await handle.close();
    }
    if (w.renameTo) await renameRetrying(w.path, w.renameTo);
    return undefined;
  } catch (error) {
    await rm(w.path, { force: true });
    throw error;
  }
}

/** A blocking rename; one that Windows refuses for a moment (a virus scan) is retried without blocking. */
async function renameNow(from: string, to: string): Promise<void> {
  try {
    renameSync(from, to);
  } catch (error) {
    if (!isTransientRenameError(error)) throw error;
    await renameRetrying(from, to);
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already failing: the first error is the one to report
  }
}
