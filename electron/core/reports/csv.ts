/**
 * CSV for Excel users in Vietnam: UTF-8 with a byte-order mark (without it Excel on Windows reads the
 * file as Windows-1252 and mangles every Vietnamese letter), CRLF line ends, every field quoted, and
 * a guard against formula injection — a cell beginning with = + - @ (or a tab / CR, which Excel
 * strips before looking) gets a leading single quote, so a spreadsheet shows it as text and never
 * runs it (OWASP "CSV injection").
 */

import { guardSpreadsheetText } from '../sync/protocol/spreadsheet-text';

export const UTF8_BOM = '\uFEFF';

export type CsvValue = string | number | null | undefined;

/** One field, quoted; `"` doubled; a formula-looking text neutralised. Numbers are written as is. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '""';
  let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  // Only text is guarded: a negative number is data, not a formula, and stays a number in Excel.
  if (typeof value === 'string') text = guardSpreadsheetText(text);
  return `"${text.replace(/"/g, '""')}"`;
}

/** The whole file: BOM, then every row joined with CRLF, ending with CRLF. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return `${UTF8_BOM}${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
