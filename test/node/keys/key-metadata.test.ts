import { describe, expect, it } from 'vitest';
import { expiryDate, expiryState } from '../../../src/node/keys/key-metadata';

describe('one-year Maskinporten expiry', () => {
  it('adds one calendar year, and 29 February becomes 28 February', () => {
    expect(expiryDate('2025-06-30')).toBe('2026-06-30');
    expect(expiryDate('2024-02-29')).toBe('2025-02-28');
    expect(expiryDate('2025-12-31')).toBe('2026-12-31');
  });

  it('is unregistered, ok, expiring from 30 days before, then expired', () => {
    expect(expiryState(null, new Date())).toEqual({ expiresAt: null, expiry: 'unregistered', daysToExpiry: null });
    const at = (iso: string) => expiryState('2025-05-01', new Date(iso));
    expect(at('2026-03-31T23:59:00Z')).toMatchObject({ expiresAt: '2026-05-01', expiry: 'ok', daysToExpiry: 31 });
    expect(at('2026-04-01T00:00:00Z')).toMatchObject({ expiry: 'expiring', daysToExpiry: 30 });
    expect(at('2026-04-30T12:00:00Z')).toMatchObject({ expiry: 'expiring', daysToExpiry: 1 });
    expect(at('2026-05-01T00:00:00Z')).toMatchObject({ expiry: 'expired', daysToExpiry: 0 });
    expect(at('2027-01-01T00:00:00Z')).toMatchObject({ expiry: 'expired' });
  });
});
