import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTransferThreads } from '../../src/node/downloads/transfer-threads';
import type { FakeAltinnStorage } from '../fakes/altinn-storage';
import { type CliStorageWorld, startCliStorageWorld } from '../helpers/cli-storage-world';
import type { Mpd } from '../helpers/local-world';

const ORGNO = '991825827';
const SCOPES = ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write'];

/**
 * `mpd instances`, `mpd download --confirm` and `mpd confirm` end to end, with the REAL token service:
 * a key in the key store, a Maskinporten grant to the auth fake, the Altinn token exchange, and a
 * Storage fake that accepts only Altinn tokens the exchange signed (`altinnTokenCheck`).
 */
describe('mpd download against the fakes, with the real token service', () => {
  let world: CliStorageWorld;
  let storage: FakeAltinnStorage;
  let home: string;
  const mpd: Mpd = (...args) => world.mpd(...args);

  beforeAll(async () => {
    world = await startCliStorageWorld({ orgNo: ORGNO, scopes: SCOPES });
    ({ storage, home } = world);
  });

  afterAll(async () => {
    await world?.close();
  });

  it('lists, downloads byte for byte, confirms, and the confirmed leave the "not confirmed" list', async () => {
    const instances = storage.add([
      {
        appId: 'ttd/mottak',
        isComplete: true,
        elements: [
          { size: 20_000, filename: 'skjema.xml' },
          { size: 700_000, filename: 'vedlegg.pdf' },
        ],
      },
      { appId: 'ttd/mottak', isComplete: true, elements: [{ size: 1, filename: 'a.txt' }] },
      { appId: 'ttd/mottak', isComplete: true, elements: [{ size: 2_500_000 }] },
    ]);
    const listed = await mpd('instances', '--profile', 'P', '--app', 'ttd/mottak', '--not-confirmed', '--json');
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.out) as { id: string }[]).map((i) => i.id).sort()).toEqual(
      instances.map((i) => i.id).sort(),
    );

    const out = join(home, 'downloads');
    const run = await mpd('download', '--profile', 'P', '--app', 'ttd/mottak', '--out', out, '--confirm');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^Done: 3 of 3 instances verified/m);

    const manifest = JSON.parse(await readFile(join(out, '.mpd-manifest.json'), 'utf8')) as {
      elements: Record<string, { path: string }>;
    };
    for (const instance of instances) {
      for (const element of instance.elements) {
        const bytes = await readFile(join(out, manifest.elements[element.id]?.path as string));
        expect(createHash('md5').update(bytes).digest('base64')).toBe(storage.md5(element.id));
        expect(bytes.equals(storage.content(element.id))).toBe(true);
      }
      expect(storage.confirmations(instance.id).map((c) => c.stakeholderId)).toEqual(['ttd']);
    }
    // Every request to Storage carried an Altinn token the exchange signed (no 401 was needed).
    expect(storage.requests.every((r) => r.status !== 401)).toBe(true);

    const after = await mpd('instances', '--profile', 'P', '--app', 'ttd/mottak', '--not-confirmed', '--json');
    expect(after.code).toBe(0);
    expect(JSON.parse(after.out)).toEqual([]);
  });

  it('exits 1 with a summary naming the failed element when one element keeps failing, and confirms nothing incomplete', async () => {
    const [good, bad] = storage.add([
      { appId: 'ttd/feil', isComplete: true, elements: [{ size: 5_000, filename: 'ok.xml' }] },
      {
        appId: 'ttd/feil',
        isComplete: true,
        elements: [
          { size: 5_000, filename: 'ok-too.xml' },
          { size: 9_000, filename: 'broken.pdf' },
        ],
      },
    ]);
    const broken = bad?.elements[1]?.id as string;
    storage.addFault({ kind: 'data', elementId: broken, type: 'status', status: 500, times: 1_000 });
    try {
      const out = join(home, 'faulty');
      const run = await mpd('download', '--profile', 'P', '--app', 'ttd/feil', '--out', out, '--confirm');
      expect(run.code).toBe(1);
      // What needs a person goes to stderr, so a scheduled run's error log has it.
      const report = run.err;
      expect(run.out).not.toMatch(/failed:/);
      expect(report).toMatch(/Finished with problems: 1 of 2 instances verified/);
      expect(report).toMatch(/^Hint \[STORAGE_UNAVAILABLE\]: /m);
      expect(report).toContain(`failed: ${bad?.id} ${broken} [STORAGE_UNAVAILABLE]`);
      expect(report).toMatch(/Altinn answered 500/);
      // The complete instance was confirmed; the one with the failing element was not.
      expect(storage.confirmations(good?.id as string).map((c) => c.stakeholderId)).toEqual(['ttd']);
      expect(storage.confirmations(bad?.id as string)).toEqual([]);

      // `mpd confirm` refuses an instance that is not fully verified in the folder.
      const refused = await mpd('confirm', '--profile', 'P', '--out', out, bad?.id as string);
      expect(refused.code).toBe(1);
      expect(refused.out).toContain(`${bad?.id}  NOT confirmed [DOWNLOAD_NOT_VERIFIED]`);
      expect(storage.confirmations(bad?.id as string)).toEqual([]);
      expect(storage.count('complete', (r) => r.instanceId === bad?.id)).toBe(0);
    } finally {
      storage.clearFaults();
    }
  });

  it('--json prints the finished job for a monitoring script, and no progress line', async () => {
    const [one] = storage.add([
      { appId: 'ttd/json', isComplete: true, elements: [{ size: 2_000, filename: 'x.xml' }] },
    ]);
    const out = join(home, 'json-run');
    const run = await mpd('download', '--profile', 'P', '--app', 'ttd/json', '--out', out, '--json');
    expect(run.code).toBe(0);
    const job = JSON.parse(run.out);
    expect(job).toMatchObject({
      state: 'completed',
      target: out,
      appId: 'ttd/json',
      instances: { done: 1, failed: 0, total: 1 },
      elements: { done: 1, failed: 0, infected: 0 },
      bytes: { done: 2_000, total: 2_000 },
      failures: [],
      infected: [],
    });
    // The transfers' worker threads, chosen from the machine's cores (transfer-threads.ts).
    expect(job.transferThreads).toBe(defaultTransferThreads());
    expect(run.err).toBe('');
    const instanceId = String(one?.id);
    const instanceFolder = join(out, 'ttd_json', instanceId.replace('/', '_'));
    expect((await readFile(join(instanceFolder, 'x.xml'))).length).toBe(2_000);
  });

  it('downloads an element whose bytes were replaced after Storage hashed them, and says which check each file had (issue 18)', async () => {
    // An instance from 2022, when Storage still hashed; one element replaced in 2025 keeps its old hash.
    const [old, recent] = storage.add([
      {
        appId: 'ttd/byttet',
        isComplete: true,
        created: '2022-03-01T10:00:00Z',
        elements: [
          { size: 4_000, filename: 'skjema.xml' },
          { size: 6_000, filename: 'vedlegg.pdf' },
        ],
      },
      { appId: 'ttd/byttet', isComplete: true, elements: [{ size: 3_000, filename: 'ny.pdf' }] },
    ]);
    const replaced = old?.elements[1]?.id as string;
    storage.replaceElement(replaced, { size: 6_500, at: '2025-02-03T04:05:06Z' });
    const out = join(home, 'replaced');

    const run = await mpd('download', '--profile', 'P', '--app', 'ttd/byttet', '--out', out, '--confirm', '--json');

    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const job = JSON.parse(run.out) as {
      state: string;
      elements: { md5Checked: number; sizeChecked: number };
      files: { elementId: string; instanceId: string; path: string; size: number; check: string }[];
    };
    expect(job.state).toBe('completed');
    expect(job.elements).toMatchObject({ md5Checked: 1, sizeChecked: 2 });
    const checks = Object.fromEntries(job.files.map((f) => [f.elementId, f.check]));
    expect(checks).toEqual({
      [old?.elements[0]?.id as string]: 'md5',
      [replaced]: 'size',
      [recent?.elements[0]?.id as string]: 'size',
    });
    for (const f of job.files)
      expect((await readFile(join(out, f.path))).equals(storage.content(f.elementId))).toBe(true);
    expect(storage.confirmations(old?.id as string).map((c) => c.stakeholderId)).toEqual(['ttd']);

    // The report for a person says it too.
    const again = await mpd('download', '--profile', 'P', '--app', 'ttd/byttet', '--out', out);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/checked: 1 by MD5, 2 by size only/);
  });

  it('a scheduled run into a folder another machine is writing exits 1 naming it, and touches nothing', async () => {
    storage.add([{ appId: 'ttd/delt', isComplete: true, elements: [{ size: 1_000, filename: 'a.xml' }] }]);
    const out = join(home, 'shared-folder');
    await mkdir(out);
    const lock = JSON.stringify({ pid: 4242, host: 'kontor-pc-7', startedAt: '2026-11-26T06:00:00Z', id: 'x' });
    await writeFile(join(out, '.mpd-download.lock'), lock);
    const requestsBefore = storage.requests.length;
    const run = await mpd('download', '--profile', 'P', '--app', 'ttd/delt', '--out', out);
    expect(run.code).toBe(1);
    expect(run.err).toContain('process 4242 on kontor-pc-7');
    expect(run.err).toMatch(/^Error \[DOWNLOAD_TARGET_BUSY\]: /);
    expect(run.err).toMatch(/^Hint: .*\.mpd-download\.lock/m);
    expect(storage.requests.length).toBe(requestsBefore);
    expect(await readdir(out)).toEqual(['.mpd-download.lock']);
    expect(await readFile(join(out, '.mpd-download.lock'), 'utf8')).toBe(lock);

    // --skip-if-busy: an overlapping scheduled run says so and exits 0, still touching nothing.
    const skipped = await mpd('download', '--profile', 'P', '--app', 'ttd/delt', '--out', out, '--skip-if-busy');
    expect(skipped.code).toBe(0);
    expect(skipped.out).toMatch(/^Skipped: Another download \(process 4242 on kontor-pc-7/);
    expect(storage.requests.length).toBe(requestsBefore);
    expect(await readdir(out)).toEqual(['.mpd-download.lock']);
  });
});
