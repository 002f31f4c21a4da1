import type { DateRange, InstanceFilters } from '../../common/schemas/instance-query';

/**
 * The pieces a large listing is cut into (parallel-listing.ts): the user's filters narrowed to a
 * `created` range [lower, upper) and to `lastChanged ≤ ceiling`.
 *
 * Why `created`: it never changes, so ranges that are disjoint when the listing starts stay disjoint while
 * it runs, whatever happens to the instances meanwhile (confirming one changes its lastChanged, §3.4).
 * Lower bounds use `gte` and upper bounds `lt`, so for any instant exactly one of two neighbouring ranges
 * holds it, however Storage rounds it. Storage takes each operator of a field once (a second `created=lt:`
 * is a 400: InstanceQueryParameters.cs AddDateParamIfNotNull adds each to one dictionary), so a bound the
 * user set with the same operator is merged: the tighter one is sent. Different operators are all sent
 * and Storage ANDs them (readinstancefromquery.sql L79-83, L93-97).
 */
export interface ListingRange {
  /** Inclusive lower bound on `created` (ISO 8601); none = open. */
  lower?: string;
  /** Exclusive upper bound on `created`; none = open. */
  upper?: string;
  /** Inclusive upper bound on `lastChanged`: what is left of a listing ordered by lastChanged desc. */
  ceiling?: string;
}

export function rangeFilters(filters: InstanceFilters, range: ListingRange): InstanceFilters {
  const created = { ...filters.created };
  if (range.lower) created.gte = tighter(created.gte, range.lower, 'max');
  if (range.upper) created.lt = tighter(created.lt, range.upper, 'min');
  const lastChanged = { ...filters.lastChanged };
  if (range.ceiling) lastChanged.lte = tighter(lastChanged.lte, range.ceiling, 'min');
  return {
    ...filters,
    ...(isEmpty(created) ? {} : { created }),
    ...(isEmpty(lastChanged) ? {} : { lastChanged }),
  };
}

/**
 * False only when the `created` bounds surely leave no instant, so the range need not be asked for. Times
 * are compared in whole milliseconds (Storage's have 100 ns ticks), so a bound pair in the same
 * millisecond counts as possibly holding something: a wasted request at worst, never a skipped range.
 */
export function rangeCanHoldAny(filters: InstanceFilters): boolean {
  const c = filters.created ?? {};
  const low = Math.max(timeOf(c.gt) ?? -Infinity, timeOf(c.gte) ?? -Infinity);
  const high = Math.min(timeOf(c.lt) ?? Infinity, timeOf(c.lte) ?? Infinity);
  return low <= high;
}

/**
 * A date as Storage reads it: `DateTime.Parse` with AssumeUniversal (Helpers/DateTimeHelper.cs
 * ParseAndConvertToUniversalTime), so a value without a zone is UTC — also where JavaScript would read
 * a date-time without a zone as local time. Milliseconds; undefined when it does not parse.
 */
export function timeOf(value: string | undefined | null): number | undefined {
  if (!value) return undefined;
  const zoned = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)
    ? `${value.replace(' ', 'T')}Z`
    : value;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? undefined : ms;
}

function tighter(current: string | undefined, ours: string, keep: 'min' | 'max'): string {
  const a = timeOf(current);
  const b = timeOf(ours);
  if (current === undefined || a === undefined || b === undefined) return current ?? ours;
  if (a === b) return current;
  return (keep === 'min' ? b < a : b > a) ? ours : current;
}

function isEmpty(range: DateRange): boolean {
  return Object.values(range).every((v) => v === undefined);
}
