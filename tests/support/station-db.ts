/** Builders for station database tests: a temp folder, a fake clock and a log on real SQLite. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { sha256Hex } from '../../electron/station/crypto/node-hash';
import { EventLog } from '../../electron/station/db/event-log';
import { openDatabase } from '../../electron/station/db/open-database';
import { hmacLearnerKeys } from '../../electron/station/learners/learner-keys';
import { LearnerRoad } from '../../electron/station/learners/learner-road';

export class FakeClock {
  constructor(
    public wall = Date.UTC(2026, 10, 28, 8, 0, 0),
    public mono = 1_000,
  ) {}
  readonly wallMs = () => this.wall;
  readonly monoMs = () => this.mono;
  advance(ms: number) {
    this.wall += ms;
    this.mono += ms;
  }
}

export function tempDir(prefix = 'tram-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function openTestLog(path: string, options: { stationId?: string; clock?: FakeClock; bootId?: string } = {}): { db: Database; log: EventLog; clock: FakeClock } {
  const db = openDatabase(path);
  const clock = options.clock ?? new FakeClock();
  const log = new EventLog(db, { stationId: options.stationId ?? '06688-01', bootId: options.bootId ?? 'boot-1', clock, newEventId: randomUUID, sha256Hex });
  return { db, log, clock };
}

/** The learner road a station builds, over a test log (HMAC keys under `secret`, ward 06688). */
export function testLearnerRoad(ctx: { db: Database; log: EventLog; clock: FakeClock }, secret: Buffer, wardCode = '06688'): LearnerRoad {
  return new LearnerRoad({ db: ctx.db, log: ctx.log, clock: ctx.clock, keys: hmacLearnerKeys(() => secret), wardCode });
}

export const LEARNER_A = 'a'.repeat(64);
export const LEARNER_B = 'b'.repeat(64);
