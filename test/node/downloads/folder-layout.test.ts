import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Instance } from '../../../src/common/schemas/instance-types';
import { assignFilenames } from '../../../src/node/downloads/folder-layout';
import { harness } from './harness';

const instance = (names: (string | null)[]): Instance =>
  ({
    id: '512345/4b9c8f1e-9f0b-4c2e-8d8a-0f5f1f3c2a11',
    appId: 'ttd/app',
    data: names.map((filename, i) => ({
      id: `00000000-0000-4000-a000-00000000000${i}`,
      dataType: 'vedlegg',
      filename,
      contentType: 'application/pdf',
      created: `2025-01-01T00:00:0${i}Z`,
    })),
  }) as Instance;

describe('names read back from the manifest (issue 17, finding 12)', () => {
  it('keeps a recorded name that is what the sanitiser would give', () => {
    const i = instance(['brev.pdf', 'brev.pdf']);
    const recorded = new Map([['00000000-0000-4000-a000-000000000001', 'brev (2).pdf']]);
    expect([...assignFilenames(i, recorded).values()]).toEqual(['brev.pdf', 'brev (2).pdf']);
  });

  it.each([
    ['our own instance.json', 'instance.json'],
    ['our manifest', '.mpd-manifest.json'],
    ['a Windows path that climbs', '..\\..\\..\\Startup\\x.exe'],
    ['a right-to-left override', 'x\u202Efdp.exe'],
    ['a device name', 'CON'],
    ['a control character', 'a\u0007.pdf'],
  ])('does not take %s from the manifest as a name', (_what, forged) => {
    const i = instance(['søknad.pdf']);
    const names = assignFilenames(i, new Map([['00000000-0000-4000-a000-000000000000', forged]]));
    expect(names.get('00000000-0000-4000-a000-000000000000')).toBe('søknad.pdf');
  });

  it('does not let two elements share one recorded name', () => {
    const i = instance(['a.pdf', 'b.pdf']);
    const recorded = new Map([
      ['00000000-0000-4000-a000-000000000000', 'same.pdf'],
      ['00000000-0000-4000-a000-000000000001', 'SAME.pdf'],
    ]);
    const names = [...assignFilenames(i, recorded).values()];
    expect(names[0]).toBe('same.pdf');
    expect(names[1]).toBe('b.pdf');
  });
});

describe('a forged manifest in the download folder', () => {
  let h: Awaited<ReturnType<typeof harness>>;
  afterEach(async () => h?.cleanup());

  it('cannot make an element overwrite instance.json', async () => {
    h = await harness();
    const [i] = h.fake.add([{ appId: 'ttd/app', elements: [{ size: 1_000, filename: 'vedlegg.pdf' }] }]);
    const element = i!.elements[0]!;
    const folder = `ttd_app/${i!.id.replace('/', '_')}`;
    const forged = {
      version: 2,
      kind: 'mpd-download-manifest',
      elements: {
        [element.id]: {
          instanceId: i!.id,
          path: `${folder}/instance.json`,
          size: 1,
          md5: 'x',
          check: 'size',
          verifiedAt: '2025-01-01T00:00:00Z',
        },
      },
      infected: {},
      confirmed: {},
    };
    await writeFile(join(h.target, '.mpd-manifest.json'), JSON.stringify(forged));
    const job = await h.manager.start({
      profileId: 'p1',
      source: { kind: 'query', filters: { appId: 'ttd/app' } },
      target: h.target,
    });
    expect((await h.manager.wait(job.jobId)).state).toBe('completed');
    expect(JSON.parse(await readFile(join(h.target, folder, 'instance.json'), 'utf8')).id).toBe(i!.id);
    expect((await readFile(join(h.target, folder, 'vedlegg.pdf'))).equals(h.fake.content(element.id))).toBe(true);
  });
});
