import { randomUUID } from 'node:crypto';
import { open, readFile, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../common/errors/app-error';
import { DownloadErrors } from '../../common/errors/download-errors';

/**
 * One writer per download folder across processes: the app and a scheduled `mpd download` (or two
 * overlapping scheduled runs) must never write the same folder at once — both would write the same
 * `.part` files and journal, and one could rename the other's half-written file. The lock is a file
 * created exclusively (O_EXCL) in the folder, naming its holder. A lock left by a crashed run on this
 * machine (its process is gone) is taken over; one from another machine (a shared folder) cannot be
 * checked, so the error says which machine and how to clear it by hand.
 */
export const LOCK_NAME = '.mpd-download.lock';

interface Holder {
  pid: number;
  host: string;
  startedAt: string;
  id: string;
}

/** An empty or unreadable lock younger than this may be one being written right now. */
const HALF_WRITTEN_GRACE_MS = 10_000;

export class FolderLock {
  private constructor(
    readonly path: string,
    private readonly id: string,
  ) {}

  /**
   * `other` lets another writer of a folder use the same rule (the bulk send's journal: its own lock name and
   * its own busy error); a download passes nothing.
   */
  static async acquire(
    target: string,
    now: () => Date = () => new Date(),
    other?: { name: string; busy: (who: string, path: string) => AppError },
  ): Promise<FolderLock> {
    const path = join(target, other?.name ?? LOCK_NAME);
    const me: Holder = { pid: process.pid, host: hostname(), startedAt: now().toISOString(), id: randomUUID() };
    for (let attempt = 0; ; attempt++) {
      try {
        const handle = await open(path, 'wx', 0o644);
        try {
          await handle.writeFile(`${JSON.stringify(me)}\n`);
        } finally {
          await handle.close();
        }
        return new FolderLock(path, me.id);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = await readHolder(path);
        if (attempt > 0 || !(await isStale(path, holder))) {
          throw other ? other.busy(holderText(holder), path) : busy(target, path, holder);
        }
        await rm(path, { force: true });
      }
    }
  }

  /** Remove the lock if it is still ours (a run that took over a stale lock must not lose it to us). */
  async release(): Promise<void> {
    const holder = await readHolder(this.path);
    if (holder?.id === this.id) await rm(this.path, { force: true });
  }
}

async function readHolder(path: string): Promise<Holder | undefined> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<Holder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.id === 'string') {
      return { pid: value.pid, host: value.host, id: value.id, startedAt: String(value.startedAt ?? '') };
    }
  } catch {
    // missing, empty or damaged: see isStale
  }
  return undefined;
}

async function isStale(path: string, holder: Holder | undefined): Promise<boolean> {
  if (!holder) {
    const age = await stat(path).then(
      (s) => Date.now() - s.mtimeMs,
      () => Number.POSITIVE_INFINITY,
    );
    return age > HALF_WRITTEN_GRACE_MS;
  }
  if (holder.host !== hostname()) return false;
  // Our own process counts as alive: another job here holds it (or will release it when it ends).
  return holder.pid !== process.pid && !processAlive(holder.pid);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderText(holder: Holder | undefined): string {
  return holder
    ? `process ${holder.pid} on ${holder.host}${holder.startedAt ? `, started ${holder.startedAt}` : ''}`
    : 'another process';
}

function busy(target: string, path: string, holder: Holder | undefined): AppError {
  const who = holderText(holder);
  return new AppError(
    DownloadErrors.TARGET_BUSY,
    `Another download (${who}) is writing to ${target}. If none is running, delete ${path}.`,
    { details: { lock: path, ...(holder ? { pid: holder.pid, host: holder.host, startedAt: holder.startedAt } : {}) } },
  );
}
