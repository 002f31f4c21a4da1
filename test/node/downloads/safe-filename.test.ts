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

describe('hidden characters in file names (issue 17, finding 11)', () => {
  it('does not let a right-to-left override turn x\\u202Efdp.exe into something that reads xexe.pdf', () => {
    const name = sanitizeFilename('x\u202Efdp.exe', 'fallback.bin');
    expect(name).toBe('x_fdp.exe');
    expect(name.endsWith('.exe')).toBe(true);
  });

  it.each([
    ['bidi marks', 'a\u200Eb\u200Fc\u061Cd.pdf', 'a_b_c_d.pdf'],
    ['embeddings and overrides', 'a\u202Ab\u202Bc\u202Cd\u202De\u202Ef.pdf', 'a_b_c_d_e_f.pdf'],
    ['isolates', 'a\u2066b\u2067c\u2068d\u2069e.pdf', 'a_b_c_d_e.pdf'],
    ['C1 controls', 'a\u0080b\u0085c\u009Fd.txt', 'a_b_c_d.txt'],
    ['line and paragraph separators', 'a\u2028b\u2029c.txt', 'a_b_c.txt'],
    ['zero-width characters', 'a\u200Bb\u200Cc\u200Dd\u2060e\uFEFFf.txt', 'a_b_c_d_e_f.txt'],
    ['a soft hyphen and tag characters', 'a\u00ADb\u{E0041}c.txt', 'a_b_c.txt'],
    ['a lone surrogate', 'a\uD800b.txt', 'a_b.txt'],
    ['Hangul fillers', 'a\u3164b\u115Fc.txt', 'a_b_c.txt'],
  ])('replaces %s', (_what, raw, expected) => {
    expect(sanitizeFilename(raw, 'fallback.bin')).toBe(expected);
  });

  it('keeps Norwegian, accented and other scripts as they are', () => {
    for (const name of ['Søknad om støtte – Ærlig Å.pdf', 'café.txt', 'خطاب.pdf', '申请.docx', 'Приложение.xml']) {
      expect(sanitizeFilename(name, 'x')).toBe(name);
    }
  });
});
