import { performance } from 'node:perf_hooks';
import type { TransferSlots } from './transfer-slots';

/**
 * How many transfers a job runs at once, adjusted while it runs (issue 14). Over a network with a round
 * trip of tens of milliseconds a download of many small files is bound by round trips, and more transfers
 * at once bring more throughput — until the server, the connection or this machine is the limit; on a
 * fast local network, more only costs. So:
 *
 * - Grow while throughput grows (like TCP's slow start): measure a window at the current number, double
 *   it, and keep doubling while the next window is at least GROWTH better in bytes or in files per second,
 *   the transfers were all busy (more slots cannot help a job that is waiting for its listing) and every
 *   thread that carries them had time to spare: this thread's event loop, and — when the transfers run on
 *   worker threads (transfer-threads.ts) — the workers' loops, read from here, below BUSY_LOOP. On a fast
 *   local network a loop is the limit, and more transfers only cost (the benchmark's loopback run went
 *   from 6.8 s to 8.6 s when noisy windows let it grow to 16); with the transfers on workers this thread
 *   only queues and records, so its own loop has room while theirs are full. When a doubling brings
 *   nothing, go back and hold; after HOLD_WINDOWS try one more (PROBE better, or back again).
 * - Shrink on 429 or 5xx (the server says it has too much): halve at once, hold, then come back one at a
 *   time to where it was.
 * - Always within [1, max]: max is 16 (the keep-alive pool, stream-get.ts), or the user's number. A job
 *   the user gave a number starts there and only shrinks on 429/5xx and comes back; one without starts at
 *   START and grows.
 */
export const START = 4;
export const MAX = 16;
const WINDOW_MS = 150;
const TICK_MS = 25;
const MIN_WINDOW_MS = 50;
const GROWTH = 0.15;
const PROBE = 0.05;
const HOLD_WINDOWS = 8;
const OVERLOAD_HOLD_WINDOWS = 4;
/** Event-loop utilisation (0–1) from which a thread (this one, or the transfer workers on average) is the limit. */
const BUSY_LOOP = 0.8;

export interface AdaptiveOptions {
  slots: TransferSlots;
  /** The most at once (the user's number, or MAX). */
  max: number;
  /** Where to start (the user's number, or START). */
  start: number;
  /** Grow above `start` while throughput grows (false: `start` is the user's number). */
  grow: boolean;
  /** Bytes received so far by the job (never decreasing by much: failed attempts are taken back). */
  bytes: () => number;
  now?: () => number;
  /** How busy the event loop was since the last call, 0–1 (default: perf_hooks eventLoopUtilization). */
  loopUtilization?: () => number;
  /**
   * How busy the transfer worker threads' loops were since the last call, 0–1 (element-transfers.ts); none
   * when the transfers run in this thread, whose loop `loopUtilization` measures.
   */
  threadUtilization?: () => number | undefined;
  /**
   * The transfers are moving from this thread to the workers (handover-transfers.ts): a window then says
   * nothing about room or throughput at this number (this thread's loop busy with transfers that leave it,
   * the workers' with their first ones), so none is judged until it is over.
   */
  handingOver?: () => boolean;
  windowMs?: number;
  /**
   * While growing, a window is long enough (from MIN_WINDOW_MS) once every slot has finished this many
   * transfers (default 2). The bulk send, whose every transfer is one round trip, takes 1.
   */
  growAfter?: number;
}

interface Window {
  limit: number;
  bytesPerS: number;
  filesPerS: number;
}

type Phase = 'grow' | 'hold' | 'probe' | 'recover';

export class AdaptiveConcurrency {
  private phase: Phase;
  private holdUntil = 0;
  private baseline?: Window;
  /** The limit to come back to after an overload. */
  private recoverTo = 0;
  private overload = false;
  private files = 0;
  private windowStart: number;
  private startBytes: number;
  private startFiles = 0;
  private samples = 0;
  private saturated = 0;
  private timer?: NodeJS.Timeout;
  private readonly now: () => number;
  private readonly windowMs: number;
  private readonly loopUtilization: () => number;
  /** Every change, for tests and the bench: [ms since start, limit]. */
  readonly history: [number, number][] = [];
  private readonly t0: number;

  constructor(private readonly o: AdaptiveOptions) {
    this.now = o.now ?? (() => performance.now());
    this.windowMs = o.windowMs ?? WINDOW_MS;
    this.loopUtilization = o.loopUtilization ?? eventLoopUtilization();
    this.phase = o.grow ? 'grow' : 'hold';
    this.holdUntil = o.grow ? 0 : Number.POSITIVE_INFINITY;
    this.t0 = this.now();
    this.windowStart = this.t0;
    this.startBytes = o.bytes();
    this.set(Math.min(o.max, Math.max(1, o.start)));
  }

  get limit(): number {
    return this.o.slots.size;
  }

  /** Sample every TICK_MS and decide every window until stopped (the timer never keeps Node alive). */
  run(): () => void {
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref?.();
    return () => clearInterval(this.timer);
  }

  /** A transfer finished (its bytes verified). */
  transferDone(): void {
    this.files++;
  }

  /** The server answered 429 or 5xx: too much at once. */
  overloaded(): void {
    if (this.overload) return;
    this.overload = true;
    // At once, not at the end of the window: the next transfers should already be fewer.
    // Back to where it was when this one hit: a second overload while coming back lowers the aim.
    this.recoverTo = this.limit;
    this.set(Math.max(1, Math.floor(this.limit / 2)));
  }

  /** One sample; at the end of a window, one decision. Public for tests (with their own clock). */
  tick(): void {
    const now = this.now();
    const bytes = this.o.bytes();
    if (bytes === this.startBytes && this.files === this.startFiles) {
      // Nothing has moved yet (the listing, a stall): the window starts when something does.
      this.windowStart = now;
      this.samples = 0;
      this.saturated = 0;
      return;
    }
    this.samples++;
    if (this.o.slots.busy >= this.o.slots.size) this.saturated++;
    const elapsed = now - this.windowStart;
    // While growing, a window is also long enough once every slot has finished two transfers: a doubling
    // shows plainly, and a job over a slow network reaches its number in a few round trips.
    const enough =
      elapsed >= this.windowMs ||
      (this.phase === 'grow' &&
        elapsed >= MIN_WINDOW_MS &&
        this.files - this.startFiles >= (this.o.growAfter ?? 2) * this.limit);
    if (!enough) return;
    const w: Window = {
      limit: this.limit,
      bytesPerS: ((bytes - this.startBytes) * 1000) / elapsed,
      filesPerS: ((this.files - this.startFiles) * 1000) / elapsed,
    };
    // All slots busy most of the window (more could be used), and no thread that transfers the limit: this
    // one, nor the transfer workers (with the transfers on workers this thread only queues and records, and
    // its own loop has room while theirs are full).
    const busy = this.saturated * 2 >= this.samples;
    const threads = this.o.threadUtilization?.();
    const room = this.loopUtilization() < BUSY_LOOP && (threads === undefined || threads < BUSY_LOOP);
    this.windowStart = now;
    this.startBytes = bytes;
    this.startFiles = this.files;
    this.samples = 0;
    this.saturated = 0;
    if (this.o.handingOver?.()) return;
    this.decide(w, busy, room, now);
  }

  private decide(w: Window, busy: boolean, room: boolean, now: number): void {
    const windows = (n: number) => now + n * this.windowMs;
    if (this.overload) {
      this.overload = false;
      this.phase = 'recover';
      this.holdUntil = windows(OVERLOAD_HOLD_WINDOWS);
      this.baseline = undefined;
      return;
    }
    switch (this.phase) {
      case 'grow': {
        const base = this.baseline;
        const hold = () => {
          this.phase = 'hold';
          this.holdUntil = windows(HOLD_WINDOWS);
        };
        if (!base || base.limit >= w.limit) {
          // The first window at this number: the baseline to beat after doubling.
          this.baseline = w;
          if (busy && room && this.limit < this.o.max) this.set(Math.min(this.o.max, this.limit * 2));
          else if (this.limit >= this.o.max || !room) hold();
          return;
        }
        if (busy && better(w, base, GROWTH)) {
          this.baseline = w;
          if (room && this.limit < this.o.max) this.set(Math.min(this.o.max, this.limit * 2));
          else hold();
        } else {
          this.set(base.limit);
          hold();
        }
        return;
      }
      case 'hold':
        if (now < this.holdUntil || !this.o.grow || !busy || !room || this.limit >= this.o.max) return;
        this.baseline = w;
        this.phase = 'probe';
        this.set(this.limit + 1);
        return;
      case 'probe': {
        const base = this.baseline as Window;
        if (busy && better(w, base, PROBE)) {
          this.baseline = w;
          if (room && this.limit < this.o.max) this.set(this.limit + 1);
          else this.phase = 'hold';
        } else {
          this.set(base.limit);
          this.phase = 'hold';
          this.holdUntil = windows(HOLD_WINDOWS);
        }
        return;
      }
      case 'recover':
        if (now < this.holdUntil) return;
        if (this.limit < this.recoverTo) {
          this.set(this.limit + 1);
          return;
        }
        this.recoverTo = 0;
        this.phase = 'hold';
        this.holdUntil = this.o.grow ? windows(HOLD_WINDOWS) : Number.POSITIVE_INFINITY;
        return;
    }
  }

  private set(limit: number): void {
    if (limit === this.o.slots.size && this.history.length) return;
    this.o.slots.resize(limit);
    this.history.push([Math.round(this.now() - this.t0), limit]);
  }
}

/** The event loop's utilisation between calls (Node's perf_hooks). */
function eventLoopUtilization(): () => number {
  let last = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const delta = performance.eventLoopUtilization(now, last);
    last = now;
    return delta.utilization;
  };
}

function better(w: Window, base: Window, by: number): boolean {
  return w.bytesPerS >= base.bytesPerS * (1 + by) || w.filesPerS >= base.filesPerS * (1 + by);
}
