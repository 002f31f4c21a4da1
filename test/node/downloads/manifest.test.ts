import { createHash, randomBytes } from 'node:crypto';
import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JOURNAL_NAME, Manifest } from '../../../src/node/downloads/manifest';
import { INLINE_BYTES, Md5Pool } from '../../../src/node/downloads/md5-pool';

let dir = '';
afterEach(async () => rm(dir, { recursive: true, force: true }));

const entry = (i: number) => ({
  instanceId: `1/${i}`,
  path: `a/${i}.bin`,
  size: i,
  md5: `m${i}`,
  check: 'size' as const,
});

describe('manifest journal', () => {
  it('survives a crash: records flushed to the journal are replayed, a torn last line is ignored', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mpd-manifest-'));
    const m = await Manifest.open(dir);
    for (let i = 0; i < 5; i++) m.recordVerified(`e${i}`, entry(i));
    m.recordInfected('bad', '1/9', 'virus.exe');
    m.recordConfirmed('1/0');
    m.forget('e4');
    await m.flush();
    // A crash in the middle of the next append:
    await appendFile(join(dir, JOURNAL_NAME), '{"t":"verified","id":"e7","entr');
    const again = await Manifest.open(dir);
    expect([0, 1, 2, 3].map((i) => again.verified(`e${i}`)?.md5)).toEqual(['m0', 'm1', 'm2', 'm3']);
    expect(again.verified('e4')).toBeUndefined();
    expect(again.verified('e7')).toBeUndefined();
    expect(again.isConfirmed('1/0')).toBe(true);
    expect(again.infected()).toMatchObject([{ elementId: 'bad', instanceId: '1/9', filename: 'virus.exe' }]);
    expect(again.recordedNames('1/2')).toEqual(new Map([['e2', '2.bin']]));
  });

  it('compacts into one snapshot and removes the journal, keeping what another writer appended', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mpd-manifest-'));
    const a = await Manifest.open(dir);
    const b = await Manifest.open(dir);
    a.recordVerified('ea', entry(1));
    b.recordConfirmed('1/77');
    await b.flush();
    await a.compact();
    await expect(stat(join(dir, JOURNAL_NAME))).rejects.toMatchObject({ code: 'ENOENT' });
    const snapshot = JSON.parse(await readFile(join(dir, '.mpd-manifest.json'), 'utf8'));
    expect(Object.keys(snapshot.elements)).toEqual(['ea']);
    expect(Object.keys(snapshot.confirmed)).toEqual(['1/77']);
  });
});

describe('manifest compaction of a large job (issue 21)', () => {
  it('writes the snapshot JSON.stringify would, from memory, without reading its own journal back', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mpd-manifest-'));
    const first = await Manifest.open(dir);
    for (let i = 0; i < 3_000; i++) first.recordVerified(`e${i}`, { ...entry(i), elementChanged: undefined });
    first.recordInfected('bad', '1/9', null);
    first.recordConfirmed('1/1');
    await first.compact();
    // A second run over that snapshot: more records, then compaction again.
    const m = await Manifest.open(dir);
    for (let i = 3_000; i < 5_000; i++) m.recordVerified(`e${i}`, entry(i));
    m.forget('e7');
    m.recordConfirmed('1/2');
    const journal = join(dir, JOURNAL_NAME);
    await m.flush();
    // Its journal, emptied: were it read back, these records would be lost.
    await writeFile(journal, '');
    const size = (await stat(journal)).size;
    expect(size).toBe(0);
    // …but the sizes differ from what the manifest wrote, so it folds what is on disk: nothing of run two.
    await m.compact();
    const folded = JSON.parse(await readFile(join(dir, '.mpd-manifest.json'), 'utf8'));
    expect(Object.keys(folded.elements)).toHaveLength(3_000);

    const n = await Manifest.open(dir);
    for (let i = 3_000; i < 5_000; i++) n.recordVerified(`e${i}`, entry(i));
    n.forget('e7');
    n.recordConfirmed('1/2');
    await n.compact();
    const text = await readFile(join(dir, '.mpd-manifest.json'), 'utf8');
    const doc = JSON.parse(text);
    expect(Object.keys(doc.elements)).toHaveLength(4_999);
    expect(doc.elements.e7).toBeUndefined();
    expect(doc.confirmed).toEqual({ '1/1': expect.any(String), '1/2': expect.any(String) });
    // Byte for byte what one JSON.stringify of the document writes (the format is unchanged).
    expect(text).toBe(`${JSON.stringify(doc)}\n`);
    await expect(stat(journal)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('manifest format (issue 18, point 4)', () => {
  it('records which check each file had, and writes format 2', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mpd-manifest-'));
    const m = await Manifest.open(dir);
    m.recordVerified('e1', { ...entry(1), check: 'md5', elementChanged: '2022-05-01T10:00:00Z' });
    m.recordVerified('e2', entry(2));
    await m.compact();
    const snapshot = JSON.parse(await readFile(join(dir, '.mpd-manifest.json'), 'utf8'));
    expect(snapshot.version).toBe(2);
    expect(snapshot.elements.e1).toMatchObject({ check: 'md5', elementChanged: '2022-05-01T10:00:00Z' });
    expect(snapshot.elements.e2).toMatchObject({ check: 'size' });
  });

  it('reads a format 1 manifest and journal as files whose size was checked', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mpd-manifest-'));
    const v1 = {
      version: 1,
      kind: 'mpd-download-manifest',
      elements: {
        old: { instanceId: '1/1', path: 'a/old.pdf', size: 5, md5: 'x', verifiedAt: '2025-01-01T00:00:00Z' },
      },
      infected: {},
      confirmed: { '1/1': '2025-01-01T00:00:01Z' },
    };
    await writeFile(join(dir, '.mpd-manifest.json'), JSON.stringify(v1));
    const line = {
      t: 'verified',
      id: 'j',
      entry: { instanceId: '1/2', path: 'a/j.xml', size: 2, md5: 'y', verifiedAt: 'z' },
    };
    await writeFile(join(dir, JOURNAL_NAME), `${JSON.stringify(line)}\n`);
    const m = await Manifest.open(dir);
    expect(m.verified('old')).toMatchObject({ path: 'a/old.pdf', check: 'size' });
    expect(m.verified('j')).toMatchObject({ path: 'a/j.xml', check: 'size' });
    expect(m.isConfirmed('1/1')).toBe(true);
    await m.compact();
    const snapshot = JSON.parse(await readFile(join(dir, '.mpd-manifest.json'), 'utf8'));
    expect(snapshot.version).toBe(2);
    expect(Object.keys(snapshot.elements).sort()).toEqual(['j', 'old']);
  });
});

describe('MD5 pool', () => {
  it('gives the same digest as hashing in place, from workers and from the fallback', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    const want = createHash('md5').update(data).digest('base64');
    for (const size of [1, 0]) {
      const pool = new Md5Pool(size);
      const streams = [pool.open(), pool.open()];
      for (const s of streams) {
        for (let off = 0; off < data.length; off += 512 * 1024) {
          const len = Math.min(512 * 1024, data.length - off);
          const slab = new SharedArrayBuffer(len);
          Buffer.from(slab).set(data.subarray(off, off + len));
          await s.update(slab, 0, len);
        }
      }
      expect(await Promise.all(streams.map((s) => s.digest()))).toEqual([want, want]);
      await pool.close();
    }
  });

  it('hashes a body of known small size in place, with the same digest', async () => {
    const pool = new Md5Pool(1);
    for (const size of [0, 1, 100_000, INLINE_BYTES, INLINE_BYTES + 1]) {
      const data = randomBytes(size);
      const slab = new SharedArrayBuffer(Math.max(1, size));
      Buffer.from(slab).set(data);
      const stream = pool.open(size);
      await stream.update(slab, 0, size);
      expect(await stream.digest()).toBe(createHash('md5').update(data).digest('base64'));
    }
    await pool.close();
  });
});
