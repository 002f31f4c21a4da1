/**
 * Messages to another thread, sent together once per turn of the event loop: a transfer posts three or
 * four small messages (its order, the slot released, its record, its flush), and each postMessage wakes
 * the other thread — tens of µs on this project's build machine, per message (bench/ profile, issue 21).
 * Collected until setImmediate, they cross as one array; the order is kept.
 */
export class MessageOutbox<T> {
  private pending: T[] = [];
  private scheduled = false;

  constructor(private readonly send: (messages: T[]) => void) {}

  post(message: T): void {
    this.pending.push(message);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Send what waits now. */
  flush(): void {
    this.scheduled = false;
    if (!this.pending.length) return;
    const messages = this.pending;
    this.pending = [];
    this.send(messages);
  }
}
