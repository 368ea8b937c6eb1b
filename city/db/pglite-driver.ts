/**
 * Embedded PostgreSQL (PGlite, WASM) in a data folder: the default for a laptop or a small city.
 * One process owns the folder; `tram city` commands reach a running hub through its admin route
 * instead of opening the folder a second time (see city/cli/serve-lock.ts).
 */
import { mkdir } from 'node:fs/promises';
import { PGlite, types } from '@electric-sql/pglite';
import type { HubDatabase, SqlExecutor, SqlParam } from './hub-database';

/** Opens (and on first use initialises, which takes seconds) a PGlite database in `dir`. */
export async function openPgliteDatabase(dir: string): Promise<HubDatabase> {
  await mkdir(dir, { recursive: true });
  const pg = await PGlite.create(dir, { parsers: { [types.INT8]: (value: string) => Number(value) } });
  const query = async <Row>(sql: string, params: readonly SqlParam[] = []): Promise<Row[]> =>
    (await pg.query<Row>(sql, [...params])).rows;
  return {
    driver: 'pglite',
    query,
    transaction: (work) =>
      pg.transaction(async (tx) => {
        const executor: SqlExecutor = { query: async <Row>(sql: string, params: readonly SqlParam[] = []) => (await tx.query<Row>(sql, [...params])).rows };
        return work(executor);
      }),
    close: () => pg.close(),
  };
}
