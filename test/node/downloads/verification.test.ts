import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { harness } from './harness';

/**
 * What Storage really has (issue 18, point 4): no contentHash on elements created since January 2023, and
 * a stale one on an element whose bytes were replaced after its hash was set. The download checks MD5 only
 * where the hash still describes the bytes, and says which check each file had.
 */
let h: Awaited<ReturnType<typeof harness>>;
afterEach(async () => h?.cleanup());

/** Before Storage stopped hashing (test/fakes/altinn-storage.ts STORAGE_STOPPED_HASHING). */
const HASHED_ERA = '2022-06-01T08:00:00Z';
const folderOf = (id: string) => join(h.target, 'ttd_app', id.replace('/', '_'));
const dataRequests = () => h.fake.requests.filter((r) => r.kind === 'data');

async function run(options: { confirm?: boolean } = {}) {
  const job = await h.manager.start({
    profileId: 'p1',
    source: { kind: 'query', filters: { appId: 'ttd/app' } },
    target: h.target,
    ...options,
  });
  return h.manager.wait(job.jobId);
}

async function manifest() {
  return JSON.parse(await readFile(join(h.target, '.mpd-manifest.json'), 'utf8')) as {
    version: number;
    elements: Record<string, { path: string; check: string; elementChanged?: string }>;
  };
}

describe('verification against what Storage has', () => {
  it('downloads an element replaced after its hash was set, checked by size — not failed forever', async () => {
    h = await harness();
    const [i] = h.fake.add([
      {
        appId: 'ttd/app',
        isComplete: true,
        created: HASHED_ERA,
        elements: [
          { size: 20_000, filename: 'skjema.xml' },
          { size: 30_000, filename: 'vedlegg.pdf' },
          { size: 700_000, filename: 'stort.pdf' },
        ],
      },
    ]);
    const [untouched, replaced, replacedLarge] = i!.elements;
    h.fake.replaceElement(replaced!.id, { size: 31_000, at: '2025-03-01T09:00:00Z' });
    h.fake.replaceElement(replacedLarge!.id, { at: '2025-03-01T09:00:01Z' });

    const end = await run({ confirm: true });

    expect(end.state).toBe('completed');
    expect(end.elements).toMatchObject({ done: 3, failed: 0, md5Checked: 1, sizeChecked: 2 });
    for (const [element, name] of [
      [untouched, 'skjema.xml'],
      [replaced, 'vedlegg.pdf'],
      [replacedLarge, 'stort.pdf'],
    ] as const) {
      expect((await readFile(join(folderOf(i!.id), name))).equals(h.fake.content(element!.id))).toBe(true);
    }
    const m = await manifest();
    expect(m.version).toBe(2);
    expect(m.elements[untouched!.id]).toMatchObject({ check: 'md5' });
    expect(m.elements[replaced!.id]).toMatchObject({ check: 'size', elementChanged: '2025-03-01T09:00:00Z' });
    expect(h.manager.files(end.jobId)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ elementId: untouched!.id, check: 'md5', path: m.elements[untouched!.id]!.path }),
        expect.objectContaining({ elementId: replaced!.id, check: 'size' }),
      ]),
    );
    // All three are verified as Storage lists them now: the instance is confirmed.
    expect(h.fake.confirmations(i!.id).map((c) => c.stakeholderId)).toEqual(['ttd']);
  });

  it('checks an element without a hash by size and Content-Length: a short body is continued, not kept', async () => {
    h = await harness();
    const [i] = h.fake.add([{ appId: 'ttd/app', elements: [{ size: 200_000, filename: 'a.pdf' }] }]);
    h.fake.addFault({ kind: 'data', type: 'truncate', afterBytes: 70_000 });
    const end = await run();
    expect(end.state).toBe('completed');
    expect(end.elements).toMatchObject({ md5Checked: 0, sizeChecked: 1 });
    expect(dataRequests().map((r) => r.range)).toEqual([undefined, 'bytes=70000-']);
    expect((await readFile(join(folderOf(i!.id), 'a.pdf'))).equals(h.fake.content(i!.elements[0]!.id))).toBe(true);
    expect((await manifest()).elements[i!.elements[0]!.id]).toMatchObject({ check: 'size' });
  });

  it('fetches again an element replaced after it was downloaded, even at the same size', async () => {
    h = await harness();
    const [i] = h.fake.add([{ appId: 'ttd/app', elements: [{ size: 5_000, filename: 'brev.txt' }] }]);
    const element = i!.elements[0]!;
    expect((await run()).state).toBe('completed');
    const first = await readFile(join(folderOf(i!.id), 'brev.txt'));

    h.fake.replaceElement(element.id, { at: '2026-01-02T03:04:05Z' });
    h.fake.requests.length = 0;
    const again = await run();

    expect(again.elements).toMatchObject({ done: 1, skipped: 0 });
    expect(dataRequests()).toHaveLength(1);
    const second = await readFile(join(folderOf(i!.id), 'brev.txt'));
    expect(second.equals(first)).toBe(false);
    expect(second.equals(h.fake.content(element.id))).toBe(true);

    // Unchanged since: skipped.
    h.fake.requests.length = 0;
    expect((await run()).elements).toMatchObject({ done: 0, skipped: 1, sizeChecked: 1 });
    expect(dataRequests()).toHaveLength(0);
  });

  it('does not continue a .part an earlier run left when no MD5 could catch a damaged prefix', async () => {
    h = await harness();
    const [i] = h.fake.add([{ appId: 'ttd/app', elements: [{ size: 3_000_000, filename: 'film.mp4' }] }]);
    h.fake.addFault({ kind: 'data', type: 'stall', afterBytes: 1_000_000 });
    const job = await h.manager.start({
      profileId: 'p1',
      source: { kind: 'query', filters: { appId: 'ttd/app' } },
      target: h.target,
    });
    const deadline = Date.now() + 5_000;
    while (h.manager.get(job.jobId).bytes.done < 1_000_000) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 10));
    }
    h.manager.cancel(job.jobId);
    expect((await h.manager.wait(job.jobId)).state).toBe('cancelled');

    const second = await run();

    expect(second.state).toBe('completed');
    expect(dataRequests().at(-1)!.range).toBeUndefined();
    expect((await readFile(join(folderOf(i!.id), 'film.mp4'))).equals(h.fake.content(i!.elements[0]!.id))).toBe(true);
  });

  it('records as MD5-checked, on the next run, a file a format 1 manifest listed whose hash Storage stands by', async () => {
    h = await harness();
    const [i] = h.fake.add([{ appId: 'ttd/app', created: HASHED_ERA, elements: [{ size: 900, filename: 'a.xml' }] }]);
    expect((await run()).state).toBe('completed');
    // As a format 1 writer left it: no check, no elementChanged.
    const m = await manifest();
    const { check: _check, elementChanged: _changed, ...old } = m.elements[i!.elements[0]!.id]!;
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      join(h.target, '.mpd-manifest.json'),
      JSON.stringify({ ...m, version: 1, elements: { [i!.elements[0]!.id]: old } }),
    );

    h.fake.requests.length = 0;
    const again = await run();

    expect(again.elements).toMatchObject({ skipped: 1, md5Checked: 1 });
    expect(dataRequests()).toHaveLength(0);
    expect((await manifest()).elements[i!.elements[0]!.id]).toMatchObject({ check: 'md5' });
  });
});
