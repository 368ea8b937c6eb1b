/**
 * Embedded PostgreSQL (PGlite, WASM) in a data folder: the default for a laptop or a small city.
 * One process owns the folder; `tram city` commands reach a running hub through its admin route
 * instead of opening the folder a second time (see city/cli/serve-lock.ts).
 */
import { mkdir } from 'node:fs/promises';
import { PGlite, types } from '@electric-sql/pglite';
import type { PGliteOptions, Transaction } from '@electric-sql/pglite';
import { copyStatement, encodeCopyRows } from './copy-rows';
import type { CopyTarget, CopyValue } from './copy-rows';
import type { HubDatabase, SqlExecutor, SqlParam } from './hub-database';

/** Opens (and on first use initialises, which takes seconds) a PGlite database in `dir`. */
export async function openPgliteDatabase(dir: string): Promise<HubDatabase> {
  await mkdir(dir, { recursive: true });
  return pgliteHubDatabase(await openPglite(dir));
}

/** A PGlite instance with the hub's type parsers (bigint as a JS number); `extra` e.g. loads a dump. */
export function openPglite(dir: string, extra: PGliteOptions = {}): Promise<PGlite> {
  return PGlite.create(dir, { ...extra, parsers: { [types.INT8]: (value: string) => Number(value) } });
}

/** The hub's storage interface over an open PGlite instance (also used by the fault-injection tests). */
export function pgliteHubDatabase(pg: PGlite): HubDatabase {
  return {
    driver: 'pglite',
    ...executorOf(pg),
    transaction: (work) => pg.transaction((tx) => work(executorOf(tx))),
    close: () => pg.close(),
  };
}

function executorOf(target: PGlite | Transaction): SqlExecutor {
  return {
    query: async <Row>(sql: string, params: readonly SqlParam[] = []) => (await target.query<Row>(sql, [...params])).rows,
    // PGlite has no COPY sub-protocol; it reads COPY data from a Blob passed as the virtual file /dev/blob.
    async copyRows(copyTarget: CopyTarget, rows: readonly (readonly CopyValue[])[]) {
      if (rows.length === 0) return 0;
      const text = encodeCopyRows(copyTarget.columns.length, rows);
      const result = await target.query(copyStatement(copyTarget, "'/dev/blob'"), [], { blob: new Blob([text]) });
      return result.affectedRows ?? 0;
    },
  };
}
