import type { HttpResponse } from '../platform/http';

/**
 * How far the server's clock is from ours, learned from the HTTP `Date` header.
 * Maskinporten accepts `iat` only within ±10 s of its own clock (reference §1.2, §6 pain point 1;
 * altinn-studio#19603), so a laptop clock that is off fails every grant unless `iat` is corrected.
 * The header has one-second resolution; we compare it with the midpoint of our send and receive times
 * and add half a second, since the server truncates rather than rounds.
 */
export class ClockOffset {
  private offsetMs: number | undefined;
  private learnedAt: number | undefined;

  /** Learn from a response; returns the new offset in ms (server − local), or undefined without a Date header. */
  observe(response: Pick<HttpResponse, 'serverDate' | 'sentAt' | 'receivedAt'>): number | undefined {
    if (!response.serverDate) return undefined;
    const localMidpoint = (response.sentAt + response.receivedAt) / 2;
    this.offsetMs = response.serverDate.getTime() + 500 - localMidpoint;
    this.learnedAt = response.receivedAt;
    return this.offsetMs;
  }

  /** Server − local in ms; 0 until learned. */
  get ms(): number {
    return this.offsetMs ?? 0;
  }

  get known(): boolean {
    return this.offsetMs !== undefined;
  }

  get lastLearnedAt(): number | undefined {
    return this.learnedAt;
  }

  /** The server's idea of now, given our clock. */
  serverNow(localNow: number): number {
    return localNow + this.ms;
  }
}

/** One offset per server origin: Maskinporten and Altinn are different machines. */
export class ClockOffsets {
  private readonly byOrigin = new Map<string, ClockOffset>();

  for(url: string): ClockOffset {
    const origin = new URL(url).origin;
    let offset = this.byOrigin.get(origin);
    if (!offset) {
      offset = new ClockOffset();
      this.byOrigin.set(origin, offset);
    }
    return offset;
  }
}
