import { describe, expect, it } from 'vitest';
import { formatCsv, formatCsvField, neutralizeFormula, UTF8_BOM } from '../../../src/node/export/csv-format';
import { parseCsv } from '../../helpers/csv-reader';

describe('CSV formatting (RFC 4180)', () => {
  it('starts with the UTF-8 byte order mark and ends every record with CRLF', () => {
    const text = formatCsv(
      [
        ['a', 'b'],
        ['1', '2'],
      ],
      ';',
    );
    expect(text).toBe(`${UTF8_BOM}a;b\r\n1;2\r\n`);
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('quotes a field holding the separator, a quote, CR or LF, and doubles the quotes inside', () => {
    expect(formatCsvField('Ås; Vestby', ';')).toBe('"Ås; Vestby"');
    expect(formatCsvField('Ås, Vestby', ';')).toBe('Ås, Vestby');
    expect(formatCsvField('Ås, Vestby', ',')).toBe('"Ås, Vestby"');
    expect(formatCsvField('Ås; Vestby', ',')).toBe('Ås; Vestby');
    expect(formatCsvField('sa "hei"', ';')).toBe('"sa ""hei"""');
    expect(formatCsvField('linje 1\nlinje 2', ';')).toBe('"linje 1\nlinje 2"');
    expect(formatCsvField('cr\rhere', ',')).toBe('"cr\rhere"');
    expect(formatCsvField('', ';')).toBe('');
    expect(formatCsvField('plain', ';')).toBe('plain');
  });

  it('keeps æ, ø and å (and other letters) byte for byte in UTF-8', () => {
    const text = formatCsv([['Bærum', 'Tromsø', 'Åfjord', 'ÆØÅ æøå', 'Sámi: Čáhcesuolu']], ',');
    const bytes = Buffer.from(text, 'utf8');
    // æ = C3 A6, ø = C3 B8, å = C3 A5 (UTF-8), not the Latin-1 bytes E6/F8/E5.
    expect(bytes.includes(Buffer.from([0xc3, 0xa6]))).toBe(true);
    expect(bytes.includes(Buffer.from([0xc3, 0xb8]))).toBe(true);
    expect(bytes.includes(Buffer.from([0xc3, 0xa5]))).toBe(true);
    expect(bytes.toString('utf8')).toBe(`${UTF8_BOM}Bærum,Tromsø,Åfjord,ÆØÅ æøå,Sámi: Čáhcesuolu\r\n`);
  });

  it('parses back to the same fields with a strict RFC 4180 reader, for both separators', () => {
    const rows = [
      ['id', 'navn', 'merknad'],
      ['1', 'Bærum; "kommune"', 'to\r\nlinjer'],
      ['2', '', 'a,b'],
    ];
    for (const sep of [';', ','] as const) {
      expect(parseCsv(formatCsv(rows, sep), sep)).toEqual(rows);
    }
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(neutralizeFormula('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(neutralizeFormula('+47')).toBe("'+47");
    expect(neutralizeFormula('-1')).toBe("'-1");
    expect(neutralizeFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralizeFormula('Task_1')).toBe('Task_1');
  });
});
