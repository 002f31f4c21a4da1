import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type {
  GivenOwner,
  OwnerKind,
  ProblemDetails,
  RowProblem,
  SendColumn,
} from '../../common/contract/bulk-send-types';
import { AppError } from '../../common/errors/app-error';
import { SendErrors } from '../../common/errors/send-errors';
import type { ApplicationMetadata } from '../../common/schemas/application-metadata';
import { contentTypeFor } from '../acts/content-types';
import { checkCounts, checkDate, checkOwner, checkPartInfo, checkPrefill } from '../acts/local-checks';
import { columnLetter } from './column-map';
import type { SheetRow, SheetTable } from './sheet-file';

/** A file of a row, checked against the app's metadata; its bytes are read when the row is sent. */
export interface PlannedAttachment {
  dataType: string;
  /** Absolute, inside the spreadsheet's folder. */
  path: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** A row that passed every check: what is sent for it. */
export interface PlannedRow {
  row: number;
  owner: { kind: OwnerKind; value: string };
  prefill?: Record<string, string>;
  visibleAfter?: string;
  dueBefore?: string;
  attachments: PlannedAttachment[];
  /** The row's content (owner, prefill, dates, attachments' hashes) as the journal keys it (rowKey). */
  key: string;
}

export interface CheckedRows {
  planned: PlannedRow[];
  /** Rows with an error: never sent. */
  invalid: Map<number, RowProblem[]>;
  problems: RowProblem[];
  /** Each invalid row's owner cells as the file gave them (the window shows who the row was for). */
  given: Map<number, GivenOwner[]>;
  /** Rows that have any cell (empty rows are skipped, but keep their numbers). */
  count: number;
}

const OWNER_ROLES: Record<string, OwnerKind> = { orgno: 'org', fnr: 'person', partyId: 'party' };

/**
 * Every row checked before anything is sent (issue 22, item 1): exactly one owner with a valid checksum, the
 * dates, the prefill paths, and each attachment — a file relative to the spreadsheet, inside its folder, that
 * exists — against the app's data types, content types, sizes and counts (the checks of src/node/acts/). Two
 * identical rows: the later is an error (the journal keys rows by content, so it would be sent once);
 * the same owner twice: a warning.
 */
export async function checkRows(
  table: SheetTable,
  columns: SendColumn[],
  metadata: ApplicationMetadata,
  sheetPath: string,
): Promise<CheckedRows> {
  const folder = await realpath(dirname(resolve(sheetPath))).catch(() => dirname(resolve(sheetPath)));
  const hashes = new Map<string, Promise<string>>();
  const planned: PlannedRow[] = [];
  const invalid = new Map<number, RowProblem[]>();
  const problems: RowProblem[] = [];
  const given = new Map<number, GivenOwner[]>();
  const byKey = new Map<string, number>();
  const byOwner = new Map<string, number>();
  let count = 0;
  for (const sheetRow of table.rows) {
    if (sheetRow.cells.every((c) => c.text.trim() === '')) continue;
    count++;
    const rowProblems: RowProblem[] = [];
    const add: Add = (column, code, message, severity = 'error', details) =>
      rowProblems.push({
        row: sheetRow.row,
        ...(column ? { column } : {}),
        code,
        message,
        ...(details && Object.keys(details).length > 0 ? { details } : {}),
        severity,
      });
    const checked = await checkRow(sheetRow, columns, metadata, folder, hashes, add);
    if (checked && !rowProblems.some((p) => p.severity === 'error')) {
      const earlier = byKey.get(checked.key);
      if (earlier !== undefined) {
        add(
          undefined,
          SendErrors.DUPLICATE_ROW,
          `Row ${sheetRow.row} is the same as row ${earlier}; it would be sent once`,
          'error',
          { other: earlier },
        );
      } else {
        byKey.set(checked.key, sheetRow.row);
        const owner = `${checked.owner.kind}:${checked.owner.value}`;
        const first = byOwner.get(owner);
        if (first !== undefined) {
          add(
            undefined,
            SendErrors.DUPLICATE_OWNER,
            `The owner of row ${sheetRow.row} is also the owner of row ${first}: they get one instance each`,
            'warning',
            { other: first },
          );
        } else byOwner.set(owner, sheetRow.row);
        planned.push(checked);
      }
    }
    problems.push(...rowProblems);
    if (rowProblems.some((p) => p.severity === 'error')) {
      invalid.set(sheetRow.row, rowProblems);
      given.set(sheetRow.row, givenOwners(sheetRow, columns));
    }
  }
  return { planned, invalid, problems, given, count };
}

type Add = (
  column: string | undefined,
  code: string,
  message: string,
  severity?: 'error' | 'warning',
  details?: ProblemDetails,
) => void;

/** The owner cells of a row as the file has them (trimmed, not normalized): who the row was meant for. */
function givenOwners(sheetRow: SheetRow, columns: SendColumn[]): GivenOwner[] {
  const out: GivenOwner[] = [];
  for (const c of columns) {
    const kind = OWNER_ROLES[c.role];
    const value = (sheetRow.cells[c.index]?.text ?? '').trim();
    if (kind && value !== '') out.push({ kind, column: c.header, value });
  }
  return out;
}

/**
 * An AppError's details as the window's sentence takes them: text and numbers as they are, lists joined, the
 * rest (the `outcome` marker, objects) left out; `extra` (the cell's value, the column's letter) on top.
 */
export function problemDetails(
  details: Record<string, unknown> | undefined,
  extra: ProblemDetails = {},
): ProblemDetails {
  const out: ProblemDetails = {};
  for (const [key, value] of Object.entries(details ?? {})) {
    if (key === 'outcome') continue;
    if (typeof value === 'string' || typeof value === 'number') out[key] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'))
      out[key] = value.join(', ');
  }
  return { ...out, ...extra };
}

async function checkRow(
  sheetRow: SheetRow,
  columns: SendColumn[],
  metadata: ApplicationMetadata,
  folder: string,
  hashes: Map<string, Promise<string>>,
  add: Add,
): Promise<PlannedRow | undefined> {
  const cell = (c: SendColumn) => sheetRow.cells[c.index];
  const text = (c: SendColumn) => (cell(c)?.text ?? '').trim();
  const guard = <T>(column: SendColumn | undefined, f: () => T, extra?: ProblemDetails): T | undefined => {
    try {
      return f();
    } catch (error) {
      if (error instanceof AppError)
        add(column?.header, error.code, error.message, 'error', problemDetails(error.details, extra));
      else throw error;
      return undefined;
    }
  };
  let ok = true;

  const owners = columns.filter((c) => OWNER_ROLES[c.role] && text(c) !== '');
  let owner: PlannedRow['owner'] | undefined;
  if (owners.length === 0) {
    add(undefined, SendErrors.OWNER_MISSING, 'No owner: fill in exactly one of orgno, fnr and partyId');
    ok = false;
  } else if (owners.length > 1) {
    add(
      owners.map((c) => c.header).join(', '),
      SendErrors.OWNER_SEVERAL,
      `Several owners (${owners.map((c) => c.header).join(', ')}): fill in exactly one`,
      'error',
      { columns: owners.map((c) => c.header).join(', ') },
    );
    ok = false;
  } else {
    const column = owners[0] as SendColumn;
    const kind = OWNER_ROLES[column.role] as OwnerKind;
    let value = text(column);
    // Excel drops the leading zero of a national identity number typed as a number (01017012345 → 1017012345);
    // the checksum still guards the number with it put back.
    if (kind === 'person' && cell(column)?.kind === 'number' && /^\d{10}$/.test(value)) value = `0${value}`;
    // The window shows the cell as the file has it; the CLI's English message leaves a person's number out.
    owner = guard(column, () => checkOwner({ kind, value }), {
      value: text(column),
      letter: columnLetter(column.index),
    });
    if (!owner) ok = false;
  }

  const dates: Partial<Record<'visibleAfter' | 'dueBefore', string>> = {};
  for (const role of ['visibleAfter', 'dueBefore'] as const) {
    const column = columns.find((c) => c.role === role);
    if (!column || text(column) === '') continue;
    const value = guard(column, () => checkDate(text(column), role), {
      value: text(column).slice(0, 40),
      letter: columnLetter(column.index),
    });
    if (value === undefined) ok = false;
    else dates[role] = value;
  }

  const prefillColumns = columns.filter((c) => c.role === 'prefill' && text(c) !== '');
  let prefill: Record<string, string> | undefined;
  if (prefillColumns.length > 0) {
    const raw: Record<string, string> = {};
    for (const c of prefillColumns) raw[c.target as string] = text(c);
    prefill = guard(prefillColumns[0], () => checkPrefill(raw), {
      letter: columnLetter((prefillColumns[0] as SendColumn).index),
    });
    if (!prefill) ok = false;
  }

  const attachments: PlannedAttachment[] = [];
  for (const column of columns.filter((c) => c.role === 'attachment' && text(c) !== '')) {
    const attachment = await checkAttachment(column, text(column), metadata, folder, hashes, add);
    if (attachment) attachments.push(attachment);
    else ok = false;
  }
  const countsOk = () => {
    checkCounts(metadata, attachments);
    return true;
  };
  if (attachments.length > 0 && guard(undefined, countsOk) !== true) ok = false;
  if (!ok || !owner) return undefined;
  const planned: Omit<PlannedRow, 'key'> = {
    row: sheetRow.row,
    owner,
    ...(prefill ? { prefill } : {}),
    ...dates,
    attachments,
  };
  return { ...planned, key: rowKey(planned) };
}

async function checkAttachment(
  column: SendColumn,
  name: string,
  metadata: ApplicationMetadata,
  folder: string,
  hashes: Map<string, Promise<string>>,
  add: Add,
): Promise<PlannedAttachment | undefined> {
  const where = `${column.header} (${columnLetter(column.index)})`;
  const at: ProblemDetails = {
    name: name.slice(0, 200),
    letter: columnLetter(column.index),
    dataType: column.target ?? '',
  };
  // A spreadsheet may come from someone else: its files are the ones beside it, never a path of its own choice.
  if (isAbsolute(name) || /^[a-zA-Z]:[\\/]/.test(name) || name.startsWith('\\\\')) {
    add(
      column.header,
      SendErrors.ATTACHMENT_OUTSIDE,
      `${where}: "${name}" must be a file name relative to the spreadsheet's folder`,
      'error',
      at,
    );
    return undefined;
  }
  // Checked on the name as written and again once links are resolved: either may leave the folder.
  const outside = () => {
    add(
      column.header,
      SendErrors.ATTACHMENT_OUTSIDE,
      `${where}: ${name} is outside the spreadsheet's folder`,
      'error',
      at,
    );
    return undefined;
  };
  const path = resolve(folder, name.replace(/\\/g, '/'));
  if (!inside(folder, path)) return outside();
  let real: string;
  let size: number;
  try {
    real = await realpath(path);
    const s = await stat(real);
    if (!s.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    size = s.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code ?? '';
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is not a file' : `cannot be read (${code})`;
    const reason = code === 'ENOENT' ? 'missing' : code === 'EISDIR' ? 'not-a-file' : 'unreadable';
    add(column.header, 'ACT_FILE_UNREADABLE', `${where}: ${name} ${why} (looked for beside the spreadsheet)`, 'error', {
      ...at,
      reason,
    });
    return undefined;
  }
  if (!inside(folder, real)) return outside();
  const filename = basename(real);
  try {
    const checked = checkPartInfo(metadata, {
      dataType: column.target as string,
      filename,
      contentType: contentTypeFor(filename),
      size,
    });
    let hash = hashes.get(real);
    if (!hash) {
      hash = sha256File(real);
      hashes.set(real, hash);
    }
    return {
      dataType: checked.dataType,
      path: real,
      filename,
      contentType: checked.contentType,
      size,
      sha256: await hash,
    };
  } catch (error) {
    if (!(error instanceof AppError)) {
      add(column.header, 'ACT_FILE_UNREADABLE', `${where}: ${name} cannot be read`, 'error', {
        ...at,
        reason: 'unreadable',
      });
      return undefined;
    }
    add(column.header, error.code, `${where}: ${error.message}`, 'error', problemDetails(error.details, at));
    return undefined;
  }
}

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

function sha256File(path: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolvePromise(hash.digest('hex')));
  });
}

/**
 * The row's content as the journal keys it: owner, prefill (sorted), dates and each attachment's data type
 * and SHA-256 — not its row number or file name, so a row that moves in the file, or a file renamed with the
 * same bytes, is the same row; a changed value is another row.
 */
export function rowKey(row: Omit<PlannedRow, 'key' | 'row'>): string {
  const prefill = Object.entries(row.prefill ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = JSON.stringify([
    row.owner.kind,
    row.owner.value,
    prefill,
    row.visibleAfter ?? null,
    row.dueBefore ?? null,
    row.attachments.map((a) => [a.dataType, a.sha256]).sort(),
  ]);
  // 16 bytes in hex: a string of its own, not a slice that keeps the whole 64-character digest alive per row.
  return createHash('sha256').update(canonical).digest().subarray(0, 16).toString('hex');
}
