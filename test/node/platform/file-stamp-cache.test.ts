import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../src/node/platform/atomic-write';
import { fileStampCache } from '../../../src/node/platform/file-stamp-cache';
import { tempHome } from '../../helpers/temp-home';

let home: string;
let cleanup: () => Promise<void>;
let file: string;
let loads: number;
beforeEach(async () => {
  ({ home, cleanup } = await tempHome());
  file = join(home, 'doc.json');
  loads = 0;
});
afterEach(() => cleanup());

function cache() {
  return fileStampCache(file, async () => {
    loads++;
    return JSON.parse(await readFile(file, 'utf8').catch(() => '{"missing":true}')) as Record<string, unknown>;
  });
}

describe('file stamp cache', () => {
  it('loads once while the file stays the same, and shares a frozen value', async () => {
    await writeFile(file, '{"n":1,"list":[{"a":1}]}');
    const c = cache();
    const first = await c.get();
    expect(await c.get()).toBe(first);
    expect(loads).toBe(1);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen((first.list as object[])[0])).toBe(true);
    expect(() => {
      (first as { n: number }).n = 2;
    }).toThrow(TypeError);
  });

  it('sees an atomic rewrite of the same length by another writer at once', async () => {
    await writeFileAtomic(file, '{"n":1}');
    const c = cache();
    expect(await c.get()).toEqual({ n: 1 });
    await writeFileAtomic(file, '{"n":2}');
    expect(await c.get()).toEqual({ n: 2 });
    expect(loads).toBe(2);
  });

  it('sees an in-place rewrite that changes the length', async () => {
    await writeFile(file, '{"n":1}');
    const c = cache();
    await c.get();
    await writeFile(file, '{"n":100}');
    expect(await c.get()).toEqual({ n: 100 });
  });

  it('remembers that there is no file until one appears, and sees it removed', async () => {
    const c = cache();
    expect(await c.get()).toEqual({ missing: true });
    expect(await c.get()).toEqual({ missing: true });
    expect(loads).toBe(1);
    await writeFileAtomic(file, '{"n":3}');
    expect(await c.get()).toEqual({ n: 3 });
    await rm(file);
    expect(await c.get()).toEqual({ missing: true });
    expect(loads).toBe(3);
  });

  it('loads again after clear(), and keeps nothing from a load that failed', async () => {
    await writeFile(file, '{"n":1}');
    const c = cache();
    await c.get();
    c.clear();
    await c.get();
    expect(loads).toBe(2);
    await writeFile(file, 'not json at all');
    await expect(c.get()).rejects.toThrow(SyntaxError);
    await expect(c.get()).rejects.toThrow(SyntaxError);
    expect(loads).toBe(4);
  });
});
