import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliStorageWorld, startCliStorageWorld } from '../helpers/cli-storage-world';
import { parseCsv } from '../helpers/csv-reader';
import type { Mpd } from '../helpers/local-world';

const ORGNO = '991825827';
const SCOPES = ['altinn:serviceowner/instances.read'];

/** `mpd instances … --csv` with the real token service against the fakes: stdout, --out, separators, --limit. */
describe('mpd instances --csv', () => {
  let world: CliStorageWorld;
  let ids: string[] = [];
  const mpd: Mpd = (...args) => world.mpd(...args);

  beforeAll(async () => {
    world = await startCliStorageWorld({ orgNo: ORGNO, scopes: SCOPES });
    ids = world.storage
      .add(
        Array.from({ length: 5 }, (_, i) => ({
          appId: 'ttd/mottak',
          isComplete: i !== 4,
          owner: { organisationNumber: '974760673' },
          confirmedBy: i === 0 ? ['ttd'] : [],
          elements: [{ size: 100 * (i + 1), filename: `søknad-${i}.pdf` }],
          // Storage lists the last changed first: the first made is the last changed, so rows follow `ids`.
          lastChanged: new Date(Date.UTC(2026, 2, 1) - i * 60_000).toISOString(),
        })),
      )
      .map((i) => i.id);
  });

  afterAll(async () => {
    await world?.close();
  });

  it('prints every page as CSV with ; and a BOM, Norwegian headers by default', async () => {
    const run = await mpd('instances', '--profile', 'P', '--app', 'ttd/mottak', '--page-size', '2', '--csv');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(run.out, ';');
    expect(rows[0]?.[7]).toBe('Størrelse (byte)');
    expect(rows.slice(1).map((r) => r[9])).toEqual(ids);
    expect(rows[1]?.slice(0, 1).concat(rows[1]?.slice(4, 8) ?? [])).toEqual([
      'Org.nr. 974 760 673',
      'Ja',
      'ttd',
      '1',
      '100',
    ]);
    expect(rows[5]?.[4]).toBe('Nei');
  });

  it('writes --out atomically with the separator and language asked for, and honours filters and --limit', async () => {
    const out = join(world.home, 'liste.csv');
    const run = await mpd(
      'instances',
      '--profile',
      'P',
      '--app',
      'ttd/mottak',
      '--not-confirmed',
      '--complete',
      '--limit',
      '2',
      '--csv',
      '--separator',
      ',',
      '--language',
      'en',
      '--out',
      out,
    );
    expect(run.code).toBe(0);
    expect(run.out).toBe('');
    expect(run.err).toBe(`2 instance(s) written to ${out}\n`);
    const rows = parseCsv(await readFile(out, 'utf8'), ',');
    expect(rows[0]?.slice(0, 2)).toEqual(['Owner', 'Created']);
    expect(rows.slice(1).map((r) => r[9])).toEqual(ids.slice(1, 3));
  });

  it('refuses a bad separator or language, and --separator without --csv, as usage errors', async () => {
    const bad = await mpd('instances', '--profile', 'P', '--app', 'ttd/mottak', '--csv', '--separator', '|');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--separator must be ';' or ','");
    const lang = await mpd('instances', '--profile', 'P', '--app', 'ttd/mottak', '--csv', '--language', 'sv');
    expect(lang.code).toBe(2);
    const alone = await mpd('instances', '--profile', 'P', '--app', 'ttd/mottak', '--separator', ',');
    expect(alone.code).toBe(2);
    const both = await mpd('instances', '--profile', 'P', '--app', 'ttd/mottak', '--csv', '--json');
    expect(both.code).toBe(2);
  });
});
