// Issue #16 item 4: reports from a PostgreSQL hot standby (a real streaming replica made with
// pg_basebackup by .ci/replica.sh on 127.0.0.1:5433 — run here too when the tests run as root), while
// writes go to the primary. Reports say where their figures come from and how old they are; a
// replica that lags past the limit, or is down, makes them come from the primary and say so.
// Without PostgreSQL or a replica the tests print why and are reported as not run.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from 'vitest';
import { runAdminCommand } from '../../../city/admin/admin-commands';
import { runCityCli } from '../../../city/cli/city-cli';
import { openHubDatabase } from '../../../city/db/hub-database';
import type { HubDatabase } from '../../../city/db/hub-database';
import { buildHubApp } from '../../../city/http/create-hub';
import { openHubContext } from '../../../city/hub-context';
import type { HubContext } from '../../../city/hub-context';
import { payloads, StationFixture, uniqueStationId } from '../../support/station-fixture';
import { enrol, openTestDatabase, upload } from '../support/hub-harness';
import type { TestDatabase, TestHub } from '../support/hub-harness';

const PRIMARY = process.env.TEST_DATABASE_URL ?? '';
const REPLICA = process.env.TEST_REPLICA_URL || 'postgres://tram:tram@127.0.0.1:5433/tram_test';
const SETUP = '.ci/replica.sh';
const STAFF = { name: 'can.bo', password: 'mật khẩu dài 123' };
const basic = { authorization: `Basic ${Buffer.from(`${STAFF.name}:${STAFF.password}`).toString('base64')}` };

/** The replica URL with the test schema's search_path (copied from the primary URL). */
function onSchema(url: string, databaseUrl: string): string {
  const target = new URL(url);
  target.searchParams.set('options', new URL(databaseUrl).searchParams.get('options') ?? '');
  return target.toString();
}

async function reachable(url: string): Promise<HubDatabase | string> {
  try {
    return await openHubDatabase({ dataDir: '.', databaseUrl: url });
  } catch (error) {
    return (error as Error).message;
  }
}

/** A connection to the standby, made by .ci/replica.sh if needed and possible; or why not. */
async function standby(): Promise<HubDatabase | string> {
  if (PRIMARY === '') return 'needs PostgreSQL (set TEST_DATABASE_URL)';
  const first = await reachable(REPLICA);
  if (typeof first !== 'string') return first;
  if (process.getuid?.() !== 0 || !existsSync(SETUP)) return `no replica at ${new URL(REPLICA).host} (${first}); run ${SETUP} as root`;
  try {
    execFileSync('bash', [SETUP], { stdio: 'pipe', timeout: 120_000 });
  } catch (error) {
    return `${SETUP} failed: ${String((error as { stderr?: Buffer }).stderr ?? error)}`;
  }
  return reachable(REPLICA);
}

describe('reports from a read replica', () => {
  let notRun: string | null = null;
  let database: TestDatabase | undefined;
  let replica: HubDatabase | undefined;
  const contexts: HubContext[] = [];

  beforeAll(async () => {
    const opened = await standby();
    if (typeof opened === 'string') {
      notRun = `NOT RUN: ${opened}`;
      process.stderr.write(`report-reader: ${notRun}\n`);
      return;
    }
    replica = opened;
    database = await openTestDatabase('postgres');
  });
  afterAll(async () => {
    await replica?.query('SELECT pg_wal_replay_resume()').catch(() => undefined);
    for (const ctx of contexts) await ctx.reports.close();
    await replica?.close();
    await database?.cleanup();
  });

  function needReplica(context: TestContext): TestDatabase {
    // CI must prove the replica path: there a missing standby is a failure, never a quiet skip.
    if ((notRun !== null || database === undefined) && process.env.CI === 'true') throw new Error(`the read replica is required in CI: ${notRun ?? 'NOT RUN'}`);
    if (notRun !== null || database === undefined) context.skip(notRun ?? 'NOT RUN');
    return database as TestDatabase;
  }

  async function hubWith(db: TestDatabase, readDatabaseUrl: string, maxReplicaLagMs: number): Promise<TestHub> {
    const ctx = await openHubContext({ dataDir: db.dataDir, db: db.db, readDatabaseUrl, maxReplicaLagMs });
    contexts.push(ctx);
    await runAdminCommand(ctx, { command: 'add-staff', ...STAFF });
    const app = buildHubApp(ctx);
    await app.ready();
    return { ctx, app, clock: { ms: Date.now(), now: Date.now, advance: () => undefined } };
  }

  async function addLearner(hub: TestHub, station: StationFixture, key: string): Promise<void> {
    const first = station.events.length + 1;
    station.append('learner.registered', payloads.registered(key, 1955, 'nu', '27001'));
    expect((await upload(hub, station, station.batch(first, station.events.length))).status).toBe(200);
  }

  async function replayed(db: TestDatabase, learners: number): Promise<void> {
    const url = onSchema(REPLICA, db.databaseUrl ?? '');
    const reader = await openHubDatabase({ dataDir: db.dataDir, databaseUrl: url });
    try {
      for (let i = 0; i < 100; i += 1) {
        const rows = await reader.query<{ n: number }>('SELECT count(*)::integer AS n FROM learner_rollup WHERE first_hlc IS NOT NULL').catch(() => [{ n: -1 }]);
        if (rows[0]?.n === learners) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('the replica did not catch up within 10 s');
    } finally {
      await reader.close();
    }
  }

  it('answers from the replica once it has replayed the batch, and says so', async (context) => {
    const db = needReplica(context);
    const hub = await hubWith(db, onSchema(REPLICA, db.databaseUrl ?? ''), 60_000);
    const station = new StationFixture(uniqueStationId('27001'));
    expect((await enrol(hub, station)).status).toBe(201);
    await addLearner(hub, station, 'a1'.repeat(32));
    await replayed(db, 1);
    const answer = await hub.app.inject({ method: 'GET', url: '/v1/reports/progress?ward=27001', headers: basic });
    expect(answer.headers['x-report-source']).toBe('replica');
    expect(answer.json()).toMatchObject({ ward: '27001', learners: 1 });
    const page = await hub.app.inject({ method: 'GET', url: '/reports', headers: basic });
    expect(page.body).toContain('data-report-source="replica"');
  });

  it('falls back to the primary when the replica lags past the limit, and states the age when within it', async (context) => {
    const db = needReplica(context);
    const strict = await hubWith(db, onSchema(REPLICA, db.databaseUrl ?? ''), 1_000);
    const patient = await hubWith(db, onSchema(REPLICA, db.databaseUrl ?? ''), 3_600_000);
    const station = new StationFixture(uniqueStationId('27001'));
    expect((await enrol(strict, station)).status).toBe(201);
    await replayed(db, 1);
    await replica?.query('SELECT pg_wal_replay_pause()');
    try {
      await addLearner(strict, station, 'b2'.repeat(32));
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const fresh = await strict.app.inject({ method: 'GET', url: '/v1/reports/progress?ward=27001', headers: basic });
      expect(fresh.headers['x-report-source']).toBe('primary');
      expect(String(fresh.headers['x-report-fallback'])).toMatch(/replica \d+ s behind/);
      expect(fresh.json()).toMatchObject({ learners: 2 });
      const page = await strict.app.inject({ method: 'GET', url: '/reports', headers: basic });
      expect(page.body).toContain('data-report-source="primary"');
      expect(page.body).toContain('bản sao chỉ đọc không dùng được');
      // Within a generous limit the replica's older figures are shown, with their age.
      const old = await patient.app.inject({ method: 'GET', url: '/reports', headers: basic });
      const age = Number(/data-age-s="(\d+)"/.exec(old.body)?.[1] ?? '-1');
      expect(age).toBeGreaterThanOrEqual(2);
      const oldJson = await patient.app.inject({ method: 'GET', url: '/v1/reports/progress?ward=27001', headers: basic });
      expect(oldJson.json()).toMatchObject({ learners: 1 });
      expect(Date.parse(String(oldJson.headers['x-report-as-of']))).toBeLessThan(Date.now() - 2_000);
    } finally {
      await replica?.query('SELECT pg_wal_replay_resume()');
    }
  });

  it('falls back to the primary when the replica is down, and says so', async (context) => {
    if (PRIMARY === '') context.skip('NOT RUN: needs PostgreSQL (set TEST_DATABASE_URL)');
    const db = database ?? (await openTestDatabase('postgres'));
    try {
      const hub = await hubWith(db, 'postgres://tram:tram@127.0.0.1:1/none', 60_000);
      const answer = await hub.app.inject({ method: 'GET', url: '/v1/reports/progress?ward=27001', headers: basic });
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['x-report-source']).toBe('primary');
      expect(String(answer.headers['x-report-fallback'])).toMatch(/replica unreachable/);
    } finally {
      if (database === undefined) await db.cleanup();
    }
  });

  it('refuses --read-database-url without a PostgreSQL primary', async () => {
    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (line: string) => err.push(line), stdin: Readable.from(['']), env: {} };
    expect(await runCityCli(['serve', '--data', '/nonexistent', '--read-database-url', REPLICA], io)).toBe(2);
    expect(err.join('\n')).toMatch(/needs DATABASE_URL/);
  });
});
