/**
 * `npm run bench` (first part) or `npx tsx bench/sync.ts [--instances N] [--new M] [--rounds R]`: what an
 * intake pass (src/node/intake/sync-pass.ts) costs on loopback — requests by kind and wall time:
 *
 *   1. the first pass over N complete instances (default 1,000; 2 small files each), confirm on;
 *   2. a pass with nothing new (the watch's mark: `lastChanged=gte:<mark>` + `excludeConfirmedBy`);
 *   3. a pass that finds M new ones (default 50) among the N;
 *   4. with confirm off (the N stay "not confirmed"): a pass with nothing new, and — for comparison — the
 *      same pass without a mark, which lists all N again and checks each against the manifest.
 *
 * The Storage fake runs in this process (test/fakes/altinn-storage.ts), with a token source that answers
 * from memory, so the figures are the pass's own work: listing, the manifest check, the download job and
 * the confirms. Each timed figure is the median of --rounds runs (default 5); the requests are those of one.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PassRecord, WatchSpec } from '../src/common/contract/intake';
import type { AltinnTokenSource } from '../src/node/auth/token-source';
import { DownloadManager } from '../src/node/downloads/download-manager';
import { runPass } from '../src/node/intake/sync-pass';
import { StorageClient } from '../src/node/storage/storage-client';
import { type FakeInstanceSpec, simpleTokenCheck, startFakeAltinnStorage } from '../test/fakes/altinn-storage';

const APP = 'ttd/bench-intake';

interface Figure {
  what: string;
  requests: Record<string, number>;
  ms: number;
  outcome: string;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function submission(i: number): FakeInstanceSpec {
  return {
    appId: APP,
    isComplete: true,
    owner: { organisationNumber: '310000001' },
    elements: [
      { size: 10_000 + (i % 7) * 1_000, filename: `skjema-${i}.xml`, contentType: 'application/xml' },
      { size: 40_000 + (i % 11) * 1_000, filename: `vedlegg-${i}.pdf`, contentType: 'application/pdf' },
    ],
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function main(): Promise<void> {
  const instances = arg('--instances', 1_000);
  const fresh = arg('--new', 50);
  const rounds = arg('--rounds', 5);
  const fake = await startFakeAltinnStorage({ validateToken: simpleTokenCheck });
  const work = await mkdtemp(join(tmpdir(), 'mpd-bench-sync-'));
  const tokens: AltinnTokenSource = { getAltinnToken: async () => 'tok-bench' };
  const environment = fake.environment();
  const client = new StorageClient({ fetch, tokens, profileId: 'bench', environment });
  const storageFor = async () => ({ client, environment });
  const downloads = new DownloadManager({ storageFor });
  const figures: Figure[] = [];

  const pass = async (
    spec: WatchSpec,
    home: string,
  ): Promise<{ record: PassRecord; ms: number; requests: Record<string, number> }> => {
    fake.requests.length = 0;
    const started = performance.now();
    const { record } = await runPass({ home, storageFor, downloads, now: () => new Date() }, { spec, by: 'cli' });
    const ms = performance.now() - started;
    const requests: Record<string, number> = {};
    for (const r of fake.requests) requests[r.kind] = (requests[r.kind] ?? 0) + 1;
    if (record.outcome !== 'completed' && record.outcome !== 'nothing-new') {
      throw new Error(
        `the pass ended ${record.outcome}: ${record.error?.message ?? JSON.stringify(record.problems[0])}`,
      );
    }
    return { record, ms, requests };
  };

  /** One figure: `rounds` passes after `prepare`, the median time and the requests of the last. */
  const measure = async (
    what: string,
    spec: WatchSpec,
    home: (round: number) => string,
    prepare: () => void = () => {},
  ) => {
    const times: number[] = [];
    let last: Awaited<ReturnType<typeof pass>> | undefined;
    for (let r = 0; r < rounds; r++) {
      prepare();
      last = await pass(spec, home(r));
      times.push(last.ms);
    }
    const done = last as NonNullable<typeof last>;
    figures.push({ what, requests: done.requests, ms: median(times), outcome: done.record.outcome });
  };

  try {
    // Confirm on: the usual intake.
    fake.add(Array.from({ length: instances }, (_, i) => submission(i)));
    const confirming: WatchSpec = {
      profileId: 'bench',
      appId: APP,
      target: join(work, 'confirming'),
      selection: { kind: 'complete' },
      confirm: true,
      intervalMinutes: 10,
      concurrency: 4,
    };
    const homeA = join(work, 'home-a');
    const first = await pass(confirming, homeA);
    figures.push({ what: `first pass: ${instances} new (confirm on)`, ...first, outcome: first.record.outcome });
    await measure(`nothing new among ${instances} (confirm on)`, confirming, () => homeA);
    let next = instances;
    await measure(
      `${fresh} new among ${instances} (confirm on)`,
      confirming,
      () => homeA,
      () => {
        fake.add(Array.from({ length: fresh }, () => submission(next++)));
      },
    );

    // Confirm off: the downloaded ones stay "not confirmed" in Storage.
    const app2 = `${APP}-keep`;
    fake.add(Array.from({ length: instances }, (_, i) => ({ ...submission(i), appId: app2 })));
    const keeping: WatchSpec = { ...confirming, appId: app2, target: join(work, 'keeping'), confirm: false };
    const homeB = join(work, 'home-b');
    await pass(keeping, homeB);
    await measure(`nothing new among ${instances} (confirm off)`, keeping, () => homeB);
    // The same folder, but no mark yet (a fresh home each time): every not-confirmed instance is listed
    // again and checked against the manifest.
    await measure(`the same without a mark (all ${instances} listed)`, keeping, (r) => join(work, `home-c-${r}`));
  } finally {
    await fake.close();
    await rm(work, { recursive: true, force: true });
  }

  const kinds = ['query', 'instance', 'data', 'complete'];
  console.log(
    `\nIntake pass (bench/sync.ts): ${instances} instances × 2 files, loopback, median of ${rounds} (first pass: 1 run)\n`,
  );
  console.log(`| pass | list | instance | data | confirm | wall time |`);
  console.log(`| --- | --- | --- | --- | --- | --- |`);
  for (const f of figures) {
    const cells = kinds.map((k) => String(f.requests[k] ?? 0));
    console.log(`| ${f.what} | ${cells.join(' | ')} | ${f.ms.toFixed(f.ms < 100 ? 1 : 0)} ms |`);
  }
  console.log('');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
