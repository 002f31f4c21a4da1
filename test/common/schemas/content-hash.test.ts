import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkFor, hasStaleHash, normalizeMd5, trustedContentHash } from '../../../src/common/schemas/content-hash';

const md5 = createHash('md5').update('hei').digest();
const base64 = md5.toString('base64');
const hex = md5.toString('hex');

describe('which check a data element gets (issue 18, point 4)', () => {
  it('trusts Storage’s hash only while the element is unchanged since it was created', () => {
    const created = '2022-05-01T10:00:00.1234567Z';
    expect(trustedContentHash({ contentHash: base64, created, lastChanged: created })).toBe(base64);
    expect(checkFor({ contentHash: base64, created, lastChanged: created })).toBe('md5');
    // Replaced later: the old hash no longer describes the bytes.
    const replaced = { contentHash: base64, created, lastChanged: '2025-03-01T08:00:00Z' };
    expect(trustedContentHash(replaced)).toBeUndefined();
    expect(checkFor(replaced)).toBe('size');
    expect(hasStaleHash(replaced)).toBe(true);
  });

  it('checks by size when there is no hash, or no dates to tell', () => {
    const at = '2025-01-01T00:00:00Z';
    expect(checkFor({ created: at, lastChanged: at })).toBe('size');
    expect(checkFor({ contentHash: null, created: at, lastChanged: at })).toBe('size');
    expect(checkFor({ contentHash: base64 })).toBe('size');
    expect(checkFor({ contentHash: base64, created: at })).toBe('size');
    expect(hasStaleHash({ created: at, lastChanged: at })).toBe(false);
  });

  it('compares the times as instants, not as text', () => {
    expect(
      checkFor({ contentHash: base64, created: '2022-05-01T10:00:00Z', lastChanged: '2022-05-01T10:00:00+00:00' }),
    ).toBe('md5');
  });

  it('reads a hex digest as the same MD5', () => {
    expect(normalizeMd5(hex)).toBe(base64);
    expect(normalizeMd5(` ${base64} `)).toBe(base64);
    expect(normalizeMd5('')).toBeUndefined();
    expect(normalizeMd5(null)).toBeUndefined();
  });
});
