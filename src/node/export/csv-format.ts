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
 * A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or CR before one) gets a leading
 * apostrophe, the OWASP advice against CSV injection: values from Altinn (task ids, stakeholder ids) are
 * not ours to trust. Apply it to text from outside, not to our own numbers.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
