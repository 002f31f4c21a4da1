import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A scavenge (V8's young-generation collection) of this thread after every `everyBytes` of response bodies
 * it received: for a transfer worker (transfer-worker.ts; issue 21).
 *
 * Each socket read of a body is a buffer of its own, outside the JavaScript heap (64 KiB, from this thread's
 * malloc arena); once its bytes are written and hashed it is garbage, but its memory goes back only when
 * V8 collects the small object that holds it. That object costs V8 a few hundred bytes, so V8 alone —
 * which collects by how full the young generation is — let a transfer worker receive tens of MiB between
 * two collections, and glibc's arena of each worker thread grew to 30–35 MiB and stayed there (loopback
 * download, 2 workers: 243–290 MiB peak RSS; bench/). A scavenge of a worker's small young generation
 * (2 MiB, transfer-threads.ts) takes well under a millisecond; one every 4 MiB received brought the peak to
 * 218–220 MiB with no more CPU seconds.
 *
 * `gc` is V8's own function, exposed for one new context (only contexts made while `--expose-gc` is set get
 * it; this thread's own global never does). The flag is process-wide and is left set: threads start at the
 * same moment (a job's workers), and one that turned it off again between another's set and that one's new
 * context left that worker without `gc` — it died at start ("gc is not defined", CI). And should V8 still
 * not hand the function over, the worker runs without pacing rather than stopping: pacing only saves memory.
 */
export class ScavengePacer {
  private since = 0;
  private queued = false;

  constructor(
    private readonly everyBytes: number,
    private readonly collect: () => void = youngCollection(),
  ) {}

  /** Count bytes received; the scavenge runs on the next turn of the loop, not inside a read. */
  received(bytes: number): void {
    this.since += bytes;
    if (this.since < this.everyBytes || this.queued) return;
    this.queued = true;
    setImmediate(() => {
      this.queued = false;
      this.since = 0;
      this.collect();
    });
  }
}

/** This thread's scavenge, as a function (V8's `gc({ type: 'minor' })`); a no-op where V8 gives none. */
export function youngCollection(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('typeof gc === "function" ? gc : undefined') as
    | ((options: { type: 'minor' }) => void)
    | undefined;
  if (!gc) return () => {};
  return () => gc({ type: 'minor' });
}
