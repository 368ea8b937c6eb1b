/**
 * A real city hub (createHub: Fastify + PGlite or PostgreSQL) listening on 127.0.0.1 for the sync
 * benchmarks. PostgreSQL runs get a schema of their own that is dropped at close, so a bench leaves
 * nothing behind in the shared database (as openTestDatabase does for the tests).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHubDatabase } from '../../../city/db/hub-database';
import type { HubDatabase } from '../../../city/db/hub-database';
import { createHub } from '../../../city/http/create-hub';
import type { Hub } from '../../../city/http/create-hub';
import { issueEnrolmentCode } from '../../../city/ingest/enrolment';
import { countEvents } from '../../../city/store/event-store';

/** The CI cluster's database (see .ci/run) unless the environment names another. */
export const DEFAULT_DATABASE_URL = 'postgres://tram:tram@127.0.0.1:5432/tram_test';

export function benchDatabaseUrl(): string {
  return process.env.DATABASE_URL || process.env.TEST_DATABASE_URL || DEFAULT_DATABASE_URL;
}

export interface BenchHub {
  readonly hub: Hub;
  readonly url: string;
  readonly port: number;
  issueCode(stationId: string): Promise<string>;
  countEvents(stationId: string, epoch?: number): Promise<number>;
  close(): Promise<void>;
}

interface PostgresSchema {
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * Creates a fresh schema and returns a URL whose search_path points at it, or the reason PostgreSQL
 * cannot be used (unreachable, refused login) so the caller can skip with a clear note.
 */
export async function openPostgresSchema(baseUrl: string): Promise<PostgresSchema | { unreachable: string }> {
  let admin: HubDatabase;
  try {
    admin = await openHubDatabase({ dataDir: tmpdir(), databaseUrl: baseUrl });
  } catch (error) {
    return { unreachable: (error as Error).message || String(error) };
  }
  // Identifiers cannot be bound; the name is made here from hex digits only.
  const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
}

/** Starts a migrated hub on an ephemeral loopback port; PGlite unless `databaseUrl` is given. */
export async function startBenchHub(options: { databaseUrl?: string } = {}): Promise<BenchHub> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tram-bench-hub-'));
  let schema: PostgresSchema | null = null;
  try {
    let databaseUrl: string | undefined;
    if (options.databaseUrl !== undefined) {
      const opened = await openPostgresSchema(options.databaseUrl);
      if ('unreachable' in opened) throw new Error(`PostgreSQL unreachable: ${opened.unreachable}`);
      schema = opened;
      databaseUrl = opened.url;
    }
    const hub = await createHub({ dataDir, databaseUrl });
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = hub.app.server.address() as AddressInfo;
    const owned = schema;
    return {
      hub,
      port,
      url: `http://127.0.0.1:${port}`,
      issueCode: async (stationId) => (await issueEnrolmentCode(hub.ctx, stationId)).code,
      countEvents: (stationId, epoch = 1) => countEvents(hub.ctx.db, { stationId, epoch }),
      async close() {
        await hub.close();
        await owned?.drop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await schema?.drop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
