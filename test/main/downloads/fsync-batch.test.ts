import { closeSync, openSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsyncBatcher } from '../../../main/downloads/fsync-batch';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpd-small-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('fsync batches', () => {
  const batchers: FsyncBatcher[] = [];
  afterEach(async () => Promise.all(batchers.splice(0).map((b) => b.close())));

  it('syncs every file it is given, in fewer round trips than files when they arrive together', async () => {
    const batcher = new FsyncBatcher();
    batchers.push(batcher);
    const fds = await Promise.all(
      Array.from({ length: 24 }, async (_, i) => {
        await writeFile(join(dir, `f${i}`), `file ${i}`);
        return openSync(join(dir, `f${i}`), 'r+');
      }),
    );
    await Promise.all(fds.map((fd) => batcher.fsync(fd)));
    for (const fd of fds) closeSync(fd);
    expect(batcher.batches).toBeGreaterThanOrEqual(2);
    expect(batcher.batches).toBeLessThan(fds.length);
  });

  it.each([
    ['the worker', true],
    ['the libuv pool (no worker threads)', false],
  ])('reports a failed fsync with its errno code through %s', async (_, threads) => {
    const batcher = new FsyncBatcher(threads);
    batchers.push(batcher);
    // A descriptor number no process can have open (a closed one could be reused by another thread).
    await expect(batcher.fsync(999_999)).rejects.toMatchObject({ code: 'EBADF' });
  });
});
