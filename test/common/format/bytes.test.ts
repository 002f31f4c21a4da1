import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount } from '../../../src/common/format/bytes';

describe('formatBytes (the GUI and the CLI share it)', () => {
  it('uses decimal units with one decimal below 10', () => {
    expect(formatBytes(999, 'en')).toBe('999 B');
    expect(formatBytes(1500, 'en')).toBe('1.5 kB');
    expect(formatBytes(25_000_000, 'en')).toBe('25 MB');
    expect(formatBytes(1_500_000_000, 'nb')).toBe('1,5 GB');
  });
  it('never shows a negative size', () => {
    expect(formatBytes(-5, 'en')).toBe('0 B');
  });
  it('groups counts as each language does', () => {
    expect(formatCount(10000, 'en')).toBe('10,000');
    expect(formatCount(10000, 'nb').replace(/\s/g, ' ')).toBe('10 000');
  });
});
