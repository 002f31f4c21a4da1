import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DownloadManager } from '../../../src/node/downloads/download-manager';
import { FolderLock, LOCK_NAME } from '../../../src/node/downloads/folder-lock';
import { fastRetry, harness } from './harness';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpd-lock-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const lockPath = () => join(dir, LOCK_NAME);
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );
/** The pid of a process that has just exited (so no process has it now, barring instant reuse). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('the download folder lock', () => {
  it('is held by one at a time, names its holder, and is gone after release', async () => {
    const lock = await FolderLock.acquire(dir);
    const holder = JSON.parse(await readFile(lockPath(), 'utf8'));
    expect(holder).toMatchObject({ pid: process.pid, host: hostname() });
    await expect(FolderLock.acquire(dir)).rejects.toMatchObject({
      code: 'DOWNLOAD_TARGET_BUSY',
      message: expect.stringContaining(`process ${process.pid} on ${hostname()}`),
    });
    await lock.release();
    expect(await exists(lockPath())).toBe(false);
    await (await FolderLock.acquire(dir)).release();
  });

  it('takes over a lock left by a crashed run on this machine', async () => {
    const pid = deadPid();
    await writeFile(lockPath(), JSON.stringify({ pid, host: hostname(), startedAt: '2026-01-01T00:00:00Z', id: 'x' }));
    const lock = await FolderLock.acquire(dir);
    expect(JSON.parse(await readFile(lockPath(), 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('does not take over a lock from another machine, and says how to clear it', async () => {
    await writeFile(
      lockPath(),
      JSON.stringify({ pid: 1, host: 'another-pc', startedAt: '2026-11-26T08:00:00Z', id: 'x' }),
    );
    const error = await FolderLock.acquire(dir).catch((e) => e);
    expect(error).toMatchObject({ code: 'DOWNLOAD_TARGET_BUSY', details: { host: 'another-pc', lock: lockPath() } });
    expect(error.message).toContain('another-pc');
    expect(error.message).toContain(`delete ${lockPath()}`);
    expect(JSON.parse(await readFile(lockPath(), 'utf8')).host).toBe('another-pc');
  });

  it('treats an empty lock as being written unless it is old', async () => {
    await writeFile(lockPath(), '');
    await expect(FolderLock.acquire(dir)).rejects.toMatchObject({ code: 'DOWNLOAD_TARGET_BUSY' });
    const old = new Date(Date.now() - 60_000);
    await utimes(lockPath(), old, old);
    await (await FolderLock.acquire(dir)).release();
  });

  it('release leaves a lock that is no longer its own', async () => {
    const lock = await FolderLock.acquire(dir);
    await writeFile(lockPath(), JSON.stringify({ pid: 1, host: 'another-pc', startedAt: '', id: 'theirs' }));
    await lock.release();
    expect(await exists(lockPath())).toBe(true);
  });
});

describe('download jobs and the folder lock', () => {
  let h: Awaited<ReturnType<typeof harness>>;
  afterEach(async () => h?.cleanup());

  it('a second manager (another process) cannot write the folder while a job runs, and can afterwards', async () => {
    h = await harness();
    h.fake.add([{ appId: 'ttd/app', elements: [{ size: 200_000 }] }]);
    h.fake.addFault({ kind: 'data', type: 'slow', delayMs: 300 });
    const other = new DownloadManager({
      storageFor: async () => ({ client: h.client, environment: h.environment }),
      retry: fastRetry,
    });
    const spec = {
      profileId: 'p1',
      source: { kind: 'query' as const, filters: { appId: 'ttd/app' } },
      target: h.target,
    };
    const first = await h.manager.start(spec);
    await expect(other.start(spec)).rejects.toMatchObject({ code: 'DOWNLOAD_TARGET_BUSY' });
    await expect(other.confirmAfterwards({ profileId: 'p1', instanceIds: [], target: h.target })).rejects.toMatchObject(
      { code: 'DOWNLOAD_TARGET_BUSY' },
    );
    expect((await h.manager.wait(first.jobId)).state).toBe('completed');
    expect(await exists(join(h.target, LOCK_NAME))).toBe(false);
    const second = await other.start(spec);
    expect((await other.wait(second.jobId)).state).toBe('completed');
    expect(await exists(join(h.target, LOCK_NAME))).toBe(false);
  });
});
