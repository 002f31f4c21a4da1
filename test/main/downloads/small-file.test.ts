import { lstat, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeWholeFile } from '../../../main/downloads/small-file';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpd-small-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('small whole files', () => {
  it('writes, syncs and renames: only the final name is left', async () => {
    await writeWholeFile({
      path: join(dir, '.a.part'),
      data: Buffer.from('hello'),
      sync: true,
      renameTo: join(dir, 'a.txt'),
    });
    expect(await readdir(dir)).toEqual(['a.txt']);
    expect(await readFile(join(dir, 'a.txt'), 'utf8')).toBe('hello');
  });

  it('on ENOSPC removes the temp file, leaves nothing under the final name and throws the errno error', async () => {
    // /dev/full answers every write with ENOSPC.
    await symlink('/dev/full', join(dir, '.b.part'));
    await expect(
      writeWholeFile({
        path: join(dir, '.b.part'),
        data: Buffer.alloc(10_000, 1),
        sync: true,
        renameTo: join(dir, 'b'),
      }),
    ).rejects.toMatchObject({ code: 'ENOSPC' });
    await expect(lstat(join(dir, '.b.part'))).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });
});
