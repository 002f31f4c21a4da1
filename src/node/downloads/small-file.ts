import {
  closeSync,
  fsync,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  type Stats,
  writeSync,
  writevSync,
} from 'node:fs';
import { type FileHandle, lstat, mkdir, open, rm } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { isTransientRenameError, renameRetrying } from '../platform/rename-retrying';
import { withFsyncSlot } from './fsync-slots';
import {
  asLinkRefused,
  assertSameFile,
  CREATE_NEW,
  linkRefused,
  OPEN_EXISTING,
  regularOrCleared,
  regularOrClearedSync,
} from './no-follow';

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
 *
 * Every temp file of a job is created here (the streamed path's too, createTemp): exclusively, never
 * through a link that is already at its name (no-follow.ts).
 */
export interface SmallFileWrite {
  path: string;
  /** The bytes, or the chunks they arrived in (written in order, with one call where the system allows). */
  data: Uint8Array | readonly Uint8Array[];
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

/** How files are opened: the outside world (tests pass one whose temp files sit on a full disk). */
export interface FileOpener {
  openSync(path: string, flags: number, mode: number): number;
  open(path: string, flags: number, mode: number): Promise<FileHandle>;
}

const nodeFiles: FileOpener = { openSync, open };

export class SmallFileWriter {
  private blocking = true;
  private averageMs = 0;

  constructor(
    private readonly maxBlockMs = 4,
    private readonly files: FileOpener = nodeFiles,
  ) {}

  /** False once the disk proved slow: from then on every step goes through the thread pool. */
  get usesBlockingCalls(): boolean {
    return this.blocking;
  }

  async write(w: SmallFileWrite): Promise<OpenFile | undefined> {
    if (!this.blocking) return writeThroughPool(w, this.files);
    let fd: number | undefined;
    try {
      let started = performance.now();
      fd = this.createSync(w.path);
      writeAllSync(fd, w.data);
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
      removeQuietly(w.path);
      throw error;
    }
  }

  /**
   * A new temp file at `path` for the streamed path (through the pool): created exclusively, whatever held
   * the name — an earlier attempt's file, a planted link — removed first (the link itself, not its target).
   */
  async createTemp(path: string): Promise<FileHandle> {
    return createExclusive(path, (p) => this.files.open(p, CREATE_NEW, 0o644));
  }

  /**
   * A kept `.part` to continue: only a regular file (a link or anything else at the name is removed and
   * undefined returned, so the element starts over), opened without following a link and checked to be
   * the file lstat saw.
   */
  async openKept(path: string): Promise<{ file: FileHandle; size: number } | undefined> {
    const seen = await regularOrCleared(path);
    if (!seen) return undefined;
    const file = await this.files.open(path, OPEN_EXISTING, 0o644).catch((error) => {
      throw asLinkRefused(error, path);
    });
    try {
      const opened = await file.stat();
      assertSameFile(path, seen, opened);
      return { file, size: opened.size };
    } catch (error) {
      await file.close().catch(() => {});
      throw error;
    }
  }

  private createSync(path: string): number {
    try {
      return this.files.openSync(path, CREATE_NEW, 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    regularOrClearedSync(path);
    rmSync(path, { force: true });
    try {
      return this.files.openSync(path, CREATE_NEW, 0o644);
    } catch (error) {
      throw (error as NodeJS.ErrnoException).code === 'EEXIST' ? linkRefused(path, 'a name taken meanwhile') : error;
    }
  }

  /**
   * `mkdir -p` of `path` below `root` (which exists): one level at a time, and every level that was
   * already there must be a real folder — a link or a Windows junction there is refused (no-follow.ts),
   * before anything is made inside it. Returns the first folder it created, undefined when all existed.
   */
  async mkdir(root: string, path: string): Promise<string | undefined> {
    const rel = relative(root, path);
    if (!rel || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel))
      throw linkRefused(path, 'a folder outside the target');
    let dir = root;
    let first: string | undefined;
    for (const part of rel.split(sep)) {
      dir = join(dir, part);
      const started = performance.now();
      const made = this.blocking ? mkdirOneSync(dir) : await mkdirOne(dir);
      if (this.blocking) this.timed(started);
      if (made) first ??= dir;
    }
    return first;
  }

  private timed(started: number): void {
    // A moving average, so one hiccup of a local disk (a journal commit: 5–10 ms, seen here) does not
    // count as a slow disk, while a share that is slow on every call crosses the limit within ~10 calls.
    this.averageMs = this.averageMs * 0.9 + (performance.now() - started) * 0.1;
    if (this.averageMs > this.maxBlockMs) this.blocking = false;
  }
}

async function createExclusive(path: string, create: (path: string) => Promise<FileHandle>): Promise<FileHandle> {
  try {
    return await create(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  await regularOrCleared(path);
  await rm(path, { force: true });
  try {
    return await create(path);
  } catch (error) {
    throw (error as NodeJS.ErrnoException).code === 'EEXIST' ? linkRefused(path, 'a name taken meanwhile') : error;
  }
}

async function writeThroughPool(w: SmallFileWrite, files: FileOpener): Promise<OpenFile | undefined> {
  try {
    const handle = await createExclusive(w.path, (p) => files.open(p, CREATE_NEW, 0o644));
    let kept = false;
    try {
      if (w.data instanceof Uint8Array) await handle.writeFile(w.data);
      else for (const chunk of w.data) await handle.writeFile(chunk);
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
    removeQuietly(w.path);
    throw error;
  }
}

/** Every byte, in order: one buffer, or chunks with as few writev calls as the system's partial writes allow. */
function writeAllSync(fd: number, data: Uint8Array | readonly Uint8Array[]): void {
  const noProgress = () => Object.assign(new Error('The write made no progress'), { code: 'EIO' });
  if (data instanceof Uint8Array) {
    for (let off = 0; off < data.length; ) {
      const n = writeSync(fd, data, off, data.length - off);
      if (n <= 0) throw noProgress();
      off += n;
    }
    return;
  }
  let rest = data.filter((chunk) => chunk.length > 0);
  while (rest.length) {
    let n = writevSync(fd, rest);
    if (n <= 0) throw noProgress();
    // Drop what was written: whole chunks, then the written part of the next one.
    let i = 0;
    while (i < rest.length && n >= (rest[i] as Uint8Array).length) n -= (rest[i++] as Uint8Array).length;
    rest = rest.slice(i);
    if (n > 0 && rest.length) rest[0] = (rest[0] as Uint8Array).subarray(n);
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

/** true: made now; false: a real folder was there already; a link or a file there is refused. */
function mkdirOneSync(dir: string): boolean {
  try {
    mkdirSync(dir);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (!isRealFolder(lstatSync(dir))) throw linkRefused(dir, 'a link (or a file) instead of a folder');
  return false;
}

async function mkdirOne(dir: string): Promise<boolean> {
  try {
    await mkdir(dir);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (!isRealFolder(await lstat(dir))) throw linkRefused(dir, 'a link (or a file) instead of a folder');
  return false;
}

/** lstat reports a symbolic link, and on Windows a junction, as a link, never as a folder (libuv). */
function isRealFolder(s: Stats): boolean {
  return s.isDirectory() && !s.isSymbolicLink();
}

/** Our temp name after a failure (a folder someone put there stays: rm without recursive refuses it). */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // the first error is the one to report
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already failing: the first error is the one to report
  }
}
