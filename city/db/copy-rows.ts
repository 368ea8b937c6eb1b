/**
 * Rows for `COPY … FROM STDIN` in PostgreSQL's text format, the fastest way to load a batch: the
 * server reads tab-separated lines with no per-value parameter parsing and no JSON decoding. Shared by
 * both drivers, so PGlite and PostgreSQL receive byte-identical data.
 *
 * Text format rules (PostgreSQL docs, "COPY", File Formats → Text Format): `\N` is NULL; backslash,
 * tab, newline and carriage return inside a value are written as `\\`, `\t`, `\n`, `\r`. A text[]
 * value is an array literal with every element double-quoted, escaped again by the same rules.
 */

export type CopyValue = string | number | boolean | null | readonly string[];

export interface CopyTarget {
  readonly table: string;
  readonly columns: readonly string[];
}

/** Identifiers are written into SQL text, so only plain lower-case names from code are accepted. */
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export class CopyRowsError extends Error {
  override readonly name = 'CopyRowsError';
}

/** `COPY table (columns) FROM <source>`; source is `STDIN` (PostgreSQL) or `'/dev/blob'` (PGlite). */
export function copyStatement(target: CopyTarget, source: 'STDIN' | "'/dev/blob'"): string {
  for (const name of [target.table, ...target.columns]) {
    if (!IDENTIFIER.test(name)) throw new CopyRowsError(`not a plain identifier: ${JSON.stringify(name)}`);
  }
  return `COPY ${target.table} (${target.columns.join(', ')}) FROM ${source}`;
}

/** One scan decides whether a value needs work: the four escaped characters, or a NUL to refuse. */
// eslint-disable-next-line no-control-regex -- finding NUL (and tab, newline, CR) is the point here
const NEEDS_WORK = /[\\\t\n\r\u0000]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escapeText(text: string): string {
  // Most values (hex hashes, uuids, canonical JSON) need nothing: one regex test and out.
  if (!NEEDS_WORK.test(text)) return text;
  if (text.includes('\u0000')) throw new CopyRowsError('text values cannot hold NUL');
  return text.replace(SPECIAL_ALL, (c) => ESCAPED[c] ?? c);
}

function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

function encodeValue(value: CopyValue): string {
  if (typeof value === 'string') return escapeText(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new CopyRowsError(`not a finite number: ${value}`);
    return String(value);
  }
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return escapeText(arrayLiteral(value));
}

/** The COPY text of `rows`, one line per row; every row must have `width` values. */
export function encodeCopyRows(width: number, rows: readonly (readonly CopyValue[])[]): string {
  // Plain concatenation: V8 builds a rope and flattens it once when the driver makes the Buffer.
  let text = '';
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] ?? [];
    if (row.length !== width) throw new CopyRowsError(`row ${i} has ${row.length} values, expected ${width}`);
    let line = encodeValue(row[0] ?? null);
    for (let column = 1; column < width; column++) line += `\t${encodeValue(row[column] ?? null)}`;
    text += `${line}\n`;
  }
  return text;
}
