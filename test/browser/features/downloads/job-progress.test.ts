import { describe, expect, it } from 'vitest';
import { filesSettled, progressFraction } from '../../../../src/browser/features/downloads/job-progress';
import { formatBytes } from '../../../../src/common/format/bytes';
import { splitDuration } from '../../../../src/common/format/duration';

const base = {
  state: 'running' as const,
  instances: { done: 0, failed: 0, total: 2, totalKnown: true, confirmed: 0 },
  elements: { done: 0, failed: 0, infected: 0, skipped: 0, total: 4, md5Checked: 0, sizeChecked: 0 },
  bytes: { done: 0, total: 0 },
};

describe('progressFraction', () => {
  it('goes by bytes when sizes are known', () => {
    expect(progressFraction({ ...base, bytes: { done: 250, total: 1000 } })).toBe(0.25);
  });

  it('goes by files when no sizes are known, counting skipped, failed and infected as settled', () => {
    const elements = { done: 1, failed: 1, infected: 0, skipped: 1, total: 4, md5Checked: 0, sizeChecked: 2 };
    expect(progressFraction({ ...base, elements })).toBe(0.75);
    expect(filesSettled({ elements })).toEqual({ done: 2, total: 4 });
  });

  it('is full when the job completed (everything may have been on disk already)', () => {
    expect(progressFraction({ ...base, state: 'completed' })).toBe(1);
    expect(progressFraction({ ...base, elements: { ...base.elements, total: 0 } })).toBe(0);
  });
});

describe('formatBytes and splitDuration', () => {
  it('uses decimal units and the language’s decimal sign', () => {
    expect(formatBytes(999, 'nb')).toBe('999 B');
    expect(formatBytes(1_500, 'nb')).toBe('1,5 kB');
    expect(formatBytes(1_500, 'en')).toBe('1.5 kB');
    expect(formatBytes(663_300, 'nb')).toBe('663 kB');
    expect(formatBytes(12_400_000, 'en')).toBe('12 MB');
  });

  it('splits seconds into what a person reads', () => {
    expect(splitDuration(42.4)).toEqual({ unit: 's', n: 42 });
    expect(splitDuration(190)).toEqual({ unit: 'min', n: 3 });
    expect(splitDuration(3_900)).toEqual({ unit: 'h', h: 1, m: 5 });
  });
});
