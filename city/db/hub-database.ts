/**
 * The hub's one storage interface: PostgreSQL SQL text with bound parameters, over two drivers —
 * embedded PGlite in the data folder (default) or a real PostgreSQL server via DATABASE_URL. The
 * repositories in city/store only ever see `SqlExecutor`, so every query runs on both.
 *
 * Driver contract: bigint columns come back as JS numbers (seqs and ms times stay below 2^53),
 * text[] as string[], NULL as null.
 */
import { join } from 'node:path';
import type { CopyTarget, CopyValue } from './copy-rows';

export type SqlParam = string | number | boolean | null | readonly (string | number | boolean | null)[];

export interface SqlExecutor {
  /** Runs one statement and returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<Row[]>;
  /**
   * Bulk-loads rows with COPY (all or nothing: a bad row or a duplicate key fails the statement);
   * returns how many rows were loaded. Values are in `target.columns` order.
   */
  copyRows(target: CopyTarget, rows: readonly (readonly CopyValue[])[]): Promise<number>;
}

export interface HubDatabase extends SqlExecutor {
  readonly driver: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseLocation {
  /** The hub's data folder; PGlite keeps its files in `<dataDir>/pgdata`. */
  readonly dataDir: string;
  /** A `postgres://` URL; when set, PostgreSQL is used instead of PGlite. */
  readonly databaseUrl?: string | undefined;
}

/** Opens the database a hub data folder (or DATABASE_URL) points at. Does not migrate. */
export async function openHubDatabase(location: DatabaseLocation): Promise<HubDatabase> {
  if (location.databaseUrl !== undefined && location.databaseUrl !== '') {
    const { openPostgresDatabase } = await import('./postgres-driver');
    return openPostgresDatabase(location.databaseUrl);
  }
  const { openPgliteDatabase } = await import('./pglite-driver');
  return openPgliteDatabase(join(location.dataDir, 'pgdata'));
}
