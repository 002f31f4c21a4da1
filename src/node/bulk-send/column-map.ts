import type { ColumnRole, RowProblem, SendColumn } from '../../common/contract/bulk-send-types';
import { AppError } from '../../common/errors/app-error';
import { SendErrors } from '../../common/errors/send-errors';

/**
 * The known column names (issue 22, item 1), case-insensitive: exactly one owner column per row — `orgno`,
 * `fnr` or `partyId` (with the Norwegian names people write) —, `visibleAfter`, `dueBefore`, `prefill.<path>`
 * and `attachment.<dataType>`. Anything else is flagged and ignored.
 */
const NAMES: Record<string, ColumnRole> = {
  orgno: 'orgno',
  orgnr: 'orgno',
  organisasjonsnummer: 'orgno',
  fnr: 'fnr',
  fodselsnummer: 'fnr',
  fødselsnummer: 'fnr',
  personnummer: 'fnr',
  partyid: 'partyId',
  visibleafter: 'visibleAfter',
  duebefore: 'dueBefore',
};

export function mapColumns(header: string[]): { columns: SendColumn[]; problems: RowProblem[] } {
  const columns: SendColumn[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, string>();
  header.forEach((raw, index) => {
    const name = raw.trim();
    if (name === '') return;
    const lower = name.toLowerCase();
    let column: SendColumn;
    const dot = name.indexOf('.');
    const prefix = dot > 0 ? lower.slice(0, dot) : '';
    if (prefix === 'prefill' && dot < name.length - 1) {
      column = { index, header: name, role: 'prefill', target: name.slice(dot + 1) };
    } else if ((prefix === 'attachment' || prefix === 'vedlegg') && dot < name.length - 1) {
      column = { index, header: name, role: 'attachment', target: name.slice(dot + 1) };
    } else {
      column = { index, header: name, role: NAMES[lower] ?? 'unknown' };
    }
    if (column.role === 'unknown') {
      problems.push({
        row: 1,
        column: name,
        code: SendErrors.UNKNOWN_COLUMN,
        message: `Column "${name}" is not one the send knows; it is ignored (known: orgno, fnr, partyId, visibleAfter, dueBefore, prefill.<path>, attachment.<dataType>)`,
        details: { letter: columnLetter(index) },
        severity: 'warning',
      });
    } else {
      const key = `${column.role}:${column.target ?? ''}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        throw new AppError(SendErrors.FILE_INVALID, `Columns "${earlier}" and "${name}" say the same thing; keep one`, {
          details: { column: name },
        });
      }
      seen.set(key, name);
    }
    columns.push(column);
  });
  if (header.every((h) => h.trim() === '')) {
    throw new AppError(SendErrors.FILE_INVALID, 'Row 1 is empty: the first row must name the columns', {
      details: { row: 1 },
    });
  }
  if (!columns.some((c) => c.role === 'orgno' || c.role === 'fnr' || c.role === 'partyId')) {
    throw new AppError(
      SendErrors.NO_OWNER_COLUMN,
      'No owner column: name the owners in a column called orgno, fnr or partyId',
      { details: { row: 1 } },
    );
  }
  return { columns, problems };
}

/** The spreadsheet's letter of a 0-based column: A, B, …, Z, AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
