/**
 * Storage's timestamps at full precision. Storage writes `lastChanged` with up to seven decimals
 * ("2025-03-01T10:00:00.1234567Z", .NET ticks); `Date.parse` keeps milliseconds only, so two instances
 * changed within the same millisecond would compare equal, and a mark rounded down would list again what
 * was seen. Here a timestamp is compared as (whole seconds, fraction padded to nine digits).
 */
const STAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/i;

interface Stamp {
  seconds: number;
  fraction: string;
}

export function parseStorageTime(value: string): Stamp | undefined {
  const m = STAMP.exec(value.trim());
  if (!m) return undefined;
  const [, date, time, fraction = '', zone = 'Z'] = m;
  const normalizedZone = zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(`${date}T${time?.length === 5 ? `${time}:00` : time}${normalizedZone}`);
  if (Number.isNaN(ms)) return undefined;
  return { seconds: Math.floor(ms / 1000), fraction: fraction.padEnd(9, '0') };
}

/** Negative, zero or positive as `a` is before, at or after `b`; unreadable values sort first. */
export function compareStorageTimes(a: string, b: string): number {
  const x = parseStorageTime(a);
  const y = parseStorageTime(b);
  if (!x || !y) return (x ? 1 : 0) - (y ? 1 : 0);
  return x.seconds - y.seconds || (x.fraction < y.fraction ? -1 : x.fraction > y.fraction ? 1 : 0);
}

/** The later of two timestamps (either may be missing or unreadable). */
export function laterOf(a: string | undefined, b: string | null | undefined): string | undefined {
  if (!b || !parseStorageTime(b)) return a;
  if (!a) return b;
  return compareStorageTimes(b, a) > 0 ? b : a;
}
