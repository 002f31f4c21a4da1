import { describe, expect, it } from 'vitest';
import { compareStorageTimes, laterOf, parseStorageTime } from '../../../src/node/intake/storage-time';

describe('Storage timestamps at full precision', () => {
  it('orders times that differ below a millisecond, which Date.parse cannot', () => {
    const a = '2025-03-01T10:00:00.1234567Z';
    const b = '2025-03-01T10:00:00.1234568Z';
    expect(Date.parse(a)).toBe(Date.parse(b));
    expect(compareStorageTimes(a, b)).toBeLessThan(0);
    expect(compareStorageTimes(b, a)).toBeGreaterThan(0);
    expect(compareStorageTimes(a, a)).toBe(0);
  });

  it('reads fewer digits, no fraction and offsets as the same instant', () => {
    expect(compareStorageTimes('2025-03-01T10:00:00.5Z', '2025-03-01T10:00:00.5000000Z')).toBe(0);
    expect(compareStorageTimes('2025-03-01T11:00:00+01:00', '2025-03-01T10:00:00Z')).toBe(0);
    expect(compareStorageTimes('2025-03-01T11:00:00+0100', '2025-03-01T10:00:00Z')).toBe(0);
    expect(compareStorageTimes('2025-03-01T10:00:00', '2025-03-01T10:00:00Z')).toBe(0);
  });

  it('keeps the later of two as Storage wrote it, ignoring what it cannot read', () => {
    expect(laterOf('2025-03-01T10:00:00.1Z', '2025-03-01T10:00:00.1000001Z')).toBe('2025-03-01T10:00:00.1000001Z');
    expect(laterOf('2025-03-01T10:00:00.2Z', '2025-03-01T10:00:00.1Z')).toBe('2025-03-01T10:00:00.2Z');
    expect(laterOf(undefined, '2025-03-01T10:00:00Z')).toBe('2025-03-01T10:00:00Z');
    expect(laterOf('2025-03-01T10:00:00Z', 'yesterday')).toBe('2025-03-01T10:00:00Z');
    expect(laterOf('2025-03-01T10:00:00Z', null)).toBe('2025-03-01T10:00:00Z');
    expect(parseStorageTime('not a time')).toBeUndefined();
  });
});
