// COPY text encoding (city/db/copy-rows.ts) and the drivers' copyRows: awkward values survive the
// round trip byte for byte on both drivers, bad rows are refused before anything is sent, and a
// failing COPY inside a transaction rolls the transaction back and leaves the connection usable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CopyRowsError, copyStatement, encodeCopyRows } from '../../../city/db/copy-rows';
import type { CopyValue } from '../../../city/db/copy-rows';
import { describeEachDriver, openTestDatabase } from '../support/hub-harness';
import type { TestDatabase } from '../support/hub-harness';

describe('COPY text encoding', () => {
  it('writes NULL, numbers, booleans and escapes the four special characters', () => {
    expect(encodeCopyRows(5, [[null, 42, true, false, 'a\\b\tc\nd\re']])).toBe('\\N\t42\tt\tf\ta\\\\b\\tc\\nd\\re\n');
  });

  it('writes text[] as a quoted array literal, escaped again for COPY', () => {
    expect(encodeCopyRows(1, [[['x', 'say "hi"', 'back\\slash', 'comma,{brace}']]])).toBe('{"x","say \\\\"hi\\\\"","back\\\\\\\\slash","comma,{brace}"}\n');
    expect(encodeCopyRows(1, [[[]]])).toBe('{}\n');
  });

  it('encodes no rows as no text', () => {
    expect(encodeCopyRows(3, [])).toBe('');
  });

  it.each([
    ['a row of the wrong width', 2, [['a']]],
    ['NUL in text', 1, [['a\u0000b']]],
    ['NUL in an array element', 1, [[['ok', '\u0000']]]],
    ['a non-finite number', 1, [[Number.NaN]]],
  ] as [string, number, CopyValue[][]][])('refuses %s with a CopyRowsError', (_name, width, rows) => {
    expect(() => encodeCopyRows(width, rows)).toThrow(CopyRowsError);
  });

  it('accepts only plain identifiers in the statement', () => {
    expect(copyStatement({ table: 'events', columns: ['seq', 'hash'] }, 'STDIN')).toBe('COPY events (seq, hash) FROM STDIN');
    expect(() => copyStatement({ table: 'events; DROP TABLE x', columns: ['seq'] }, 'STDIN')).toThrow(CopyRowsError);
    expect(() => copyStatement({ table: 'events', columns: ['Seq"'] }, "'/dev/blob'")).toThrow(CopyRowsError);
  });
});

const TARGET = { table: 'copy_probe', columns: ['id', 'label', 'n', 'ok', 'tags'] } as const;
const AWKWARD: CopyValue[][] = [
  [1, 'plain', 7, true, []],
  [2, 'tab\there\nnewline\r\\ and "quotes" \'single\' ; DROP TABLE events; --', -9007199254740991, false, ['a b', 'c"d', 'e\\f', '{g}', 'h,i', 'NULL', '']],
  [3, null, null, null, ['Nguyễn Văn A', '👍']],
  [4, '\\N', 0, true, ['\\N']],
];

describeEachDriver('copyRows', (driver) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    await database.db.query('CREATE TABLE copy_probe (id integer PRIMARY KEY, label text, n bigint, ok boolean, tags text[])');
  });
  afterAll(async () => {
    await database.cleanup();
  });

  it('loads awkward values exactly, in and out of a transaction', async () => {
    expect(await database.db.copyRows(TARGET, AWKWARD.slice(0, 2))).toBe(2);
    expect(await database.db.transaction((tx) => tx.copyRows(TARGET, AWKWARD.slice(2)))).toBe(2);
    const rows = await database.db.query<Record<string, unknown>>('SELECT id, label, n, ok, tags FROM copy_probe ORDER BY id');
    expect(rows.map((row) => [row.id, row.label, row.n, row.ok, row.tags])).toEqual(AWKWARD);
  });

  it('loads nothing for no rows', async () => {
    expect(await database.db.copyRows(TARGET, [])).toBe(0);
  });

  it('fails the whole load on a duplicate key, rolls back the transaction, and keeps serving', async () => {
    const before = await database.db.query('SELECT count(*)::int AS n FROM copy_probe');
    await expect(
      database.db.transaction(async (tx) => {
        await tx.query("INSERT INTO copy_probe (id, label) VALUES (100, 'inside')");
        await tx.copyRows(TARGET, [[101, 'new', 1, true, []], [1, 'duplicate', 1, true, []]]);
      }),
    ).rejects.toThrow();
    expect(await database.db.query('SELECT count(*)::int AS n FROM copy_probe')).toEqual(before);
    for (let i = 0; i < 12; i++) expect(await database.db.transaction((tx) => tx.query('SELECT 1 AS one'))).toEqual([{ one: 1 }]);
  });

  it('refuses a bad row before sending anything', async () => {
    const before = await database.db.query('SELECT count(*)::int AS n FROM copy_probe');
    await expect(database.db.copyRows(TARGET, [[200, 'ok', 1, true, []], [201, 'nul\u0000', 1, true, []]])).rejects.toThrow(CopyRowsError);
    expect(await database.db.query('SELECT count(*)::int AS n FROM copy_probe')).toEqual(before);
  });
});
