import { afterEach, describe, expect, it } from 'vitest';
import type { InstanceFilters } from '../../../src/common/schemas/instance-query';
import type { Instance } from '../../../src/common/schemas/instance-types';
import { rangeCanHoldAny, rangeFilters, timeOf } from '../../../src/node/storage/listing-ranges';
import { FIRST_PAGE_SIZE, listInstances } from '../../../src/node/storage/parallel-listing';
import { StorageClient } from '../../../src/node/storage/storage-client';
import {
  type FakeAltinnStorage,
  type FakeInstanceSpec,
  simpleTokenCheck,
  startFakeAltinnStorage,
} from '../../fakes/altinn-storage';
import { fastRetry, tokenStub } from '../downloads/harness';

let fake: FakeAltinnStorage;
afterEach(async () => fake?.close());

async function setup(latencyMs = 0) {
  fake = await startFakeAltinnStorage({ validateToken: simpleTokenCheck, latencyMs });
  const client = new StorageClient({
    fetch,
    tokens: tokenStub(),
    profileId: 'p1',
    profileOrg: 'ttd',
    environment: fake.environment(),
    retry: fastRetry,
  });
  return client;
}

const minute = 60_000;
const at = (ms: number) => new Date(Date.UTC(2025, 0, 1) + ms).toISOString();

/** `n` instances of `appId`, created one `stepMs` apart from `fromMs` (lastChanged = created). */
function spread(n: number, appId = 'ttd/app', fromMs = 0, stepMs = minute): FakeInstanceSpec[] {
  return Array.from({ length: n }, (_, i) => ({
    appId,
    isComplete: true,
    created: at(fromMs + i * stepMs),
    elements: [{ size: 10 }],
  }));
}

async function listAll(client: StorageClient, filters: InstanceFilters, options = {}) {
  const ids: string[] = [];
  for await (const page of listInstances(client, filters, options)) for (const i of page.instances) ids.push(i.id);
  return ids;
}

const queries = () => fake.requests.filter((r) => r.kind === 'query');

describe('listing in parallel ranges (parallel-listing.ts)', () => {
  it('lists every instance once, in far fewer round trips than following `next` 100 at a time', async () => {
    const client = await setup();
    const all = fake.add(spread(3_000));
    fake.add(spread(50, 'ttd/other'));
    const ids = await listAll(client, { appId: 'ttd/app' });
    expect(ids).toHaveLength(3_000);
    expect(new Set(ids)).toEqual(new Set(all.map((i) => i.id)));
    // Serially: 31 pages of 100 (the 31st empty, as Storage answers a full last page). Here: the first
    // page, the probe, and ~3,000/400 range pages with their last (short or empty) pages.
    expect(queries().length).toBeLessThan(20);
    const ranges = queries().filter((r) => new URLSearchParams(r.query).getAll('created').length > 0);
    expect(ranges.length).toBeGreaterThanOrEqual(4);
    // No request carries an operator twice (Storage answers that with 500).
    for (const r of queries()) {
      const ops = new URLSearchParams(r.query).getAll('created').map((v) => v.split(':')[0]);
      expect(new Set(ops).size).toBe(ops.length);
    }
  });

  it('has the ranges in flight at once', async () => {
    const client = await setup(20);
    fake.add(spread(2_400));
    const ids = await listAll(client, { appId: 'ttd/app' });
    expect(new Set(ids).size).toBe(2_400);
    const ranged = queries().filter((r) => new URLSearchParams(r.query).getAll('created').length > 0);
    // The most range requests the fake was answering at the same moment.
    let most = 0;
    for (const r of ranged) {
      const overlapping = ranged.filter((o) => o.at <= r.at && (o.doneAt ?? Infinity) > r.at).length;
      most = Math.max(most, overlapping);
    }
    expect(most).toBeGreaterThanOrEqual(3);
  });

  it('starts with a small first page: downloads can begin before the rest is asked for', async () => {
    const client = await setup();
    fake.add(spread(1_000));
    const pages = listInstances(client, { appId: 'ttd/app' });
    const first = await pages.next();
    expect((first.value as { instances: Instance[] }).instances).toHaveLength(FIRST_PAGE_SIZE);
    await pages.return(undefined);
  });

  it("asks for the rest only when the caller says so (a job's first element is through), or once the first page is taken", async () => {
    const client = await setup();
    const all = fake.add(spread(1_000));
    let through = () => {};
    const restAfter = new Promise<void>((resolve) => {
      through = resolve;
    });
    const pages = listInstances(client, { appId: 'ttd/app' }, { restAfter });
    await pages.next();
    // The first page and the probe beside it, and nothing more while the caller works on the first page.
    await new Promise((r) => setTimeout(r, 100));
    expect(queries()).toHaveLength(2);
    through();
    await new Promise((r) => setTimeout(r, 100));
    expect(queries().length).toBeGreaterThan(2);
    const ids: string[] = [];
    for (let p = await pages.next(); !p.done; p = await pages.next()) for (const i of p.value.instances) ids.push(i.id);
    expect(ids).toHaveLength(all.length - FIRST_PAGE_SIZE);

    // Never resolved: taking the next page is the sign, and every instance is still listed once.
    fake.requests.length = 0;
    const again = await listAll(client, { appId: 'ttd/app' }, { restAfter: new Promise(() => {}) });
    expect(new Set(again).size).toBe(all.length);
    expect(again).toHaveLength(all.length);
  });

  it('skips none and repeats none while the instances it lists are confirmed (not confirmed by us)', async () => {
    const client = await setup(2);
    const all = fake.add(spread(1_500));
    const seen: string[] = [];
    const confirms: Promise<unknown>[] = [];
    for await (const page of listInstances(client, { appId: 'ttd/app', notConfirmedByUs: true })) {
      for (const i of page.instances) {
        seen.push(i.id);
        // A download job confirms each instance once its files are on the disk, while the listing goes on.
        confirms.push(client.complete(i));
      }
      await Promise.all(confirms);
    }
    expect(seen).toHaveLength(1_500);
    expect(new Set(seen)).toEqual(new Set(all.map((i) => i.id)));
    expect(all.every((i) => fake.confirmations(i.id).length === 1)).toBe(true);
    // Confirmed: each left the query's result, and each got a newer lastChanged meanwhile.
    expect(await listAll(client, { appId: 'ttd/app', notConfirmedByUs: true })).toEqual([]);
  });

  it('skips none and repeats none when confirming moves the listed instances in the order (no exclusion)', async () => {
    const client = await setup(2);
    const all = fake.add(spread(1_200));
    const seen: string[] = [];
    for await (const page of listInstances(client, { appId: 'ttd/app' })) {
      for (const i of page.instances) seen.push(i.id);
      await Promise.all(page.instances.map((i) => client.complete(i)));
    }
    expect(seen).toHaveLength(1_200);
    expect(new Set(seen)).toEqual(new Set(all.map((i) => i.id)));
  });

  it('cuts a range again when the instances are bunched in time, and still lists each once', async () => {
    const client = await setup(5);
    // A few spread over a year, then 2,000 within one hour: the first cut puts nearly all in one range.
    const old = fake.add(spread(20, 'ttd/app', 0, 15 * 24 * 60 * minute));
    const bunch = fake.add(spread(2_000, 'ttd/app', 400 * 24 * 60 * minute, 1_500));
    const ids = await listAll(client, { appId: 'ttd/app' });
    expect(ids).toHaveLength(2_020);
    expect(new Set(ids)).toEqual(new Set([...old, ...bunch].map((i) => i.id)));
    // More ranges than the first four: the full one was cut while the empty ones were done.
    const lowers = new Set(
      queries()
        .map((r) => new URLSearchParams(r.query).getAll('created').join('&'))
        .filter(Boolean),
    );
    expect(lowers.size).toBeGreaterThan(4);
  });

  it("keeps within the user's own created and lastChanged bounds", async () => {
    const client = await setup();
    const all = fake.add(spread(2_000));
    const from = at(300 * minute);
    const to = at(1_700 * minute);
    const filters: InstanceFilters = {
      appId: 'ttd/app',
      created: { gt: from, lt: to },
      lastChanged: { lte: at(1_500 * minute) },
    };
    const ids = await listAll(client, filters);
    const expected = all.filter((i) => i.created > from && i.created < to && i.created <= at(1_500 * minute));
    expect(ids).toHaveLength(expected.length);
    expect(new Set(ids)).toEqual(new Set(expected.map((i) => i.id)));
  });

  it('lists a set of one page with two requests, and in Storage order when asked to go one page at a time', async () => {
    const client = await setup();
    fake.add(spread(30));
    expect(await listAll(client, { appId: 'ttd/app' })).toHaveLength(30);
    expect(queries()).toHaveLength(2);
    const ordered = await listAll(client, { appId: 'ttd/app', size: 7 }, { parallel: 1 });
    expect(ordered).toHaveLength(30);
    // Storage's order: lastChanged, newest first.
    const changed = ordered.map((id) => fake.instances.get(id)?.lastChanged as string);
    expect([...changed].sort().reverse()).toEqual(changed);
  });

  it('stops its requests when the caller stops', async () => {
    const client = await setup(30);
    fake.add(spread(3_000));
    let pages = 0;
    for await (const _ of listInstances(client, { appId: 'ttd/app' })) {
      if (++pages === 2) break;
    }
    const before = queries().length;
    await new Promise((r) => setTimeout(r, 150));
    expect(queries().length).toBe(before);
  });
});

describe('the pieces of a listing (listing-ranges.ts)', () => {
  it('narrows the filters to [lower, upper) and lastChanged ≤ ceiling, keeping a tighter user bound', () => {
    const f = rangeFilters(
      { appId: 'ttd/app', created: { gt: '2025-01-01', lt: '2025-06-01' }, lastChanged: { lte: '2025-03-01' } },
      { lower: '2025-02-01T00:00:00.000Z', upper: '2025-07-01T00:00:00.000Z', ceiling: '2025-04-01T00:00:00Z' },
    );
    expect(f.created).toEqual({ gt: '2025-01-01', gte: '2025-02-01T00:00:00.000Z', lt: '2025-06-01' });
    expect(f.lastChanged).toEqual({ lte: '2025-03-01' });
    const open = rangeFilters({ appId: 'ttd/app' }, { upper: '2025-02-01T00:00:00.000Z' });
    expect(open.created).toEqual({ lt: '2025-02-01T00:00:00.000Z' });
    expect(open.lastChanged).toBeUndefined();
  });

  it('reads dates as Storage does: no zone means UTC', () => {
    expect(timeOf('2025-06-01T10:00')).toBe(Date.UTC(2025, 5, 1, 10));
    expect(timeOf('2025-06-01 10:00:30')).toBe(Date.UTC(2025, 5, 1, 10, 0, 30));
    expect(timeOf('2025-06-01T10:00:00+02:00')).toBe(Date.UTC(2025, 5, 1, 8));
    expect(timeOf('2019-03-06T13:46:48.6882148Z')).toBe(Date.UTC(2019, 2, 6, 13, 46, 48, 688));
    expect(timeOf('2025-06')).toBe(Date.UTC(2025, 5, 1));
    expect(timeOf('not a date')).toBeUndefined();
  });

  it('drops a range only when its bounds surely leave nothing', () => {
    const base = { appId: 'ttd/app' };
    expect(rangeCanHoldAny({ ...base, created: { gte: '2025-02-01', lt: '2025-01-01' } })).toBe(false);
    expect(rangeCanHoldAny({ ...base, created: { gte: '2025-01-01', lt: '2025-02-01' } })).toBe(true);
    // Within one millisecond Storage's 100 ns ticks may still hold something: asked, not dropped.
    expect(
      rangeCanHoldAny({ ...base, created: { gte: '2025-01-01T00:00:00.0001Z', lt: '2025-01-01T00:00:00.0009Z' } }),
    ).toBe(true);
  });
});
