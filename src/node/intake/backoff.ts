/**
 * When the next pass runs. After a good pass: one interval later. After `failures` failed passes in a row
 * (failure-kind.ts `retry`): the interval doubled for each failure after the first, but never beyond an
 * hour — or the interval itself when that is longer — so a watch rides out an Altinn outage with a few
 * requests an hour and is back to its pace with the first good pass.
 */
export const MAX_BACKOFF_MS = 60 * 60_000;

export function nextPassDelayMs(intervalMs: number, failures: number): number {
  if (failures <= 1) return intervalMs;
  const ceiling = Math.max(intervalMs, MAX_BACKOFF_MS);
  return Math.min(ceiling, intervalMs * 2 ** Math.min(failures - 1, 20));
}
