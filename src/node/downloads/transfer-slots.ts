/**
 * How many elements of a job may be on the network at once (the job's concurrency, which
 * adaptive-concurrency.ts may change while the job runs). An element holds a slot from its request until
 * its bytes are verified, not through its rename and flush: those wait on the disk, not the network, and
 * holding the slot through them left the connections idle for about a millisecond per file (fsync on
 * ext4, measured here). Releasing it earlier cut the benchmark's 600-file job from 1.44 s to 1.11 s
 * (bench/, --scale 0.1). Nothing counts as verified or is confirmed any earlier for it.
 */
export class TransferSlots {
  private inUse = 0;
  private readonly waiters: (() => void)[] = [];
  private readonly resized = new Set<(size: number) => void>();

  /** `min`: the fewest slots it may be resized to (a transfer worker's share of a job may be none). */
  constructor(
    private current: number,
    private readonly min = 1,
  ) {}

  /** The number of slots now. */
  get size(): number {
    return this.current;
  }

  /** Slots held now. */
  get busy(): number {
    return this.inUse;
  }

  /**
   * Change the number of slots: more lets waiters in at once; fewer takes effect as slots are released
   * (no transfer is cut off).
   */
  resize(size: number): void {
    const before = this.current;
    this.current = Math.max(this.min, Math.floor(size));
    this.wake();
    if (this.current !== before) for (const listener of this.resized) listener(this.current);
  }

  /** Call `listener` with the new size whenever it changes (transfer-threads.ts shares it out); returns the undo. */
  onResize(listener: (size: number) => void): () => void {
    this.resized.add(listener);
    return () => this.resized.delete(listener);
  }

  /**
   * Count a slot as held that was taken elsewhere — by a transfer worker within its share of the slots
   * (transfer-threads.ts) — so `busy` says how many are on the network; give it back with release().
   */
  hold(): void {
    this.inUse++;
  }

  /** Resolves once a slot is held; rejects (holding nothing) when `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason ?? new Error('aborted'));
    if (this.inUse < this.current && this.waiters.length === 0) {
      this.inUse++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const granted = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const i = this.waiters.indexOf(granted);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(signal?.reason ?? new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(granted);
    });
  }

  release(): void {
    this.inUse--;
    this.wake();
  }

  private wake(): void {
    while (this.inUse < this.current && this.waiters.length) {
      this.inUse++;
      (this.waiters.shift() as () => void)();
    }
  }
}
