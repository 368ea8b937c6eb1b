/**
 * A real PostgreSQL server through `pg` (node-postgres), selected by DATABASE_URL. `pg` and
 * `pg-copy-streams` are loaded with require so PGlite-only installs never load them and the module
 * needs no type packages. Connection-string extras such as `?options=-c search_path=x` pass through.
 */
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { copyStatement, encodeCopyRows } from './copy-rows';
import type { CopyTarget, CopyValue } from './copy-rows';
import type { HubDatabase, SqlExecutor, SqlParam } from './hub-database';

/** pg-copy-streams' COPY FROM query: submitted through client.query, written like a stream. */
interface CopyFromStream extends Writable {
  readonly rowCount: number;
}
interface PgQueryable {
  query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }>;
}
interface PgPoolClient extends PgQueryable {
  query<T extends CopyFromStream>(stream: T): T;
  query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }>;
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
interface PgCopyStreamsModule {
  from(sql: string): CopyFromStream;
}

const INT8_OID = 20;
const MAX_TRANSACTION_ATTEMPTS = 5;
/** deadlock_detected, serialization_failure */
const RETRYABLE_CODES = new Set(['40P01', '40001']);

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE_CODES.has(code);
}

/** Opens a connection pool; the first query proves the server answers. */
export async function openPostgresDatabase(url: string, maxConnections = 10): Promise<HubDatabase> {
  const db = openLazyPostgresDatabase(url, maxConnections);
  await db.query('SELECT 1');
  return db;
}

/** A connection pool that connects on first use (a read replica may be down when the hub starts). */
export function openLazyPostgresDatabase(url: string, maxConnections = 10, connectTimeoutMs?: number): HubDatabase {
  const require = createRequire(import.meta.url);
  const pg = require('pg') as PgModule;
  const copyStreams = require('pg-copy-streams') as PgCopyStreamsModule;
  const getTypeParser = (oid: number, format?: string) =>
    oid === INT8_OID && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format);
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, types: { getTypeParser }, ...(connectTimeoutMs === undefined ? {} : { connectionTimeoutMillis: connectTimeoutMs }) });
  // An idle client dying (server restart) must not crash the hub; the next query reconnects.
  pool.on('error', () => undefined);
  const run = async <Row>(target: PgQueryable, sql: string, params: readonly SqlParam[] = []): Promise<Row[]> =>
    (await target.query(sql, [...params])).rows as Row[];
  const copy = async (client: PgPoolClient, target: CopyTarget, rows: readonly (readonly CopyValue[])[]): Promise<number> => {
    if (rows.length === 0) return 0;
    const text = encodeCopyRows(target.columns.length, rows);
    const stream = client.query(copyStreams.from(copyStatement(target, 'STDIN')));
    await pipeline(Readable.from([Buffer.from(text, 'utf8')]), stream);
    return stream.rowCount;
  };
  const executorOf = (client: PgPoolClient): SqlExecutor => ({
    query: (sql, params) => run(client, sql, params),
    copyRows: (target, rows) => copy(client, target, rows),
  });
  const runTransaction = async <T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN', []);
      const result = await work(executorOf(client));
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
  };
  return {
    driver: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    async copyRows(target, rows) {
      const client = await pool.connect();
      try {
        return await copy(client, target, rows);
      } finally {
        client.release();
      }
    },
    async transaction(work) {
      // A deadlock or serialization failure rolls the whole transaction back, so running the work
      // again is safe (it only touches the database); bounded, with a short random pause.
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await runTransaction(work);
        } catch (error) {
          if (attempt >= MAX_TRANSACTION_ATTEMPTS || !isRetryable(error)) throw error;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
        }
      }
    },
    close: () => pool.end(),
  };
}
