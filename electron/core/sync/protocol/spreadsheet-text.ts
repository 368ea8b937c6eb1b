/**
 * The one guard against formula injection (OWASP "CSV injection") for every CSV either side writes:
 * the station's report sheets (electron/core/reports/csv.ts) and the hub's progress export
 * (city/reports/csv.ts). Officials open both in Excel, so both need the same rule. It lives with the
 * shared station↔hub code because the hub may import nothing else of the station's.
 *
 * A text beginning with = + - @ (or a tab or CR, which Excel strips before looking) gets a leading
 * single quote: the spreadsheet shows it as text and never runs it. Numbers are data and are never
 * passed here, so a negative count stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** `text`, with a leading `'` when a spreadsheet would read it as a formula. */
export function guardSpreadsheetText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
