/** A strict reader of RFC 4180 (BOM, CRLF, quoted fields), written separately from the writer under test. */
export function parseCsv(text: string, sep: string): string[][] {
  if (!text.startsWith('\uFEFF')) throw new Error('no UTF-8 byte order mark');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 1;
  let quoted = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === sep) {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      if (c === '\r' || c === '\n' || c === '"') throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length) throw new Error('the last record has no CRLF');
  return rows;
}
