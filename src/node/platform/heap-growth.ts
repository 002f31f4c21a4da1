import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets this process's JavaScript heap grow before it collects, once a download job starts — in
 * `mpd download`, `mpd sync` and the app's main process (job-registry.ts; issue 21).
 *
 * Node 24's V8 sizes the young generation by the machine: on this project's build machine (24 GiB) it grew to
 * 128 MiB in `mpd download` (Node 20's stopped at 32 MiB), and the old generation up to four times what was
 * live after the last full collection. A download of 20,000 one-file instances then peaked at 285–415 MiB on
 * Node 24 against 181–208 MiB on Node 20 with the same code — nearly all of it garbage waiting to be
 * collected: about 30 MiB was live (heap snapshot; `--trace-gc`: scavenges freed ~80 MiB at a time).
 *
 * Both limits are set at run time: the shipped `mpd` is started by `node bin/mpd.cjs` and the app by Electron,
 * whose command lines we do not own, and `--max-semi-space-size` is read only when the heap is made. V8 reads
 * these two flags each time it sizes a space, so from the job's start they act as start-up flags would:
 *
 * - `--semi-space-growth-factor=1`: the young generation keeps the size it has (a few MiB after start-up)
 *   instead of doubling up to 64 MiB a semi-space; a scavenge of it costs a fraction of a millisecond.
 * - `--heap-growing-percent=50`: after a full collection the old generation may grow by half of what was live
 *   (V8's own factor goes up to 4 when collecting is cheap), so what the small young generation promotes is
 *   collected sooner. At 25 the download took 40 % more CPU; at 50 the same as without.
 *
 * Only once a job starts, so a listing (`mpd instances`, parsing pages of instances it keeps) keeps V8's own
 * sizing: with these flags it took ~15 % more CPU. Flags are process-wide: the transfer workers' young
 * generations are capped by their resource limits anyway (transfer-threads.ts).
 */
export const HEAP_GROWTH_FLAGS = ['--semi-space-growth-factor=1', '--heap-growing-percent=50'] as const;

let set = false;

export function limitHeapGrowth(): void {
  if (set) return;
  set = true;
  for (const flag of HEAP_GROWTH_FLAGS) setFlagsFromString(flag);
}
