import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../common/errors/app-error';
import { SendErrors } from '../../common/errors/send-errors';

/**
 * A spreadsheet as the bulk send reads it: the header (row 1) and every row after it with its number as the
 * spreadsheet shows it — in a CSV a record is one row even when a quoted cell spans lines (Excel shows it so),
 * and an empty line is an empty row that still counts.
 *
 * CSV: UTF-8 with or without a byte order mark, `;` or `,` (whichever the header line has more of outside
 * quotes; `;` on a tie, as Norwegian Excel writes), RFC 4180 quoting — read by `csv-parse` (the csv project's
 * parser: no dependencies, CommonJS and ESM, a synchronous API). `.xlsx`: the first sheet, read by
 * `read-excel-file` (pure JavaScript, no install scripts), with numbers kept as the text the workbook stores.
 */
export interface SheetTable {
  kind: 'csv' | 'xlsx';
  /** The file's name (for messages; never its path: that may name a person's folder). */
  name: string;
  separator?: ';' | ',';
  header: string[];
  rows: SheetRow[];
}

export interface SheetRow {
  /** As the spreadsheet shows it: the header is row 1. */
  row: number;
  cells: SheetCell[];
}

/** A cell's text, and for a workbook whether it was a number or a date (for leading zeros and ISO dates). */
export interface SheetCell {
  text: string;
  kind?: 'number' | 'date' | 'boolean';
}

/** Larger files are refused: 100 000 rows of a wide sheet are a few tens of MB. */
export const MAX_SHEET_BYTES = 200 * 1024 * 1024;
export const MAX_ROWS = 100_000;

export async function readSheetFile(path: string): Promise<SheetTable> {
  const name = basename(path);
  const lower = name.toLowerCase();
  const kind = lower.endsWith('.xlsx') ? 'xlsx' : lower.endsWith('.csv') || lower.endsWith('.txt') ? 'csv' : undefined;
  if (!kind) {
    throw new AppError(SendErrors.FILE_TYPE, `${name} is neither a CSV file (.csv) nor an Excel workbook (.xlsx)`, {
      details: { file: name },
    });
  }
  let bytes: Buffer;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    if (s.size > MAX_SHEET_BYTES) {
      throw new AppError(SendErrors.FILE_INVALID, `${name} is larger than 200 MB`, { details: { file: name } });
    }
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException)?.code ?? '';
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is not a file' : `cannot be read (${code})`;
    throw new AppError(SendErrors.FILE_UNREADABLE, `${name} ${why}`, { details: { file: name }, cause: error });
  }
  const table = kind === 'csv' ? parseCsvSheet(name, bytes) : await parseXlsxSheet(name, bytes);
  if (table.rows.length > MAX_ROWS) {
    throw new AppError(
      SendErrors.FILE_INVALID,
      `${name} has ${table.rows.length} rows; at most ${MAX_ROWS} are sent at once`,
      {
        details: { file: name },
      },
    );
  }
  return table;
}

export function parseCsvSheet(name: string, bytes: Uint8Array): SheetTable {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError(
      SendErrors.FILE_INVALID,
      `${name} is not UTF-8 text (save it from Excel as "CSV UTF-8 (kommadelt)")`,
      { details: { file: name } },
    );
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const separator = detectSeparator(text);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: separator,
      relax_column_count: true,
      skip_empty_lines: false,
      bom: false,
    }) as string[][];
  } catch (error) {
    const e = error as { message?: string; lines?: number; records?: number };
    const row = typeof e.records === 'number' ? e.records + 1 : undefined;
    throw new AppError(
      SendErrors.FILE_INVALID,
      `${name} is not valid CSV${row ? ` at row ${row}` : ''}: ${(e.message ?? String(error)).slice(0, 200)}`,
      { details: { file: name, ...(row ? { row } : {}) }, cause: error },
    );
  }
  const [header = [], ...rest] = records;
  return {
    kind: 'csv',
    name,
    separator,
    header: header.map((h) => h.trim()),
    rows: rest.map((cells, i) => ({ row: i + 2, cells: cells.map((text) => ({ text })) })),
  };
}

/**
 * `;` or `,`: the one the header line has more of outside quotes (a header names columns; it seldom holds
 * either inside a name). A tie — a one-column file — is `;`, what Excel writes with Norwegian settings.
 */
export function detectSeparator(text: string): ';' | ',' {
  let semi = 0;
  let comma = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ';') semi++;
    else if (!quoted && c === ',') comma++;
  }
  return comma > semi ? ',' : ';';
}

export async function parseXlsxSheet(name: string, bytes: Buffer): Promise<SheetTable> {
  let data: unknown[][];
  try {
    // Loaded for a workbook only: read-excel-file and its unzip and XML readers are ~25 ms of every start of
    // `mpd instances send` otherwise (bench/bulk-send.ts, --prof), and most sends are CSV.
    const { readSheet } = await import('read-excel-file/node');
    // A number is kept as the text the workbook stores, marked as a number (StoredNumber).
    data = (await readSheet(bytes, 1, { parseNumber: (s: string) => new StoredNumber(s) })) as unknown[][];
  } catch (error) {
    throw new AppError(
      SendErrors.FILE_INVALID,
      `${name} cannot be read as an Excel workbook: ${(error as Error)?.message?.slice(0, 200) ?? String(error)}`,
      { details: { file: name }, cause: error },
    );
  }
  const cells = (row: unknown[] | undefined): SheetCell[] => (row ?? []).map(cellOf);
  const [header, ...rest] = data;
  return {
    kind: 'xlsx',
    name,
    header: cells(header).map((c) => c.text.trim()),
    rows: rest.map((row, i) => ({ row: i + 2, cells: cells(row) })),
  };
}

/** A number cell as the text the workbook stores (no float formatting; every digit kept). */
class StoredNumber {
  constructor(readonly text: string) {}
}

function cellOf(value: unknown): SheetCell {
  if (value === null || value === undefined) return { text: '' };
  if (value instanceof Date) return { text: isoOf(value), kind: 'date' };
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false', kind: 'boolean' };
  if (value instanceof StoredNumber) return { text: value.text, kind: 'number' };
  if (typeof value === 'number') return { text: String(value), kind: 'number' };
  return { text: String(value) };
}

/**
 * A workbook date as ISO 8601. Excel's dates carry no time zone; read-excel-file reads them as UTC. A whole
 * day is written as the date alone (Altinn reads it as midnight), anything else to the nearest second, in UTC.
 */
function isoOf(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  // A serial day number is a float: 12:30 may come back as 12:29:59.9999.
  const iso = new Date(Math.round(date.getTime() / 1000) * 1000).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`;
}
