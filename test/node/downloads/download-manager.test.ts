import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { harness, listFiles } from './harness';

let h: Awaited<ReturnType<typeof harness>>;
afterEach(async () => h?.cleanup());

describe('download manager', () => {
  it('downloads a query job byte for byte into the documented layout', async () => {
    h = await harness();
    const [a, b] = h.fake.add([
      { appId: 'ttd/app-a', isComplete: true, elements: [{ size: 10_000, filename: 'skjema.xml' }, { size: 300_000 }] },
      { appId: 'ttd/app-a', isComplete: true, elements: [{ size: 5, filename: 'a.txt' }] },
    ]);
    h.fake.add([{ appId: 'ttd/other', elements: [{ size: 7 }] }]);
    const job = await h.manager.start({
      profileId: 'p1',
      source: { kind: 'query', filters: { appId: 'ttd/app-a' } },
      target: h.target,
    });
    const end = await h.manager.wait(job.jobId);
    expect(end.state).toBe('completed');
    expect(end.instances).toMatchObject({ done: 2, failed: 0, total: 2, totalKnown: true });
    expect(end.elements).toMatchObject({ done: 3, failed: 0, total: 3 });
    expect(end.bytes).toEqual({ done: 310_005, total: 310_005 });
    const folderA = join(h.target, 'ttd_app-a', a!.id.replace('/', '_'));
    expect((await readFile(join(folderA, 'skjema.xml'))).equals(h.fake.content(a!.elements[0]!.id))).toBe(true);
    const meta = JSON.parse(await readFile(join(folderA, 'instance.json'), 'utf8'));
    expect(meta.id).toBe(a!.id);
    const files = await listFiles(h.target);
    expect(files).toContain(`ttd_app-a/${b!.id.replace('/', '_')}/a.txt`);
    expect(files.some((f) => f.includes('other'))).toBe(false);
    expect(files.filter((f) => f.endsWith('.part'))).toEqual([]);
    const manifest = JSON.parse(await readFile(join(h.target, '.mpd-manifest.json'), 'utf8'));
    expect(Object.keys(manifest.elements)).toHaveLength(3);
  });
});
