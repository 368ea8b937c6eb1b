/**
 * A real PostgreSQL server through `pg` (node-postgres), selected by DATABASE_URL. `pg` is loaded
 * with require so PGlite-only installs never load it and the module needs no type package.
 * Connection-string extras such as `?options=-c search_path=x` pass straight through.
 */
import { createRequire } from 'node:module';
import type { HubDatabase, SqlExecutor, SqlParam } from './hub-database';

interface PgQueryable {
  query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }>;
}
interface PgPoolClient extends PgQueryable {
  release(error?: Error): void;
}
interface PgPool extends PgQueryable {
  connect(): Promise<PgPoolClient>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): void;
}
interface PgModule {
  Pool: new (config: Record<string, unknown>) => PgPool;
  types: { getTypeParser(oid: number, format?: string): (value: string) => unknown };
}

const INT8_OID = 20;

/** Opens a connection pool; the first query proves the server answers. */
export async function openPostgresDatabase(url: string, maxConnections = 10): Promise<HubDatabase> {
  const pg = createRequire(import.meta.url)('pg') as PgModule;
  const getTypeParser = (oid: number, format?: string) =>
    oid === INT8_OID && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format);
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, types: { getTypeParser } });
  // An idle client dying (server restart) must not crash the hub; the next query reconnects.
  pool.on('error', () => undefined);
  const run = async <Row>(target: PgQueryable, sql: string, params: readonly SqlParam[] = []): Promise<Row[]> =>
    (await target.query(sql, [...params])).rows as Row[];
  await run(pool, 'SELECT 1');
  return {
    driver: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN', []);
        const executor: SqlExecutor = { query: (sql, params) => run(client, sql, params) };
        const result = await work(executor);
        await client.query('COMMIT', []);
        client.release();
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK', []);
          client.release();
        } catch (rollbackError) {
          client.release(rollbackError as Error);
        }
        throw error;
      }
    },
    close: () => pool.end(),
  };
}
