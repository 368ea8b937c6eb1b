/**
 * Station data folders for the sync benchmarks. The backlog is seeded once, through the real write
 * path (seedEvents → EventLog.append, one fsync'd transaction per user action), into a template
 * folder; each run then works on a byte-identical copy, so every peer drains the very same records
 * and seeding stays outside the timed part. The instance marker is copied with the database, so the
 * copy opens as the same station in the same epoch (no "copied database" epoch is started).
 */
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { ChainedEvent } from '../../../electron/core/sync/protocol/event-hash';
import { sha256Hex } from '../../../electron/station/crypto/node-hash';
import type { EventLog } from '../../../electron/station/db/event-log';
import { seedEvents } from '../../../electron/station/db/seed';
import { closeStationLog, openStationLog } from '../../../electron/station/db/station-log';
import { readEventRange, readLocalHead } from '../../../electron/station/sync/batch-reader';

/** Ward 06688, matching the hub's station id pattern. */
export const BENCH_STATION_ID = '06688-BENCH01';
export const BENCH_APP_VERSION = '0.1.0-bench';

/** The station's real clocks: the drain is timed in wall time anyway. */
export const realClock = { wallMs: () => Date.now(), monoMs: () => performance.now() };

export interface BenchStation {
  readonly dataDir: string;
  readonly stationId: string;
  readonly db: Database;
  readonly log: EventLog;
  readonly keysPath: string;
  cleanup(): void;
}

function open(dataDir: string, stationId: string): BenchStation {
  const opened = openStationLog({
    dbPath: join(dataDir, 'station.sqlite'),
    instanceMarkerPath: join(dataDir, 'instance.json'),
    stationId,
    bootId: randomUUID(),
    clock: realClock,
    sha256Hex,
  });
  return {
    dataDir,
    stationId,
    db: opened.db,
    log: opened.log,
    keysPath: join(dataDir, 'keys.json'),
    cleanup() {
      closeStationLog(opened.db);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface SeededTemplate {
  readonly dir: string;
  readonly events: number;
  readonly seedMs: number;
  cleanup(): void;
}

/** Seeds `events` events into a fresh, closed (checkpointed) template folder. */
export function seedTemplate(events: number, stationId = BENCH_STATION_ID): SeededTemplate {
  const dir = mkdtempSync(join(tmpdir(), 'tram-bench-sync-template-'));
  const station = open(dir, stationId);
  const start = performance.now();
  const written = seedEvents(station.log, events, 42);
  const seedMs = performance.now() - start;
  // Closing checkpoints the WAL, so the copies need only the main file and the marker.
  closeStationLog(station.db);
  return { dir, events: written, seedMs, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A working copy of the template, opened the way the kiosk opens its data folder. */
export function copyStation(template: SeededTemplate, stationId = BENCH_STATION_ID): BenchStation {
  const dir = mkdtempSync(join(tmpdir(), 'tram-bench-sync-station-'));
  cpSync(template.dir, dir, { recursive: true });
  return open(dir, stationId);
}

/** Every event of the newest epoch in wire form (the records the PouchDB peer replicates). */
export function readWholeLog(db: Database): ChainedEvent[] {
  const head = readLocalHead(db);
  if (head === null) return [];
  return readEventRange(db, head.epoch, 1, head.seq);
}
