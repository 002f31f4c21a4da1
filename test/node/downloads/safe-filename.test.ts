import { describe, expect, it } from 'vitest';
import { limitBytes, sanitizeFilename, UniqueNames } from '../../../src/node/downloads/safe-filename';

describe('sanitizeFilename', () => {
  it.each([
    ['../../etc/passwd', 'etc_passwd'],
    ['/abs/path.txt', 'abs_path.txt'],
    ['C:\\Users\\x\\a.pdf', 'C__Users_x_a.pdf'],
    ['CON', '_CON'],
    ['com1.txt', '_com1.txt'],
    ['LPT9', '_LPT9'],
    ['nul\u0000.txt', 'nul_.txt'],
    ['a\u0007b?.txt', 'a_b_.txt'],
    ['name. . ', 'name'],
    ['.bashrc', '_bashrc'],
    ['..', 'fallback.bin'],
    ['', 'fallback.bin'],
    ['cafe\u0301.txt', 'caf\u00e9.txt'],
    ['normal-file (1).xml', 'normal-file (1).xml'],
  ])('%j → %j', (raw, expected) => {
    expect(sanitizeFilename(raw, 'fallback.bin')).toBe(expected);
  });

  it('limits to 200 bytes of UTF-8 and keeps the extension, without splitting a character', () => {
    const long = sanitizeFilename(`${'ø'.repeat(300)}.pdf`, 'x');
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(200);
    expect(long.endsWith('ø.pdf')).toBe(true);
    expect(long).not.toContain('\ufffd');
    expect(limitBytes('😀😀😀.txt', 9)).toBe('😀.txt');
  });
});

describe('UniqueNames', () => {
  it('is unique case-insensitively and across Unicode normalization', () => {
    const names = new UniqueNames(['instance.json']);
    expect(names.claim('Report.pdf')).toBe('Report.pdf');
    expect(names.claim('report.PDF')).toBe('report (2).PDF');
    expect(names.claim('REPORT.pdf')).toBe('REPORT (3).pdf');
    expect(names.claim('Instance.JSON')).toBe('Instance (2).JSON');
    expect(names.claim('caf\u00e9.txt')).toBe('caf\u00e9.txt');
    expect(names.claim('CAFE\u0301.txt'.normalize('NFC'))).toBe('CAF\u00c9 (2).txt');
  });
});
