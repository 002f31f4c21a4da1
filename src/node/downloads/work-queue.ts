/**
 * A FIFO between the producer (pages of instances) and the download workers, with backpressure:
 * the producer waits while the queue is long, so a query of 100,000 instances is never held in memory.
 */
export class WorkQueue<T> {
  private readonly items: T[] = [];
  private head = 0;
  private closed = false;
  private takers: ((item: T | undefined) => void)[] = [];
  private roomWaiters: { limit: number; resolve: () => void }[] = [];

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    const taker = this.takers.shift();
    if (taker) taker(item);
    else this.items.push(item);
  }

  /** No more items will come; waiting takers get `undefined`. */
  close(): void {
    this.closed = true;
    for (const taker of this.takers.splice(0)) taker(undefined);
  }

  /** Drop what is queued (on cancel or a fatal error). */
  clear(): void {
    this.items.length = 0;
    this.head = 0;
    this.release();
  }

  async take(): Promise<T | undefined> {
    if (this.length > 0) {
      const item = this.items[this.head++] as T;
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items.splice(0, this.head);
        this.head = 0;
      }
      this.release();
      return item;
    }
    if (this.closed) return undefined;
    return new Promise((resolve) => this.takers.push(resolve));
  }

  /** Resolves when fewer than `limit` items wait. */
  async waitForRoom(limit: number): Promise<void> {
    if (this.length < limit) return;
    await new Promise<void>((resolve) => this.roomWaiters.push({ limit, resolve }));
  }

  private release(): void {
    this.roomWaiters = this.roomWaiters.filter((w) => {
      if (this.length < w.limit) {
        w.resolve();
        return false;
      }
      return true;
    });
  }
}
