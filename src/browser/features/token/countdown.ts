/** Under a minute left: the card turns to a warning (the token service refreshes 60 s before expiry). */
export const WARNING_MS = 60_000;

export type CountdownState = 'ok' | 'warning' | 'expired';

export interface Countdown {
  state: CountdownState;
  /** `mm:ss`, or `h:mm:ss` from one hour; `00:00` once expired. */
  text: string;
  /** Whole seconds left, never negative. */
  seconds: number;
}

const two = (n: number) => String(n).padStart(2, '0');

/** How long a token with expiry `expiresAt` (ms) has left at `now` (ms). */
export function countdown(expiresAt: number, now: number): Countdown {
  const left = expiresAt - now;
  // Rounded up, so the last second shows 00:01 and 00:00 means expired.
  const seconds = Math.max(0, Math.ceil(left / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const text = h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
  const state: CountdownState = seconds === 0 ? 'expired' : left < WARNING_MS ? 'warning' : 'ok';
  return { state, text, seconds };
}
