import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectSeparator, parseCsvSheet, readSheetFile } from '../../../src/node/bulk-send/sheet-file';
import { xlsxBytes } from '../../helpers/xlsx-writer';

const dirs: string[] = [];
async function file(name: string, content: string | Uint8Array): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mpd-sheet-'));
  dirs.push(dir);
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const texts = (t: { rows: { row: number; cells: { text: string }[] }[] }) =>
  t.rows.map((r) => [r.row, ...r.cells.map((c) => c.text)]);

describe('CSV', () => {
  it('reads UTF-8 with a BOM and ";" as Norwegian Excel writes it', async () => {
    const t = await readSheetFile(await file('liste.csv', '\uFEFForgno;prefill.Navn\r\n910753614;Åse Ærlig\r\n'));
    expect(t.kind).toBe('csv');
    expect(t.separator).toBe(';');
    expect(t.header).toEqual(['orgno', 'prefill.Navn']);
    expect(texts(t)).toEqual([[2, '910753614', 'Åse Ærlig']]);
  });

  it('reads "," without a BOM, with RFC 4180 quoting: separators, quotes and line breaks inside a cell', () => {
    const t = parseCsvSheet('a.csv', Buffer.from('orgno,prefill.Tekst\n910753614,"a, ""b""\nc"\n\n313367002,x\n'));
    expect(t.separator).toBe(',');
    // The quoted cell spans two lines but is one row, as Excel shows it; the empty line is row 3.
    expect(texts(t)).toEqual([
      [2, '910753614', 'a, "b"\nc'],
      [3, ''],
      [4, '313367002', 'x'],
    ]);
  });

  it('picks the separator the header has more of outside quotes; a tie is ";"', () => {
    expect(detectSeparator('"a;b",c,d\n1;2;3')).toBe(',');
    expect(detectSeparator('a;b;"c,d,e"')).toBe(';');
    expect(detectSeparator('orgno\n910753614')).toBe(';');
  });

  it('refuses text that is not UTF-8 and CSV that breaks its quoting, saying where', async () => {
    await expect(
      readSheetFile(await file('latin1.csv', Buffer.from([0x6f, 0x72, 0x67, 0x6e, 0x6f, 0x0a, 0xe6, 0x0a]))),
    ).rejects.toMatchObject({
      code: 'SEND_FILE_INVALID',
    });
    await expect(readSheetFile(await file('bad.csv', 'orgno;x\n910753614;"open\n'))).rejects.toMatchObject({
      code: 'SEND_FILE_INVALID',
    });
  });

  it('refuses a missing file and another type, without naming the folder', async () => {
    await expect(readSheetFile('/no/such/dir/liste.csv')).rejects.toMatchObject({
      code: 'SEND_FILE_UNREADABLE',
      message: 'liste.csv does not exist',
    });
    await expect(readSheetFile(await file('liste.ods', 'x'))).rejects.toMatchObject({ code: 'SEND_FILE_TYPE' });
  });
});

describe('.xlsx', () => {
  it('reads the first sheet: row numbers as the sheet shows them, numbers as stored, dates as ISO', async () => {
    const path = await file(
      'liste.xlsx',
      xlsxBytes([
        [
          ['orgno', 'fnr', 'prefill.Beløp', 'dueBefore', 'prefill.Ja'],
          [910753614, null, 1234.5, new Date(Date.UTC(2026, 2, 1)), true],
          [],
          [null, 1017012345, '007', new Date(Date.UTC(2026, 2, 1, 12, 30)), false],
        ],
        [
          ['ikke', 'denne'],
          ['x', 'y'],
        ],
      ]),
    );
    const t = await readSheetFile(path);
    expect(t.kind).toBe('xlsx');
    expect(t.header).toEqual(['orgno', 'fnr', 'prefill.Beløp', 'dueBefore', 'prefill.Ja']);
    expect(texts(t)).toEqual([
      [2, '910753614', '', '1234.5', '2026-03-01', 'true'],
      [3, '', '', '', '', ''],
      [4, '', '1017012345', '007', '2026-03-01T12:30:00Z', 'false'],
    ]);
    expect(t.rows[2]?.cells[1]?.kind).toBe('number');
  });

  it('keeps the position of a sheet whose header is not in row 1 (it is then not the header)', async () => {
    const t = await readSheetFile(await file('x.xlsx', xlsxBytes([[['orgno'], [910753614]]], { startRow: 2 })));
    expect(t.header).toEqual(['']);
    expect(texts(t)).toEqual([
      [2, 'orgno'],
      [3, '910753614'],
    ]);
  });

  it('refuses a file that is not a workbook', async () => {
    await expect(readSheetFile(await file('x.xlsx', 'not a zip'))).rejects.toMatchObject({ code: 'SEND_FILE_INVALID' });
  });
});
