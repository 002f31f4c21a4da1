import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CsvSeparator } from '../../../src/common/schemas/csv-separator';
import { localTime } from '../../../src/node/export/instances-csv';
import { createInstancesExport } from '../../../src/node/export/instances-export';
import { scriptedDesktop } from '../../../src/node/platform/desktop';
import { createInstancesService } from '../../../src/node/storage/instances-service';
import { StorageClient } from '../../../src/node/storage/storage-client';
import { simpleTokenCheck, startFakeAltinnStorage } from '../../fakes/altinn-storage';
import { parseCsv } from '../../helpers/csv-reader';
import { tempHome } from '../../helpers/temp-home';
import { fastRetry, tokenStub } from '../downloads/harness';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup() {
  const fake = await startFakeAltinnStorage({ validateToken: simpleTokenCheck });
  const { home: dir, cleanup } = await tempHome('mpd-csv-');
  cleanups.push(() => fake.close(), cleanup);
  const environment = fake.environment();
  const client = new StorageClient({ fetch, tokens: tokenStub(), profileId: 'p1', environment, retry: fastRetry });
  const instances = createInstancesService(async () => ({ client, environment }));
  const answers: { saveFile: string | null } = { saveFile: join(dir, 'eksport.csv') };
  const desktop = scriptedDesktop(answers);
  let remembered: CsvSeparator | undefined;
  const exporter = createInstancesExport({
    instances,
    desktop,
    settings: {
      get: async () => ({ csvSeparator: remembered }),
      update: async (change) => {
        remembered = change.csvSeparator;
      },
    },
    now: () => new Date('2026-03-05T10:00:00Z'),
  });
  // Storage lists the last changed first, as the table and the export show them: each instance is given a
  // lastChanged a minute before the one above it, so the file's rows follow this list.
  const changedAt = (i: number) => new Date(Date.UTC(2026, 2, 1) - i * 60_000).toISOString();
  const specs = [
    {
      appId: 'ttd/mottak',
      isComplete: true,
      owner: { organisationNumber: '974760673' },
      confirmedBy: ['ttd'],
      elements: [{ size: 1_000 }, { size: 2_345 }],
    },
    { appId: 'ttd/mottak', currentTask: 'Task_2', owner: { personNumber: '01019012345' }, elements: [] },
    { appId: 'ttd/mottak', isComplete: true, isArchived: true, elements: [{ size: 7 }] },
    { appId: 'ttd/annen', isComplete: true, elements: [] },
    { appId: 'ttd/mottak', currentTask: '=cmd|calc', elements: [] },
  ];
  const made = fake.add(specs.map((spec, i) => ({ ...spec, lastChanged: changedAt(i) })));
  return { fake, exporter, answers, dir, made, remembered: () => remembered };
}

describe('CSV export of the instance list', () => {
  it('writes every page of the filtered list with the table columns in Norwegian, ; and a BOM', async () => {
    const { fake, exporter, dir, made, remembered } = await setup();
    const result = await exporter.saveCsv({
      profileId: 'p1',
      filters: { appId: 'ttd/mottak', size: 2 },
      language: 'nb',
    });
    expect(result).toEqual({ path: join(dir, 'eksport.csv'), rows: 4 });
    // Pages of two, each from the page before's `next`; Storage gives a full last page a `next` too, so a
    // third, empty page ends the list.
    expect(fake.count('query')).toBe(3);
    const bytes = await readFile(join(dir, 'eksport.csv'));
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(bytes.toString('utf8'), ';');
    expect(rows[0]).toEqual([
      'Eier',
      'Opprettet',
      'Sist endret',
      'Steg',
      'Avsluttet',
      'Bekreftet av',
      'Filer',
      'Størrelse (byte)',
      'Status',
      'Instans-ID',
      'Part-ID',
      'App',
      'Bekreftet mottatt (tidspunkt)',
    ]);
    expect(rows).toHaveLength(5);
    const [first, second, third, fourth] = rows.slice(1) as string[][];
    const one = made[0] as (typeof made)[number];
    expect(first).toEqual([
      'Org.nr. 974 760 673',
      localTime(one.created),
      localTime(one.lastChanged),
      '',
      'Ja',
      'ttd',
      '2',
      '3345',
      'Aktiv',
      one.id,
      one.partyId,
      'ttd/mottak',
      expect.stringMatching(/^ttd \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
    ]);
    expect(second?.slice(0, 9)).toEqual([
      'Fødselsnr. 010190 12345',
      expect.any(String),
      expect.any(String),
      'Task_2',
      'Nei',
      '',
      '0',
      '0',
      'Aktiv',
    ]);
    expect(third?.[8]).toBe('Arkivert');
    // A task id from Altinn that Excel would run as a formula is defused.
    expect(fourth?.[3]).toBe("'=cmd|calc");
    expect(remembered()).toBe(';');
  });

  it('uses the separator asked for, English headers on request, and remembers the separator', async () => {
    const { exporter, dir, remembered } = await setup();
    await exporter.saveCsv({ profileId: 'p1', filters: { appId: 'ttd/mottak' }, separator: ',', language: 'en' });
    const rows = parseCsv(await readFile(join(dir, 'eksport.csv'), 'utf8'), ',');
    expect(rows[0]?.slice(0, 3)).toEqual(['Owner', 'Created', 'Last changed']);
    expect(rows[1]?.[0]).toBe('Org. no. 974 760 673');
    expect(remembered()).toBe(',');
    // The next export without a choice uses the remembered one.
    const again = await exporter.csv({ profileId: 'p1', filters: { appId: 'ttd/mottak' }, language: 'nb' });
    expect(again.separator).toBe(',');
    expect(again.text.split('\r\n')[0]).toBe(
      '\uFEFFEier,Opprettet,Sist endret,Steg,Avsluttet,Bekreftet av,Filer,Størrelse (byte),Status,Instans-ID,Part-ID,App,Bekreftet mottatt (tidspunkt)',
    );
  });

  it('writes nothing when the save dialog is closed', async () => {
    const { fake, exporter, answers } = await setup();
    answers.saveFile = null;
    const result = await exporter.saveCsv({ profileId: 'p1', filters: { appId: 'ttd/mottak' }, language: 'nb' });
    expect(result).toEqual({ path: null, rows: 0 });
    expect(fake.count('query')).toBe(0);
  });

  it('reports a file it cannot write as EXPORT_WRITE_FAILED and leaves no partial file', async () => {
    const { exporter, answers, dir } = await setup();
    await writeFile(join(dir, 'en-fil'), 'x');
    answers.saveFile = join(dir, 'en-fil', 'eksport.csv');
    await expect(
      exporter.saveCsv({ profileId: 'p1', filters: { appId: 'ttd/mottak' }, language: 'nb' }),
    ).rejects.toMatchObject({ code: 'EXPORT_WRITE_FAILED' });
    await mkdir(join(dir, 'ny'));
    answers.saveFile = join(dir, 'ny', 'eksport.csv');
    await exporter.saveCsv({ profileId: 'p1', filters: { appId: 'ttd/mottak' }, language: 'nb' });
    expect((await readFile(join(dir, 'ny', 'eksport.csv'), 'utf8')).startsWith('\uFEFFEier;')).toBe(true);
  });
});
