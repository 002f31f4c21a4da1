import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MarkedFile, OriginMark } from '../../../src/node/platform/origin-mark';
import { harness } from './harness';

let h: Awaited<ReturnType<typeof harness>>;
afterEach(async () => h?.cleanup());

/** An OriginMark that records what it was asked to mark (the real ones: test/node/platform/origin-mark.test.ts). */
function recordingMark(fail = false) {
  const marked: MarkedFile[] = [];
  const mark: OriginMark = {
    writes: true,
    async mark(files) {
      marked.push(...files);
      if (fail) throw Object.assign(new Error('no streams on this volume'), { code: 'EINVAL' });
    },
  };
  return { mark, marked };
}

async function run() {
  const job = await h.manager.start({
    profileId: 'p1',
    source: { kind: 'query', filters: { appId: 'ttd/app' } },
    target: h.target,
  });
  return h.manager.wait(job.jobId);
}

describe('every downloaded file carries the mark that it came from the internet (issue 17, finding 5)', () => {
  it('marks each final file, small or streamed, with the URL its bytes came from — and nothing else', async () => {
    const { mark, marked } = recordingMark();
    h = await harness({}, { manager: { originMark: mark } });
    const [i] = h.fake.add([
      {
        appId: 'ttd/app',
        elements: [
          { size: 2_000, filename: 'skjema.xml' },
          { size: 900_000, filename: 'vedlegg.docx' },
        ],
      },
    ]);
    expect((await run()).state).toBe('completed');
    const folder = join(h.target, 'ttd_app', i!.id.replace('/', '_'));
    const appUrl = (id: string) => `${h.fake.url}/ttd/app/instances/${i!.id}/data/${id}`;
    expect(marked.sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: join(folder, 'skjema.xml'), url: appUrl(i!.elements[0]!.id) },
      { path: join(folder, 'vedlegg.docx'), url: appUrl(i!.elements[1]!.id) },
    ]);
  });

  it('names Storage as the source when the app does not serve the data', async () => {
    const { mark, marked } = recordingMark();
    h = await harness({ appApi: false }, { manager: { originMark: mark } });
    const [i] = h.fake.add([{ appId: 'ttd/app', elements: [{ size: 100, filename: 'a.pdf' }] }]);
    expect((await run()).state).toBe('completed');
    expect(marked.map((m) => m.url)).toEqual([`${h.fake.storageBase}/instances/${i!.id}/data/${i!.elements[0]!.id}`]);
  });

  it('keeps a file whose volume cannot hold the mark', async () => {
    const { mark, marked } = recordingMark(true);
    h = await harness({}, { manager: { originMark: mark } });
    const [i] = h.fake.add([{ appId: 'ttd/app', elements: [{ size: 100, filename: 'a.pdf' }] }]);
    expect((await run()).state).toBe('completed');
    expect(marked).toHaveLength(1);
    const file = join(h.target, 'ttd_app', i!.id.replace('/', '_'), 'a.pdf');
    expect((await readFile(file)).equals(h.fake.content(i!.elements[0]!.id))).toBe(true);
  });
});
