import type { FakeInstanceSpec } from '../test/fakes/altinn-storage';

/**
 * The benchmark's data: N instances × 3 elements with mixed sizes from 10 KB to 20 MB, about 1 GiB at
 * N = 2,000 (an XML form of 10–50 KB, an attachment of 50–300 KB, and a third element that is 10–20 MB
 * for 1.5 % of instances and 20–200 KB otherwise). Deterministic from the seed.
 */
export const DOWNLOAD_APP = 'ttd/bench-download';
export const LIST_APP = 'ttd/bench-list';
/** The latency regime's download (run.ts --latency-ms): the same mix, fewer files (400 at full scale). */
export const LATENCY_APP = 'ttd/bench-latency';
/**
 * The memory row (issue 21): `mpd download` of many one-file instances (20,000 at full scale), where what
 * the process keeps per instance — listing pages, the queue, the manifest, the job's maps — shows in its
 * peak RSS more than bytes in flight do.
 */
export const MANY_APP = 'ttd/bench-many';
/** The service owner the benchmark's client acts for (org number → org code on the fake exchange). */
export const BENCH_ORG = 'ttd';
export const BENCH_ORGNO = '991825827';
export const BENCH_SCOPES = ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write'];

export function downloadScenario(instances: number, seed = 42, appId = DOWNLOAD_APP): FakeInstanceSpec[] {
  const random = mulberry32(seed);
  const between = (lo: number, hi: number) => Math.floor(lo + random() * (hi - lo));
  return Array.from({ length: instances }, (_, i) => ({
    appId,
    isComplete: true,
    owner: { organisationNumber: '310000001' },
    elements: [
      { size: between(10_000, 50_000), filename: `skjema-${i}.xml`, contentType: 'application/xml', dataType: 'model' },
      { size: between(50_000, 300_000), filename: `vedlegg-${i}.pdf`, contentType: 'application/pdf' },
      random() < 0.015
        ? { size: between(10_000_000, 20_000_000), filename: `stor-${i}.zip`, contentType: 'application/zip' }
        : { size: between(20_000, 200_000), filename: `bilde-${i}.png`, contentType: 'image/png' },
    ],
  }));
}

/** Many instances of one small form each (2–8 KB), for the memory row. */
export function manyScenario(instances: number, seed = 11): FakeInstanceSpec[] {
  const random = mulberry32(seed);
  return Array.from({ length: instances }, (_, i) => ({
    appId: MANY_APP,
    isComplete: true,
    owner: { organisationNumber: '310000001' },
    elements: [
      {
        size: 2_000 + Math.floor(random() * 6_000),
        filename: `skjema-${i}.xml`,
        contentType: 'application/xml',
        dataType: 'model',
      },
    ],
  }));
}

/** Instances to page through: metadata matters, bytes do not, so the elements are small. */
export function listScenario(instances: number): FakeInstanceSpec[] {
  return Array.from({ length: instances }, (_, i) => ({
    appId: LIST_APP,
    isComplete: i % 3 !== 0,
    elements: [{ size: 1_000 }, { size: 2_000 }, { size: 500 }],
  }));
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
