/**
 * A real hub (city/ on PGlite, real HTTP on 127.0.0.1) with the server-side fault hooks of
 * reference/sync.md §5, all on the test side — city/ is not touched:
 * - FaultyDatabase wraps the HubDatabase: a transaction can do its work and then roll back with an
 *   error (crash before COMMIT), or commit and then throw (crash after COMMIT: the station never
 *   hears of a batch the hub holds); at a random rate; or the database is "down" (every query throws
 *   the error the hub maps to 503).
 * - HTTP hooks on the Fastify app: 429 with Retry-After for the next uploads, and a request log.
 * - Backups: a whole-database dump (PGlite dumpDataDir) and a restore onto a fresh PGlite, or a
 *   row-level rewind of one station (what a restore does to that station, in milliseconds).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { CopyTarget, CopyValue } from '../../city/db/copy-rows';
import type { HubDatabase, SqlExecutor, SqlParam } from '../../city/db/hub-database';
import { openPglite, pgliteHubDatabase } from '../../city/db/pglite-driver';
import { buildHubApp } from '../../city/http/create-hub';
import { openHubContext } from '../../city/hub-context';
import type { HubContext } from '../../city/hub-context';
import { issueEnrolmentCode } from '../../city/ingest/enrolment';
import { seedPgliteFolder } from '../support/pglite-template';

export class InjectedFault extends Error {}

export interface DbFaults {
  /** The next n transactions do their work, then roll back with an error (500). */
  failBeforeCommit: number;
  /** The next n transactions commit, then throw (500 for a batch the hub holds). */
  failAfterCommit: number;
  /** Every other transaction fails with this probability, before or after commit (half each). */
  randomFailRate: number;
  /** Every query throws like a closed database (the hub answers 503 with Retry-After). */
  down: boolean;
}

const NO_DB_FAULTS: DbFaults = { failBeforeCommit: 0, failAfterCommit: 0, randomFailRate: 0, down: false };

export class FaultyDatabase implements HubDatabase {
  readonly driver = 'pglite' as const;
  faults: DbFaults = { ...NO_DB_FAULTS };
  readonly counts = { transactions: 0, failedBeforeCommit: 0, failedAfterCommit: 0, refusedDown: 0 };
  #pg: PGlite;
  #inner: HubDatabase;

  constructor(
    pg: PGlite,
    readonly random: () => number = Math.random,
  ) {
    this.#pg = pg;
    this.#inner = pgliteHubDatabase(pg);
  }

  get pg(): PGlite {
    return this.#pg;
  }

  /** Puts another database behind the wrapper (a restore); returns the old one to close. */
  swap(pg: PGlite): PGlite {
    const old = this.#pg;
    this.#pg = pg;
    this.#inner = pgliteHubDatabase(pg);
    return old;
  }

  heal(): void {
    this.faults = { ...NO_DB_FAULTS };
  }

  #checkUp(): void {
    if (!this.faults.down) return;
    this.counts.refusedDown += 1;
    // The message the hub's error handler recognises as "database unavailable" (503).
    throw new InjectedFault('PGlite is closed (injected: database down)');
  }

  query<Row = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<Row[]> {
    this.#checkUp();
    return this.#inner.query<Row>(sql, params);
  }

  copyRows(target: CopyTarget, rows: readonly (readonly CopyValue[])[]): Promise<number> {
    this.#checkUp();
    return this.#inner.copyRows(target, rows);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    this.#checkUp();
    this.counts.transactions += 1;
    let when: 'before' | 'after' | null = null;
    if (this.faults.failBeforeCommit > 0) {
      this.faults.failBeforeCommit -= 1;
      when = 'before';
    } else if (this.faults.failAfterCommit > 0) {
      this.faults.failAfterCommit -= 1;
      when = 'after';
    } else if (this.faults.randomFailRate > 0 && this.random() < this.faults.randomFailRate) {
      when = this.random() < 0.5 ? 'before' : 'after';
    }
    if (when === 'before') {
      this.counts.failedBeforeCommit += 1;
      return this.#inner.transaction(async (tx) => {
        await work(tx);
        throw new InjectedFault('injected: crash before COMMIT');
      });
    }
    const result = await this.#inner.transaction(work);
    if (when === 'after') {
      this.counts.failedAfterCommit += 1;
      throw new InjectedFault('injected: crash after COMMIT');
    }
    return result;
  }

  close(): Promise<void> {
    return this.#inner.close();
  }
}

export interface HubRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly atMs: number;
}

export interface FaultHub {
  readonly ctx: HubContext;
  readonly db: FaultyDatabase;
  readonly port: number;
  readonly url: string;
  readonly requests: HubRequest[];
  /**
   * HTTP hooks: the next n uploads are answered 429 with Retry-After: retryAfterSeconds; and
   * `beforeAnswer` runs after the hub decided (and committed) but before a byte of the answer leaves.
   */
  readonly http: {
    tooManyRequests: number;
    retryAfterSeconds: number;
    beforeAnswer: ((request: { method: string; path: string; status: number }) => Promise<void>) | null;
  };
  /** Stops listening and listens again on the same port (a hub process restart). */
  restart(): Promise<void>;
  /** A consistent whole-database backup (PGlite's data directory as a tarball). */
  backup(): Promise<Blob>;
  /** Restores a backup: the hub restarts on a database loaded from it; later rows are gone. */
  restore(backup: Blob): Promise<void>;
  issueCode(stationId: string): Promise<string>;
  close(): Promise<void>;
}

/** One PGlite per test file (seeded from initdb's output: initdb takes seconds); `random` drives randomFailRate. */
export async function startFaultHub(options: { random?: () => number; retryAfterSeconds?: number } = {}): Promise<FaultHub> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tram-faults-hub-'));
  await seedPgliteFolder(join(dataDir, 'pgdata'));
  const db = new FaultyDatabase(await openPglite(join(dataDir, 'pgdata')), options.random);
  const ctx = await openHubContext({ dataDir, db });
  const requests: HubRequest[] = [];
  const http: FaultHub['http'] = { tooManyRequests: 0, retryAfterSeconds: 1, beforeAnswer: null };
  let restores = 0;
  let app: ReturnType<typeof buildHubApp> | null = null;

  const listen = async (port: number): Promise<number> => {
    const next = buildHubApp(ctx, { retryAfterSeconds: options.retryAfterSeconds ?? 1 });
    next.addHook('onRequest', async (request, reply) => {
      if (request.method !== 'POST' || !request.url.endsWith('/events') || http.tooManyRequests <= 0) return;
      http.tooManyRequests -= 1;
      return reply.code(429).header('retry-after', String(http.retryAfterSeconds)).send({ error: 'overloaded' });
    });
    next.addHook('onSend', async (request, reply, payload) => {
      await http.beforeAnswer?.({ method: request.method, path: request.url, status: reply.statusCode });
      return payload;
    });
    next.addHook('onResponse', async (request, reply) => {
      requests.push({ method: request.method, path: request.url, status: reply.statusCode, atMs: Date.now() });
    });
    await next.listen({ host: '127.0.0.1', port });
    app = next;
    const address = next.server.address();
    return typeof address === 'object' && address !== null ? address.port : port;
  };
  const port = await listen(0);

  return {
    ctx,
    db,
    port,
    url: `http://127.0.0.1:${port}`,
    requests,
    http,
    async restart() {
      await app?.close();
      app = null;
      await listen(port);
    },
    async backup() {
      return db.pg.dumpDataDir('none');
    },
    async restore(backup) {
      await app?.close();
      app = null;
      restores += 1;
      const old = db.swap(await openPglite(join(dataDir, `pgdata-restored-${restores}`), { loadDataDir: backup }));
      await old.close();
      await listen(port);
    },
    async issueCode(stationId) {
      return (await issueEnrolmentCode(ctx, stationId)).code;
    },
    async close() {
      await app?.close();
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * What restoring an older backup does to one station, without reloading the database: its rows after
 * `toSeq` are gone and its head is back at `toSeq` (the append-only trigger is bypassed for this
 * transaction only, as a restore bypasses it). Returns how many events the hub lost.
 */
export async function rewindStation(db: HubDatabase, stationId: string, epoch: number, toSeq: number): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('SET LOCAL session_replication_role = replica');
    const where = 'station_id = $1 AND epoch = $2 AND seq > $3';
    await tx.query(`DELETE FROM event_facts WHERE ${where}`, [stationId, epoch, toSeq]);
    const lost = await tx.query(`DELETE FROM events WHERE ${where} RETURNING seq`, [stationId, epoch, toSeq]);
    await tx.query(
      `UPDATE station_epochs SET acked_seq = $3,
         head_hash = COALESCE((SELECT hash FROM events WHERE station_id = $1 AND epoch = $2 AND seq = $3), start_hash)
       WHERE station_id = $1 AND epoch = $2`,
      [stationId, epoch, toSeq],
    );
    return lost.length;
  });
}
