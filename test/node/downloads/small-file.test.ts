import { lstat, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FileOpener, SmallFileWriter } from '../../../src/node/downloads/small-file';
import { fullDiskForParts } from '../../helpers/full-disk';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpd-small-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

/** A writer on a fast disk keeps blocking calls; one whose limit every call exceeds leaves them at once. */
const writers = [
  { kind: 'blocking calls', make: (disk?: FileOpener) => new SmallFileWriter(undefined, disk) },
  { kind: 'the thread pool (slow disk)', make: (disk?: FileOpener) => new SmallFileWriter(-1, disk) },
];

describe.each(writers)('small whole files through $kind', ({ make }) => {
  it('writes, syncs and renames: only the final name is left', async () => {
    const files = make();
    for (const name of ['a', 'b']) {
      await files.write({
        path: join(dir, `.${name}.part`),
        data: Buffer.from(`hello ${name}`),
        sync: true,
        renameTo: join(dir, `${name}.txt`),
      });
    }
    expect((await readdir(dir)).sort()).toEqual(['a.txt', 'b.txt']);
    expect(await readFile(join(dir, 'b.txt'), 'utf8')).toBe('hello b');
  });

  it('writes a body as the chunks it arrived in, in order, empty ones included', async () => {
    const files = make();
    const chunks = [Buffer.from('ab'), Buffer.alloc(0), Buffer.alloc(70_000, 7), Buffer.from('z')];
    await files.write({ path: join(dir, '.c.part'), data: chunks, renameTo: join(dir, 'c.bin') });
    expect((await readFile(join(dir, 'c.bin'))).equals(Buffer.concat(chunks))).toBe(true);
  });

  it('on ENOSPC removes the temp file, leaves nothing under the final name and throws the errno error', async () => {
    const files = make(fullDiskForParts);
    await files.mkdir(dir, join(dir, 'x')); // a slow writer has switched to the pool after this
    await expect(
      files.write({
        path: join(dir, 'x', '.b.part'),
        data: Buffer.alloc(10_000, 1),
        sync: true,
        renameTo: join(dir, 'x', 'b'),
      }),
    ).rejects.toMatchObject({ code: 'ENOSPC' });
    await expect(lstat(join(dir, 'x', '.b.part'))).rejects.toThrow();
    expect(await readdir(join(dir, 'x'))).toEqual([]);
  });

  it('makes folders like mkdir -p, telling whether it created one', async () => {
    const files = make();
    expect(await files.mkdir(dir, join(dir, 'p', 'q'))).toBe(join(dir, 'p'));
    expect(await files.mkdir(dir, join(dir, 'p', 'q'))).toBeUndefined();
  });
});

describe('the switch to the thread pool', () => {
  it('keeps blocking calls while they are quick, and leaves them for good after one slow call', async () => {
    expect(new SmallFileWriter().usesBlockingCalls).toBe(true);
    const fast = new SmallFileWriter(10_000);
    await fast.write({ path: join(dir, 'f'), data: Buffer.from('x') });
    expect(fast.usesBlockingCalls).toBe(true);
    const slow = new SmallFileWriter(-1);
    await slow.write({ path: join(dir, 's'), data: Buffer.from('x') });
    expect(slow.usesBlockingCalls).toBe(false);
    expect(await readFile(join(dir, 's'), 'utf8')).toBe('x');
  });
});
