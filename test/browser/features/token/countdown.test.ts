import { describe, expect, it } from 'vitest';
import { countdown } from '../../../../src/browser/features/token/countdown';

describe('countdown', () => {
  const t0 = Date.parse('2026-03-01T12:00:00Z');

  it('shows mm:ss, rounding a part second up', () => {
    expect(countdown(t0 + 119_400, t0)).toEqual({ state: 'ok', text: '02:00', seconds: 120 });
    expect(countdown(t0 + 61_000, t0).text).toBe('01:01');
  });

  it('turns to a warning under 60 s and to expired at zero', () => {
    expect(countdown(t0 + 60_000, t0).state).toBe('ok');
    expect(countdown(t0 + 59_999, t0)).toMatchObject({ state: 'warning', text: '01:00' });
    expect(countdown(t0 + 500, t0)).toMatchObject({ state: 'warning', text: '00:01' });
    expect(countdown(t0, t0)).toEqual({ state: 'expired', text: '00:00', seconds: 0 });
    expect(countdown(t0 - 90_000, t0)).toEqual({ state: 'expired', text: '00:00', seconds: 0 });
  });

  it('adds hours for long-lived tokens', () => {
    expect(countdown(t0 + 3_600_000 + 5_000, t0).text).toBe('1:00:05');
    expect(countdown(t0 + 30 * 60_000, t0).text).toBe('30:00');
  });
});
