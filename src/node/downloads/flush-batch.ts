import { closeSync, fsync, openSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { MarkedFile } from '../platform/origin-mark';
import { OPEN_EXISTING } from './no-follow';

const fsyncFd = promisify(fsync);

/**
 * Durability in batches, the pattern of git's `core.fsyncMethod=batch` (git-config(1)): each verified
 * file is renamed to its final name at once, and the flushes to the disk are done later for many files
 * together — every file of the batch, then every folder their names were written in — before anything
 * is recorded as durable (the manifest) and before any instance is confirmed. A download then never waits
 * on the disk between two files, and the disk gets its flushes together (the journal commits them in
 * fewer rounds) instead of one file at a time.
 *
 * What a crash can leave (README "Downloads: folder layout and guarantees"): a process that is killed
 * loses nothing that was renamed (the bytes are in the OS's cache, verified before the rename); a power
 * cut or an OS crash can leave the files renamed since the last flush short or empty under their final
 * names. Those files are in no manifest and belong to no confirmed instance, and the next run checks
 * every file the manifest does not list by size and MD5 before it counts it (element-download.ts).
 *
 * A batch is flushed when it holds MAX_FILES files, MAX_DELAY_MS after its first file, or at once when
 * asked (before a confirm, at the end of a job). Flushes run one after another; one asked for while
 * another runs covers everything added until it starts (group commit).
 */
export interface FlushEntry {
  /** The file under its final name: an open descriptor or handle (flushed, then closed), or a path. */
  file: number | FileHandle | string;
  /** Folders whose entries changed for it (its own; a parent when its folder is new). */
  dirs: string[];
  /** Mark it as come from the internet, with its path and URL, before it is flushed (origin-mark.ts). */
  origin?: MarkedFile;
}

export interface FlushBatchOptions {
  maxFiles?: number;
  maxDelayMs?: number;
  /** fsyncs at once: each holds a libuv pool thread (4 by default) that transfers also need. */
  lanes?: number;
  /** The disk's flush of one open file (the outside world; tests stop it to play a crash). */
  syncFd?: (fd: number) => Promise<void>;
  syncHandle?: (handle: FileHandle) => Promise<void>;
  syncFolder?: (dir: string) => Promise<void>;
  /**
   * Write the OS's "from the internet" mark on a batch's files (origin-mark.ts), before their flush, so
   * the mark is flushed with them. A volume that cannot hold it keeps the files without it: this rejects,
   * and the batch goes on.
   */
  mark?: (files: MarkedFile[]) => Promise<void>;
}

export const MAX_FILES = 64;
export const MAX_DELAY_MS = 100;
/**
 * Files renamed but not yet flushed, at most: beyond it `ready()` holds the caller back. A slow disk (a
 * network share) then slows the download instead of piling up open files (each small file stays open
 * until its flush) and work to re-verify after a power cut.
 */
export const MAX_UNFLUSHED = 256;

interface Pending extends FlushEntry {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class FlushBatch {
  private pending: Pending[] = [];
  /** Added and not yet through a flush (waiting or being flushed). */
  private unflushed = 0;
  private roomWaiters: (() => void)[] = [];
  private timer?: NodeJS.Timeout;
  private chain: Promise<void> = Promise.resolve();
  private readonly maxFiles: number;
  private readonly maxDelayMs: number;
  private readonly lanes: number;

  constructor(private readonly options: FlushBatchOptions = {}) {
    this.maxFiles = options.maxFiles ?? MAX_FILES;
    this.maxDelayMs = options.maxDelayMs ?? MAX_DELAY_MS;
    this.lanes = options.lanes ?? 2;
  }

  /** Files waiting for the next flush. */
  get waiting(): number {
    return this.pending.length;
  }

  /** Resolves when fewer than MAX_UNFLUSHED files wait for their flush (at once, mostly). */
  ready(): Promise<void> {
    if (this.unflushed < MAX_UNFLUSHED) return Promise.resolve();
    this.flush().catch(() => {});
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /** Resolves once the file and its folders are flushed; rejects when a flush of them failed. */
  add(entry: FlushEntry): Promise<void> {
    this.unflushed++;
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ ...entry, resolve, reject });
      if (this.pending.length >= this.maxFiles) this.flush().catch(() => {});
      else if (!this.timer) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.flush().catch(() => {});
        }, this.maxDelayMs);
        this.timer.unref?.();
      }
    });
  }

  /** Flush everything added so far; resolves when it is on the disk (each file's own promise says how it went). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (!batch.length) return this.chain;
    this.chain = this.chain.then(() => this.run(batch));
    return this.chain;
  }

  private async run(batch: Pending[]): Promise<void> {
    const marks = batch.flatMap((entry) => (entry.origin ? [entry.origin] : []));
    if (marks.length && this.options.mark) await this.options.mark(marks).catch(() => {});
    const failed = new Map<Pending, unknown>();
    let next = 0;
    const lane = async () => {
      while (next < batch.length) {
        const entry = batch[next++] as Pending;
        try {
          await this.syncFile(entry.file);
        } catch (error) {
          failed.set(entry, error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.lanes, batch.length) }, lane));
    const dirs = new Map<string, unknown>();
    for (const entry of batch) for (const dir of entry.dirs) dirs.set(dir, undefined);
    for (const dir of dirs.keys()) {
      try {
        await (this.options.syncFolder ?? syncFolder)(dir);
      } catch (error) {
        dirs.set(dir, error ?? new Error(`could not flush ${dir}`));
      }
    }
    for (const entry of batch) {
      const error = failed.get(entry) ?? entry.dirs.map((d) => dirs.get(d)).find((e) => e !== undefined);
      if (error === undefined) entry.resolve();
      else entry.reject(error);
    }
    this.unflushed -= batch.length;
    while (this.unflushed < MAX_UNFLUSHED && this.roomWaiters.length) (this.roomWaiters.shift() as () => void)();
  }

  private async syncFile(file: FlushEntry['file']): Promise<void> {
    // A path is opened and closed with blocking calls (microseconds); only the flush, which waits on the
    // disk, goes to the libuv pool: each hand-off there costs ~60–100 µs of CPU here (small-file.ts).
    // A path is our file under its final name: opened without following a link (no-follow.ts).
    const fd = typeof file === 'string' ? openSync(file, OPEN_EXISTING) : file;
    if (typeof fd === 'number') {
      try {
        await (this.options.syncFd ?? fsyncFd)(fd);
      } finally {
        closeSync(fd);
      }
      return;
    }
    try {
      await (this.options.syncHandle ?? ((h: FileHandle) => h.sync()))(fd);
    } finally {
      await fd.close();
    }
  }
}

/**
 * fsync a folder, so the names written in it last (POSIX: a file's fsync does not cover its directory
 * entry). Windows cannot open a folder for this, and NTFS journals the names itself.
 */
async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    await fsyncFd(fd);
  } finally {
    closeSync(fd);
  }
}
