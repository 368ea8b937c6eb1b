/**
 * A real city hub (city/, PGlite) listening on 127.0.0.1 for the station's sync tests, plus station
 * data folders on real SQLite seeded through the log's own write path. One PGlite folder per test
 * file; the hub can be stopped and started again on the same port (a hub restart mid-sync).
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { buildHubApp } from '../../../../city/http/create-hub';
import type { HubAppOptions } from '../../../../city/http/create-hub';
import { openHubContext } from '../../../../city/hub-context';
import type { HubContext } from '../../../../city/hub-context';
import { issueEnrolmentCode } from '../../../../city/ingest/enrolment';
import { sha256Hex } from '../../../../electron/station/crypto/node-hash';
import type { EventLog } from '../../../../electron/station/db/event-log';
import { seedEvents } from '../../../../electron/station/db/seed';
import { closeStationLog, openStationLog } from '../../../../electron/station/db/station-log';
import { openTestDatabase } from '../../../city/support/hub-harness';
import type { TestDatabase } from '../../../city/support/hub-harness';
import { FakeClock, tempDir } from '../../../support/station-db';

export interface LiveHub {
  readonly ctx: HubContext;
  url: string;
  port: number;
  /** Stops listening (the database stays, as after a process restart). */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
  issueCode(stationId: string): Promise<string>;
  close(): Promise<void>;
}

/** Opens a PGlite hub database for this file and serves the hub over real HTTP. */
export async function startLiveHub(options: HubAppOptions = {}): Promise<LiveHub> {
  const database: TestDatabase = await openTestDatabase('pglite');
  const ctx = await openHubContext({ dataDir: database.dataDir, db: database.db });
  let app: ReturnType<typeof buildHubApp> | null = null;
  const listen = async (port: number) => {
    app = buildHubApp(ctx, options);
    await app.listen({ port, host: '127.0.0.1' });
    return (app.server.address() as AddressInfo).port;
  };
  const port = await listen(0);
  const hub: LiveHub = {
    ctx,
    url: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      await app?.close();
      app = null;
    },
    async restart() {
      await listen(hub.port);
    },
    async issueCode(stationId) {
      return (await issueEnrolmentCode(ctx, stationId)).code;
    },
    async close() {
      await app?.close();
      await database.cleanup();
    },
  };
  return hub;
}

let counter = 0;

/** A station id no other test of this run uses (the hub keeps stations between tests of a file). */
export function freshStationId(): string {
  counter += 1;
  return `06688-${process.pid % 1000}${counter.toString().padStart(3, '0')}`;
}

export interface StationFolder {
  readonly dataDir: string;
  readonly stationId: string;
  readonly db: Database;
  readonly log: EventLog;
  readonly clock: FakeClock;
  readonly keysPath: string;
  cleanup(): void;
}

/** A station data folder opened the way the kiosk opens it. */
export function openStationFolder(stationId = freshStationId(), clock = new FakeClock()): StationFolder {
  const { dir, cleanup } = tempDir('tram-sync-');
  const opened = openStationLog({ dbPath: join(dir, 'station.sqlite'), instanceMarkerPath: join(dir, 'instance.json'), stationId, bootId: randomUUID(), clock, sha256Hex });
  return {
    dataDir: dir,
    stationId,
    db: opened.db,
    log: opened.log,
    clock,
    keysPath: join(dir, 'keys.json'),
    cleanup() {
      closeStationLog(opened.db);
      cleanup();
    },
  };
}

/**
 * One live hub for a test file (started before its tests, closed after them) and cleanups run after
 * each test. Call inside `describe`; read `hub` inside tests, once beforeAll has run.
 */
export function liveHubForFile(): { readonly hub: LiveHub; openFolder(): StationFolder; afterThisTest(cleanup: () => void): void } {
  let started: LiveHub | undefined;
  const cleanups: Array<() => void> = [];
  beforeAll(async () => {
    started = await startLiveHub();
  }, 60_000);
  afterAll(async () => {
    await started?.close();
  });
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });
  return {
    get hub() {
      if (started === undefined) throw new Error('the live hub starts in beforeAll');
      return started;
    },
    openFolder() {
      const folder = openStationFolder();
      cleanups.push(() => folder.cleanup());
      return folder;
    },
    afterThisTest(cleanup) {
      cleanups.push(cleanup);
    },
  };
}

/**
 * Seeded station folders for one test file: `seeded(n)` opens a folder holding n events (seed fixed
 * per file), and `cleanupAll()` (for afterEach) closes every folder opened since.
 */
export function seededStationFolders(seed: number): { seeded(events: number): StationFolder; cleanupAll(): void } {
  const folders: StationFolder[] = [];
  return {
    seeded(events) {
      const folder = openStationFolder();
      folders.push(folder);
      seedEvents(folder.log, events, seed);
      return folder;
    },
    cleanupAll() {
      for (const folder of folders.splice(0)) folder.cleanup();
    },
  };
}

/** Fast backoff for tests: real timers, milliseconds instead of seconds. */
export const FAST_ENGINE = { backoff: { baseMs: 20, capMs: 200 }, idlePollMs: 60_000, newEventsDelayMs: 60_000 } as const;

/** A loopback port nothing listens on: bound once, then released (a hub that is down). */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
