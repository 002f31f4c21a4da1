import { describe, expect, it } from 'vitest';
import { AdaptiveConcurrency } from '../../../src/node/downloads/adaptive-concurrency';
import { TransferSlots } from '../../../src/node/downloads/transfer-slots';

/**
 * A job on a clock of its own: every tick (25 ms) moves `rate(limit)` bytes per second and as many files
 * per second / 10 KB, with every slot busy unless `idle` says otherwise.
 */
function simulate(options: {
  start: number;
  max: number;
  grow: boolean;
  rate: (limit: number) => number;
  idle?: () => boolean;
  /** The event loop's utilisation (default: waiting on the network, 0.2). */
  loop?: (limit: number) => number;
  growAfter?: number;
  /** The transfer workers' loops (default: none, the transfers run in this thread). */
  threads?: (limit: number) => number | undefined;
  /** The transfers are moving to the workers (handover-transfers.ts). */
  handingOver?: () => boolean;
}) {
  let now = 0;
  let bytes = 0;
  const slots = new TransferSlots(options.start);
  const adaptive = new AdaptiveConcurrency({
    slots,
    max: options.max,
    start: options.start,
    grow: options.grow,
    bytes: () => bytes,
    now: () => now,
    loopUtilization: () => (options.loop ? options.loop(slots.size) : 0.2),
    ...(options.growAfter ? { growAfter: options.growAfter } : {}),
    ...(options.threads ? { threadUtilization: () => options.threads?.(slots.size) } : {}),
    ...(options.handingOver ? { handingOver: options.handingOver } : {}),
  });
  const fill = () => {
    // The transfers waiting for a slot take every free one.
    while (!options.idle?.() && slots.busy < slots.size) void slots.acquire();
    while (options.idle?.() && slots.busy > 0) slots.release();
  };
  const advance = (ms: number) => {
    for (let t = 0; t < ms; t += 25) {
      fill();
      now += 25;
      const moved = (options.rate(slots.size) * 25) / 1000;
      bytes += moved;
      for (let f = 0; f < Math.round(moved / 10_000); f++) adaptive.transferDone();
      adaptive.tick();
    }
    fill();
  };
  return { adaptive, slots, advance };
}

/** Round-trip bound: each slot moves 200 KB/s, up to what the network carries. */
const latencyBound = (ceiling: number) => (limit: number) => Math.min(limit, ceiling) * 200_000;

describe('adaptive concurrency (adaptive-concurrency.ts)', () => {
  it('judges no window while the transfers move to the workers: no hold from their cold start, growth after', () => {
    let moving = true;
    // While moving: this thread's loop full of transfers that leave it, the workers' of their first ones.
    const s = simulate({
      start: 4,
      max: 16,
      grow: true,
      rate: latencyBound(64),
      loop: () => (moving ? 0.95 : 0.2),
      threads: () => (moving ? 0.9 : 0.3),
      handingOver: () => moving,
    });
    s.advance(600);
    expect(s.slots.size).toBe(4);
    moving = false;
    s.advance(1_000);
    expect(s.slots.size).toBe(16);
  });

  it('doubles from 4 while throughput grows, up to 16', () => {
    const s = simulate({ start: 4, max: 16, grow: true, rate: latencyBound(64) });
    s.advance(2_000);
    expect(s.adaptive.limit).toBe(16);
    expect(s.adaptive.history.map(([, l]) => l)).toEqual([4, 8, 16]);
  });

  it('with growAfter 1 (the bulk send: a row is one round trip) it doubles after one transfer per slot, not two', () => {
    // Each slot finishes a 10 KB transfer every 50 ms: one round trip.
    const at16 = (growAfter?: number) => {
      const s = simulate({ start: 4, max: 16, grow: true, rate: latencyBound(64), growAfter });
      s.advance(2_000);
      expect(s.adaptive.history.map(([, l]) => l)).toEqual([4, 8, 16]);
      return s.adaptive.history.at(-1)?.[0] as number;
    };
    const twoRoundTrips = at16();
    const oneRoundTrip = at16(1);
    expect(oneRoundTrip).toBeLessThanOrEqual(125);
    expect(twoRoundTrips).toBeGreaterThanOrEqual(175);
  });

  it('goes back when a doubling brings nothing, and tries one more later', () => {
    const s = simulate({ start: 4, max: 16, grow: true, rate: latencyBound(6) });
    s.advance(1_000);
    // 4 → 8 brought 6/4 = +50 %: kept; 8 → 16 brought nothing: back to 8.
    expect(s.adaptive.history.map(([, l]) => l).slice(0, 4)).toEqual([4, 8, 16, 8]);
    s.advance(3_000);
    // Probes one more after holding, and goes back since 9 brings nothing either.
    expect(s.adaptive.history.map(([, l]) => l)).toContain(9);
    expect(s.adaptive.limit).toBe(8);
  });

  it('does not grow while the transfers are not all busy (the job waits for its listing)', () => {
    const s = simulate({ start: 4, max: 16, grow: true, rate: latencyBound(64), idle: () => true });
    s.advance(2_000);
    expect(s.adaptive.limit).toBe(4);
  });

  it('does not grow while the event loop is the limit (a fast local network), even if a window looks better', () => {
    // Noisy windows: every other one 30 % better, as a large file passing by makes them.
    let n = 0;
    const s = simulate({
      start: 4,
      max: 16,
      grow: true,
      rate: (limit) => limit * 200_000 * (n++ % 12 < 6 ? 1 : 1.3),
      loop: () => 0.97,
    });
    s.advance(3_000);
    expect(s.adaptive.limit).toBe(4);
  });

  it('stops doubling where the event loop becomes the limit', () => {
    const s = simulate({ start: 4, max: 16, grow: true, rate: latencyBound(64), loop: (limit) => limit / 10 });
    s.advance(3_000);
    // At 8 the loop is 80 % busy: kept (it was better), but no doubling to 16 and no probing above.
    expect(s.adaptive.limit).toBe(8);
  });

  it('does not grow while the transfer workers are saturated, though this thread has room', () => {
    // On a fast network with the transfers on worker threads: the main thread only queues and records, so
    // its own loop says "room"; the workers' loops are full, and more transfers would only wait for them.
    const s = simulate({ start: 4, max: 16, grow: true, rate: latencyBound(64), loop: () => 0.3, threads: () => 0.95 });
    s.advance(3_000);
    expect(s.adaptive.limit).toBe(4);
    expect(s.adaptive.history.map(([, l]) => l)).toEqual([4]);
  });

  it('grows while the transfer workers have room, and stops where they become the limit', () => {
    const roomy = simulate({ start: 4, max: 16, grow: true, rate: latencyBound(64), threads: () => 0.3 });
    roomy.advance(2_000);
    expect(roomy.adaptive.history.map(([, l]) => l)).toEqual([4, 8, 16]);
    // Each worker's loop as busy as its share of the transfers: at 8, 80 % — kept, but no doubling to 16
    // and no probing above, whatever this thread's loop says.
    const bound = simulate({
      start: 4,
      max: 16,
      grow: true,
      rate: latencyBound(64),
      loop: () => 0.1,
      threads: (limit) => limit / 10,
    });
    bound.advance(3_000);
    expect(bound.adaptive.limit).toBe(8);
  });

  it('grows when no worker has run its loop yet (nothing measured is no reason to hold back)', () => {
    const s = simulate({ start: 4, max: 16, grow: true, rate: latencyBound(64), threads: () => undefined });
    s.advance(2_000);
    expect(s.adaptive.limit).toBe(16);
  });

  it('halves at once on 429 or 5xx, holds, then comes back one at a time to where it was', () => {
    const s = simulate({ start: 4, max: 16, grow: true, rate: latencyBound(64) });
    s.advance(1_000);
    expect(s.adaptive.limit).toBe(16);
    s.adaptive.overloaded();
    s.adaptive.overloaded(); // the same burst: one halving
    expect(s.adaptive.limit).toBe(8);
    s.advance(600);
    expect(s.adaptive.limit).toBeLessThanOrEqual(9);
    s.advance(3_000);
    expect(s.adaptive.limit).toBe(16);
    const limits = s.adaptive.history.map(([, l]) => l);
    expect(limits.slice(limits.lastIndexOf(8) + 1, limits.lastIndexOf(8) + 9)).toEqual([9, 10, 11, 12, 13, 14, 15, 16]);
  });

  it("keeps the user's number: starts there, never above it, back to it after an overload", () => {
    const s = simulate({ start: 6, max: 6, grow: false, rate: latencyBound(64) });
    s.advance(2_000);
    expect(s.adaptive.limit).toBe(6);
    s.adaptive.overloaded();
    expect(s.adaptive.limit).toBe(3);
    s.advance(5_000);
    expect(s.adaptive.limit).toBe(6);
    expect(Math.max(...s.adaptive.history.map(([, l]) => l))).toBe(6);
  });
});

describe('transfer slots that change size', () => {
  it('lets waiters in when it grows, and shrinks as slots come back without cutting any off', async () => {
    const slots = new TransferSlots(1);
    await slots.acquire();
    let second = false;
    const waiting = slots.acquire().then(() => {
      second = true;
    });
    slots.resize(2);
    await waiting;
    expect(second).toBe(true);
    slots.resize(1);
    expect(slots.busy).toBe(2);
    let third = false;
    void slots.acquire().then(() => {
      third = true;
    });
    slots.release();
    await new Promise((r) => setTimeout(r, 5));
    expect(third).toBe(false); // still one busy: at the new size
    slots.release();
    await new Promise((r) => setTimeout(r, 5));
    expect(third).toBe(true);
  });
});
