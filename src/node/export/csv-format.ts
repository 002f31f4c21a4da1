import type { CsvSeparator } from '../../common/schemas/csv-separator';

/**
 * CSV as RFC 4180 §2 writes it: records end in CRLF; a field holding the separator, a double quote, CR or
 * LF is enclosed in double quotes, and a quote inside it is doubled. The text starts with a UTF-8 byte order
 * mark, which is how Excel knows the file is UTF-8 (without it, æ, ø and å come out garbled).
 */
export const UTF8_BOM = '\uFEFF';

export function formatCsv(rows: readonly (readonly string[])[], separator: CsvSeparator): string {
  return UTF8_BOM + rows.map((row) => formatCsvRecord(row, separator)).join('');
}

export function formatCsvRecord(fields: readonly string[], separator: CsvSeparator): string {
  return `${fields.map((field) => formatCsvField(field, separator)).join(separator)}\r\n`;
}

export function formatCsvField(field: string, separator: CsvSeparator): string {
  const needsQuotes = field.includes(separator) || /["\r\n]/.test(field);
  return needsQuotes ? `"${field.replaceAll('"', '""')}"` : field;
}

/**
 * A cell a spreadsheet would run as a formula gets a leading apostrophe, the OWASP advice against CSV
 * injection (OWASP "CSV Injection"; ASVS 5.0 V1.2.10): one that starts with `=`, `+`, `-` or `@`, or with
 * a tab, CR, LF or NUL, or with blanks before any of those (some spreadsheets trim them before they read
 * the cell), or with the full-width forms `＝＋－＠` (which Excel in East Asian locales may read as the
 * ASCII ones). Every value from Altinn goes through this (instances-csv.ts): ids, task ids, stakeholder
 * ids, dates it sent that are no dates.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL at the start is one of the triggers (ASVS V1.2.10)
const FORMULA_START = /^[\s\u0000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n\u0000]/;

export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
