/**
 * Transfer rate smoothed with an exponential moving average (time constant `tauMs`), so the figure
 * and the ETA do not jump with every chunk.
 */
export class RateMeter {
  private last?: { at: number; bytes: number };
  private rate = 0;

  constructor(private readonly tauMs = 3000) {}

  sample(bytes: number, at: number): number {
    if (!this.last) {
      this.last = { at, bytes };
      return this.rate;
    }
    const dt = at - this.last.at;
    if (dt <= 0) return this.rate;
    const instant = (Math.max(0, bytes - this.last.bytes) * 1000) / dt;
    const alpha = 1 - Math.exp(-dt / this.tauMs);
    this.rate = this.rate === 0 ? instant : this.rate + alpha * (instant - this.rate);
    this.last = { at, bytes };
    return this.rate;
  }

  get bytesPerSecond(): number {
    return this.rate;
  }
}

/** Seconds left, when the total is known and something is moving. */
export function etaSeconds(done: number, total: number | undefined, rate: number): number | undefined {
  if (total === undefined || rate <= 0) return undefined;
  return Math.max(0, Math.round((total - done) / rate));
}
