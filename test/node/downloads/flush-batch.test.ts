import { fstatSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FlushBatch, MAX_UNFLUSHED } from '../../../src/node/downloads/flush-batch';

/** The disk's flushes, recorded; `gate` holds them until released. */
function disk() {
  const log: string[] = [];
  let open: () => void = () => {};
  let gate: Promise<void> | undefined;
  return {
    log,
    hold() {
      gate = new Promise((r) => {
        open = r;
      });
    },
    release: () => open(),
    options: {
      syncFd: async (fd: number) => {
        log.push(`fd:${fd}`);
        await gate;
      },
      syncHandle: async () => {
        log.push('handle');
        await gate;
      },
      syncFolder: async (dir: string) => {
        log.push(`dir:${dir}`);
      },
    },
  };
}

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function files(n: number) {
  dir = await mkdtemp(join(tmpdir(), 'mpd-flush-'));
  const paths: string[] = [];
  for (let i = 0; i < n; i++) {
    const path = join(dir, `f${i}`);
    await writeFile(path, `file ${i}`);
    paths.push(path);
  }
  return paths;
}

describe('flushing in batches (flush-batch.ts)', () => {
  it('flushes a full batch at once: every file, then each folder once, then says so', async () => {
    const d = disk();
    const batch = new FlushBatch({ ...d.options, maxFiles: 3, maxDelayMs: 60_000 });
    const paths = await files(3);
    const fds = paths.map((p) => openSync(p, 'r+'));
    const done: number[] = [];
    const all = fds.map((fd, i) =>
      batch.add({ file: fd, dirs: [dir as string, `${dir}/..`] }).then(() => done.push(i)),
    );
    await Promise.all(all);
    expect(d.log.slice(0, 3).sort()).toEqual(fds.map((fd) => `fd:${fd}`).sort());
    expect(d.log.slice(3)).toEqual([`dir:${dir}`, `dir:${dir}/..`]);
    expect(done.sort()).toEqual([0, 1, 2]);
    // The descriptors were closed after their flush.
    for (const fd of fds) expect(() => fstatSync(fd)).toThrow();
  });

  it('flushes what waits after the delay, and at once when asked', async () => {
    const d = disk();
    const batch = new FlushBatch({ ...d.options, maxFiles: 100, maxDelayMs: 30 });
    const [a, b] = await files(2);
    let flushed = false;
    const first = batch.add({ file: a as string, dirs: [] }).then(() => {
      flushed = true;
    });
    expect(batch.waiting).toBe(1);
    await new Promise((r) => setTimeout(r, 5));
    expect(flushed).toBe(false);
    await first;
    expect(d.log).toEqual([expect.stringMatching(/^fd:/)]);
    const second = batch.add({ file: b as string, dirs: [] });
    await batch.flush();
    await second;
    expect(d.log).toHaveLength(2);
  });

  it('runs one flush at a time; what arrives meanwhile goes in the next one (group commit)', async () => {
    const d = disk();
    const batch = new FlushBatch({ ...d.options, maxFiles: 100, maxDelayMs: 60_000, lanes: 1 });
    const paths = await files(4);
    d.hold();
    const first = batch.add({ file: paths[0] as string, dirs: ['A'] });
    const running = batch.flush();
    await new Promise((r) => setTimeout(r, 10));
    // The first flush waits on the disk; three more files arrive and ask for a flush each.
    const rest = paths.slice(1).map((p) => batch.add({ file: p, dirs: ['A'] }));
    const asked = [batch.flush(), batch.flush(), batch.flush()];
    expect(d.log).toHaveLength(1);
    d.release();
    await Promise.all([first, running, ...rest, ...asked]);
    // Two flushes: the first file alone, then the three together, each with folder A once.
    expect(d.log.map((l) => l.replace(/^fd:\d+$/, 'file'))).toEqual(['file', 'dir:A', 'file', 'file', 'file', 'dir:A']);
  });

  it('a file the disk refuses fails alone; a folder it refuses fails the files in it', async () => {
    const paths = await files(3);
    const batch = new FlushBatch({
      maxFiles: 3,
      maxDelayMs: 60_000,
      syncFd: async (fd) => {
        if (readFileSync(fd, 'utf8') === 'file 0') throw new Error('EIO');
      },
      syncFolder: async (d) => {
        if (d === 'bad') throw new Error('EIO on the folder');
      },
    });
    const results = await Promise.allSettled([
      batch.add({ file: paths[0] as string, dirs: ['good'] }),
      batch.add({ file: paths[1] as string, dirs: ['good'] }),
      batch.add({ file: paths[2] as string, dirs: ['bad'] }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'rejected']);
  });

  it('holds the caller back while too many files wait for a slow disk', async () => {
    const d = disk();
    const batch = new FlushBatch({ ...d.options, maxFiles: 64, maxDelayMs: 60_000 });
    const [path] = await files(1);
    d.hold();
    const all: Promise<void>[] = [];
    for (let i = 0; i < MAX_UNFLUSHED; i++) all.push(batch.add({ file: path as string, dirs: [] }));
    let ready = false;
    const waiting = batch.ready().then(() => {
      ready = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(ready).toBe(false);
    d.release();
    await waiting;
    await Promise.all(all);
    expect(ready).toBe(true);
    await expect(batch.ready()).resolves.toBeUndefined();
  });
});
