import type { InstanceFilters } from '../../common/schemas/instance-query';
import type { Instance } from '../../common/schemas/instance-types';
import { type ListingRange, rangeCanHoldAny, rangeFilters, timeOf } from './listing-ranges';
import type { InstancePage, StorageClient } from './storage-client';

/**
 * Every instance of a query, in fewer round trips than following `next` from one page to the next: the
 * listing that downloads (job-runner.ts) and `mpd instances` use. Storage answers one page per request
 * and each page names the next (shared/reference/maskinporten-altinn.md §3.2), so a serial listing of
 * 10,000 instances at Storage's default of 100 is 100 round trips in a row. Here:
 *
 * 1. The first page is small (FIRST_PAGE_SIZE), so it arrives quickly and downloads start from it. Beside
 *    it goes one tiny request for the instance changed longest ago (`order=asc:lastChanged&size=1`), an
 *    estimate of where the set begins in time.
 * 2. If the first page has a `next`, the rest of the query is what follows that page in Storage's order —
 *    lastChanged descending, so everything with `lastChanged ≤` the page's last instance's. That rest is
 *    cut into PARALLEL disjoint `created` ranges (listing-ranges.ts: `created` never changes, so the
 *    ranges stay disjoint while instances change), each listed on its own by following its `next` links,
 *    in pages of RANGE_PAGE_SIZE, all at once, and merged as their pages arrive.
 * 3. When one range is done while another still has pages, the other is cut in two at the middle of what
 *    it has left, and both halves go on from where it was (`lastChanged ≤` its last instance's): no range
 *    holds everything for long when the instances are not spread evenly in time.
 *
 * Nothing is skipped: the ranges cover every instant (open at both ends), and each piece asks for
 * everything at or below the point it continues from. What is asked twice — the instances at exactly
 * that point — is dropped here: every instance is yielded once (by id). Confirming instances while this
 * runs (a download job confirms as it goes) changes their lastChanged to now, which moves them above
 * every point the listing continues from, so they are neither listed again nor do they shift anything
 * (Storage pages by key, not by offset: readinstancefromquery.sql L74-76). An instance that someone else
 * changes while this runs may be missed, as with Storage's own paging; the next pass finds it.
 *
 * Pages come in no particular order across ranges. Memory stays bounded: each range holds one page at a
 * time — fetched, or waiting to be taken — and asks for its next one when that is taken.
 */

/** The first page: Storage's default size, the quickest to arrive. */
export const FIRST_PAGE_SIZE = 100;
/**
 * The pages of the ranges. Storage enforces no maximum: `size` is a plain `int?` (InstanceQueryParameters.cs
 * L164-168 at altinn-storage d9364e4), defaulted to 100 and nothing else (InstancesController.cs L1294), and
 * the SQL takes `FETCH FIRST _size ROWS` (readinstancefromquery.sql L45, L128); the largest Storage itself
 * asks for is 5000 (MessageboxInstancesController.cs L112). Measured (bench/, 10,000 instances, 40 ms a
 * request, 4 ranges): a serial page of 100 arrives in 55–90 ms, of 1000 in ~180 ms, of 5000 in 1.3–1.8 s;
 * with 4 ranges, pages of 250 to 2000 take about the same time (0.6–1.2 s, the parsing is the work), while
 * the listing's peak RSS jumped from ~155 MiB at 400 to 220–260 MiB at 500 and more. So 400: four times
 * fewer round trips than Storage's default, the same time as larger pages, in memory that stays small.
 */
export const RANGE_PAGE_SIZE = 400;
/** Ranges listed at once. */
export const LISTING_PARALLEL = 4;
/** Splits after the first cut, at most (each costs one abandoned request). */
const MAX_SPLITS = 16;

export interface ParallelListingOptions {
  signal?: AbortSignal;
  /** Ranges at once; 1 follows `next` from the first page, as `StorageClient.pages` does. */
  parallel?: number;
  /** Page size of the ranges (the user's `size`, when given, is used for every page). */
  rangePageSize?: number;
  /**
   * Ask for the rest (the ranges) only once this resolves — or once the first page is taken, whichever is
   * first. A download job passes its first finished element: the ranges' queries then do not reach Storage
   * together with the first data requests (bench/: the fakes answered those ~90 ms later behind four range
   * pages), and the first page holds the job's work until then.
   */
  restAfter?: Promise<unknown>;
}

type Lister = Pick<StorageClient, 'pages' | 'page' | 'firstPageUrl'>;

interface Chain {
  range: ListingRange;
  controller: AbortController;
  pages: AsyncGenerator<InstancePage>;
  pending: Promise<Step>;
  /** The last instance of the last page taken from this range: where it continues from. */
  last?: Instance;
  /** The earliest `created` seen in it (where an open-ended range's rest begins, at the latest). */
  earliest?: number;
  /** Its last page had a `next`. */
  more: boolean;
}

type Step = { chain: Chain; result?: IteratorResult<InstancePage>; error?: unknown };

export async function* listInstances(
  client: Lister,
  filters: InstanceFilters,
  options: ParallelListingOptions = {},
): AsyncGenerator<InstancePage> {
  const parallel = options.parallel ?? LISTING_PARALLEL;
  const seen = new Set<string>();
  const fresh = (instances: Instance[]) =>
    instances.filter((i) => {
      if (seen.has(i.id)) return false;
      seen.add(i.id);
      return true;
    });
  const signal = options.signal;
  if (parallel <= 1) {
    for await (const page of client.pages(filters, { signal })) {
      const instances = fresh(page.instances);
      if (instances.length) yield { instances };
    }
    return;
  }

  // Storage sorts ascending unless `order` starts with "desc:" (InstanceQueryParameters.cs SortBy).
  const oldestUrl = `${client.firstPageUrl({ ...filters, size: 1 })}&order=${encodeURIComponent('asc:lastChanged')}`;
  const oldest = client.page(oldestUrl, filters, signal).then(
    (p) => p.instances[0],
    () => undefined,
  );
  const first = await client.page(
    client.firstPageUrl({ ...filters, size: filters.size ?? FIRST_PAGE_SIZE }),
    filters,
    signal,
  );
  const firstInstances = fresh(first.instances);
  const cursor = first.instances.at(-1);
  const ceiling = cursor?.lastChanged ?? undefined;
  const top = timeOf(ceiling);
  if (!first.next || !cursor || top === undefined) {
    // One page, or no point to continue from by date: the rest (if any) by following `next`.
    if (firstInstances.length) yield { instances: firstInstances };
    if (first.next) {
      for await (const page of client.pages(filters, { signal, start: first.next })) {
        const instances = fresh(page.instances);
        if (instances.length) yield { instances };
      }
    }
    return;
  }

  const size = filters.size ?? options.rangePageSize ?? RANGE_PAGE_SIZE;
  const active = new Set<Chain>();
  let stopped = false;
  const start = (range: ListingRange) => {
    const narrowed = { ...rangeFilters(filters, range), size };
    if (!rangeCanHoldAny(narrowed)) return;
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    const pages = client.pages(narrowed, { signal: controller.signal, ahead: false });
    const chain: Chain = { range, controller, pages, pending: Promise.resolve({} as Step), more: true };
    controller.signal.addEventListener('abort', () => signal?.removeEventListener('abort', onAbort), { once: true });
    pull(chain);
    active.add(chain);
  };
  const pull = (chain: Chain) => {
    chain.pending = chain.pages.next().then(
      (result) => ({ chain, result }),
      (error: unknown) => ({ chain, error }),
    );
  };
  const stop = (chain: Chain) => {
    active.delete(chain);
    chain.controller.abort();
    chain.pages.return(undefined).catch(() => {});
  };

  // The first cut: PARALLEL ranges of equal length in time between the earliest instant known and the
  // continuation point (no instance left has `created` after its lastChanged ceiling). Made as soon as the
  // probe answers, while the caller is still at work on the first page.
  let low = top;
  let taken = () => {};
  const firstTaken = new Promise<void>((resolve) => {
    taken = resolve;
  });
  const restAllowed = options.restAfter ? Promise.race([options.restAfter.catch(() => {}), firstTaken]) : undefined;
  const firstCut = Promise.all([oldest, restAllowed]).then(([probe]) => {
    const known = [probe?.created, probe?.lastChanged, ...first.instances.map((i) => i.created)]
      .map((v) => timeOf(v ?? undefined))
      .filter((v): v is number => v !== undefined);
    low = Math.min(top, ...known);
    if (stopped) return;
    const cuts: string[] = [];
    for (let i = 1; i < parallel && top - low >= parallel; i++) {
      cuts.push(new Date(low + Math.floor(((top - low) * i) / parallel)).toISOString());
    }
    for (let i = 0; i <= cuts.length; i++) start({ lower: cuts[i - 1], upper: cuts[i], ceiling });
  });

  let splits = 0;
  /** Cut the range with the most time left in two, while fewer than `parallel` ranges run. */
  const rebalance = () => {
    while (active.size < parallel && splits < MAX_SPLITS) {
      let best: { chain: Chain; from: number; to: number } | undefined;
      for (const chain of active) {
        const lastChanged = timeOf(chain.last?.lastChanged);
        if (!chain.more || lastChanged === undefined) continue;
        const to = Math.min(timeOf(chain.range.upper) ?? Infinity, lastChanged);
        const from = timeOf(chain.range.lower) ?? Math.min(low, chain.earliest ?? low);
        if (to - from >= 2 && (!best || to - from > best.to - best.from)) best = { chain, from, to };
      }
      if (!best) return;
      const { chain, from, to } = best;
      const middle = new Date(from + Math.floor((to - from) / 2)).toISOString();
      const continueFrom = chain.last?.lastChanged ?? undefined;
      stop(chain);
      start({ lower: chain.range.lower, upper: middle, ceiling: continueFrom });
      start({ lower: middle, upper: chain.range.upper, ceiling: continueFrom });
      splits++;
    }
  };

  try {
    if (firstInstances.length) yield { instances: firstInstances };
    taken();
    await firstCut;
    while (active.size) {
      const step = await Promise.race([...active].map((c) => c.pending));
      const { chain } = step;
      if (!active.has(chain)) continue;
      if (step.error !== undefined) throw step.error;
      if (!step.result || step.result.done) {
        active.delete(chain);
        rebalance();
        continue;
      }
      const page = step.result.value;
      chain.last = page.instances.at(-1) ?? chain.last;
      chain.more = Boolean(page.next);
      for (const i of page.instances) {
        const t = timeOf(i.created);
        if (t !== undefined && (chain.earliest === undefined || t < chain.earliest)) chain.earliest = t;
      }
      // Ranges that ended before this one had a page to go by: cut it now.
      if (active.size < parallel) rebalance();
      const instances = fresh(page.instances);
      if (instances.length) yield { instances };
      // Its next page once this one is taken: each range holds one page at most, while the others go on.
      if (active.has(chain)) pull(chain);
    }
  } finally {
    stopped = true;
    for (const chain of [...active]) stop(chain);
  }
}
