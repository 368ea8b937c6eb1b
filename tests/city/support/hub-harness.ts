/**
 * Test harness for the hub: the drivers to run against (PGlite always; PostgreSQL when
 * TEST_DATABASE_URL is set — each test file gets its own schema there), one database per test
 * file, a movable clock, and helpers that speak the wire through Fastify's inject.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHubDatabase } from '../../../city/db/hub-database';
import type { HubDatabase } from '../../../city/db/hub-database';
import { buildHubApp } from '../../../city/http/create-hub';
import type { HubAppOptions } from '../../../city/http/create-hub';
import { openHubContext } from '../../../city/hub-context';
import type { HubContext } from '../../../city/hub-context';
import { issueEnrolmentCode } from '../../../city/ingest/enrolment';
import { seedPgliteFolder } from '../../support/pglite-template';
import type { StationFixture } from '../../support/station-fixture';

export type DriverName = 'pglite' | 'postgres';

/** Every driver the hub runs on. */
export const DRIVERS: readonly DriverName[] = ['pglite', 'postgres'];

/** Why a driver's suite cannot run here, or null when it can (PostgreSQL needs TEST_DATABASE_URL). */
export function driverUnavailable(driver: DriverName): string | null {
  return driver === 'postgres' && !process.env.TEST_DATABASE_URL ? 'needs PostgreSQL: set TEST_DATABASE_URL' : null;
}

/**
 * A suite per driver. Without TEST_DATABASE_URL the PostgreSQL suite is still listed, as skipped and
 * with the reason in its name (issue #15), instead of vanishing from the run.
 */
export function describeEachDriver(name: string, body: (driver: DriverName) => void): void {
  for (const driver of DRIVERS) {
    const reason = driverUnavailable(driver);
    describe.skipIf(reason !== null)(`${name} (${driver})${reason === null ? '' : ` — skipped: ${reason}`}`, () => body(driver));
  }
}

export interface TestDatabase {
  readonly db: HubDatabase;
  /** The URL (with its own search_path) for code that opens its own connection, e.g. the CLI. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  cleanup(): Promise<void>;
}

/** Opens one database for a test file: a fresh PGlite folder (a copy of initdb's output), or a fresh PostgreSQL schema. */
export async function openTestDatabase(driver: DriverName): Promise<TestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tram-city-test-'));
  if (driver === 'pglite') {
    await seedPgliteFolder(join(dataDir, 'pgdata'));
    const db = await openHubDatabase({ dataDir });
    return { db, databaseUrl: undefined, dataDir, cleanup: async () => { await db.close(); await rm(dataDir, { recursive: true, force: true }); } };
  }
  const baseUrl = process.env.TEST_DATABASE_URL ?? '';
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = await openHubDatabase({ dataDir, databaseUrl: baseUrl });
  // Identifiers cannot be bound; the schema name is generated here from hex digits only.
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const databaseUrl = url.toString();
  const db = await openHubDatabase({ dataDir, databaseUrl });
  return {
    db,
    databaseUrl,
    dataDir,
    async cleanup() {
      await db.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A clock tests can move. */
export class TestClock {
  ms = Date.now();
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface TestHub {
  readonly ctx: HubContext;
  readonly app: ReturnType<typeof buildHubApp>;
  readonly clock: TestClock;
}

/** A hub app over a test database (migrated), with its own clock. */
export async function openTestHub(database: TestDatabase, options: HubAppOptions = {}, context: { province?: string } = {}): Promise<TestHub> {
  const clock = new TestClock();
  const ctx = await openHubContext({ dataDir: database.dataDir, db: database.db, now: clock.now, province: context.province });
  const app = buildHubApp(ctx, options);
  await app.ready();
  return { ctx, app, clock };
}

export interface WireAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Record<string, unknown>;
}

async function inject(hub: TestHub, method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: Buffer | string): Promise<WireAnswer> {
  const response = await hub.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  let body: Record<string, unknown>;
  try {
    body = response.json();
  } catch {
    body = { raw: response.body };
  }
  return { status: response.statusCode, body, headers: response.headers };
}

/** Issues a code and enrols the station; the fixture moves to the answered epoch. */
export async function enrol(hub: TestHub, station: StationFixture): Promise<WireAnswer> {
  const { code } = await issueEnrolmentCode(hub.ctx, station.stationId);
  const answer = await postJson(hub, '/v1/enrol', station.enrolBody(code));
  if (answer.status === 201 && answer.body.epoch !== 1) {
    const cursor = await getCursor(hub, station);
    station.startEpoch(Number(answer.body.epoch), String(cursor.body.head_hash));
  }
  return answer;
}

export function postJson(hub: TestHub, url: string, body: unknown, headers: Record<string, string> = {}): Promise<WireAnswer> {
  return inject(hub, 'POST', url, { 'content-type': 'application/json', ...headers }, JSON.stringify(body));
}

export function getCursor(hub: TestHub, station: StationFixture, nonce?: string): Promise<WireAnswer> {
  const path = `/v1/stations/${station.stationId}/cursor`;
  return inject(hub, 'GET', path, station.signed('GET', path, undefined, nonce === undefined ? {} : { nonce }).headers);
}

/** Signs and posts a batch body (object or raw bytes). */
export function upload(hub: TestHub, station: StationFixture, body: unknown, options: { gzip?: boolean; nonce?: string; headers?: Record<string, string> } = {}): Promise<WireAnswer> {
  const path = `/v1/stations/${station.stationId}/events`;
  const signed = station.signed('POST', path, body, options);
  return inject(hub, 'POST', path, { ...signed.headers, ...options.headers }, signed.payload);
}

export { inject as injectRaw };

/**
 * Opens one database and one hub for a test file (before all its tests) and closes both after.
 * `onOpen` receives them, so the file keeps plain `database` and `hub` variables.
 */
export function useTestHub(driver: DriverName, onOpen: (opened: { database: TestDatabase; hub: TestHub }) => void, options: HubAppOptions = {}): void {
  let opened: { database: TestDatabase; hub: TestHub } | null = null;
  beforeAll(async () => {
    const database = await openTestDatabase(driver);
    opened = { database, hub: await openTestHub(database, options) };
    onOpen(opened);
  });
  afterAll(async () => {
    await opened?.hub.app.close();
    await opened?.database.cleanup();
  });
}

export interface StaffBrowser {
  /** The session cookie (`tram_session=…`). */
  readonly cookie: string;
  /** The session's CSRF token, as every form carries it. */
  readonly csrf: string;
}

/** Signs a staff member in through the real sign-in form (its CSRF cookie and field included). */
export async function signInStaff(hub: TestHub, name: string, password: string): Promise<StaffBrowser> {
  const form = await hub.app.inject({ method: 'GET', url: '/login' });
  const loginCookie = String(form.headers['set-cookie']).split(';')[0] ?? '';
  const loginCsrf = /name="csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
  const login = await hub.app.inject({
    method: 'POST',
    url: '/login',
    headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ name, password, csrf: loginCsrf }).toString(),
  });
  if (login.statusCode !== 303) throw new Error(`sign-in of ${name} answered ${login.statusCode}`);
  const setCookie = [login.headers['set-cookie']].flat().map(String);
  const cookie = setCookie.find((value) => value.startsWith('tram_session='))?.split(';')[0] ?? '';
  const page = await hub.app.inject({ method: 'GET', url: '/dashboard', headers: { cookie } });
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  return { cookie, csrf };
}

/** Posts a staff form with the session's cookie and CSRF token. */
export function postForm(hub: TestHub, who: StaffBrowser, url: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries({ csrf: who.csrf, ...fields })) for (const one of [value].flat()) body.append(key, one);
  return hub.app.inject({ method: 'POST', url, headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: body.toString() });
}
