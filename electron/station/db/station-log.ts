/**
 * Opens the station's log at start-up and decides its epoch: a database restored from a backup, or
 * copied from another station's data folder, must not continue the old chain (the city already holds
 * those sequence numbers with other hashes), so it starts a new epoch. The instance marker file lives
 * beside the database, so copying only the database file is detected.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { Sha256Hex } from '../../core/sync/protocol/event-hash';
import { writeFileAtomic } from '../fs/atomic-file';
import { EventLog, type LogClock } from './event-log';
import { getMeta, setMeta } from '../store/meta';
import { integrityProblems, openDatabase, DatabaseOpenError } from './open-database';
import { verifyLog, type LogProblem } from './verify-log';

export interface StationLogOptions {
  readonly dbPath: string;
  /** JSON file `{instanceId}` that pins which database file belongs to this data folder. */
  readonly instanceMarkerPath: string;
  readonly stationId: string;
  readonly bootId: string;
  readonly clock: LogClock;
  readonly sha256Hex: Sha256Hex;
  /** keys.json's enrolment epoch: new local epochs are numbered above it (see EventLogOptions). */
  readonly cityEpoch?: number;
}

export interface OpenedLog {
  readonly db: Database;
  readonly log: EventLog;
  /** Why a new epoch was started at this start, if one was. */
  readonly newEpochReason: 'restored-backup' | 'copied-database' | null;
  readonly wasUncleanShutdown: boolean;
}

export class LogDamagedError extends Error {
  readonly code = 'log_damaged';
  readonly problems: readonly LogProblem[];

  constructor(problems: readonly LogProblem[]) {
    super(`the attendance log failed verification: ${problems.map((p) => p.message).slice(0, 3).join('; ')}`);
    this.problems = problems;
  }
}

function readMarker(path: string): string | null {
  if (!existsSync(path)) return null;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { instanceId?: unknown };
    return typeof parsed.instanceId === 'string' ? parsed.instanceId : null;
  } catch {
    return null;
  }
}

/**
 * Opens, checks (quick_check; full integrity_check after an unclean shutdown; chain of the
 * unacknowledged tail) and prepares the log. Throws DatabaseOpenError or LogDamagedError; the caller
 * shows the maintenance screen and leaves the file untouched.
 */
export function openStationLog(options: StationLogOptions): OpenedLog {
  const db = openDatabase(options.dbPath);
  try {
    const wasUncleanShutdown = getMeta(db, 'clean_shutdown') === '0';
    if (wasUncleanShutdown) {
      const problems = integrityProblems(db, true);
      if (problems.length > 0) throw new DatabaseOpenError('corrupt', `integrity check after an unclean shutdown failed: ${problems.slice(0, 3).join('; ')}`);
    }
    const storedStation = getMeta(db, 'station_id');
    const verification = verifyLog(db, { sha256Hex: options.sha256Hex, onlyUnacknowledged: true });
    if (!verification.ok) throw new LogDamagedError(verification.problems);

    const marker = readMarker(options.instanceMarkerPath);
    const instanceId = getMeta(db, 'instance_id');
    const hasEvents = (db.prepare('SELECT COUNT(*) AS n FROM epochs').get() as { n: number }).n > 0;
    let newEpochReason: OpenedLog['newEpochReason'] = null;
    if (getMeta(db, 'origin') === 'backup') newEpochReason = 'restored-backup';
    else if (hasEvents && (instanceId === null || (marker !== null && marker !== instanceId) || storedStation !== options.stationId)) newEpochReason = 'copied-database';

    const nextInstance = newEpochReason || instanceId === null ? randomUUID() : instanceId;
    db.transaction(() => {
      setMeta(db, 'station_id', options.stationId);
      setMeta(db, 'instance_id', nextInstance);
      setMeta(db, 'origin', 'live');
      setMeta(db, 'clean_shutdown', '0');
    })();
    writeFileAtomic(options.instanceMarkerPath, `${JSON.stringify({ instanceId: nextInstance })}\n`);

    const log = new EventLog(db, {
      stationId: options.stationId,
      bootId: options.bootId,
      clock: options.clock,
      newEventId: randomUUID,
      sha256Hex: options.sha256Hex,
      ...(options.cityEpoch === undefined ? {} : { cityEpoch: options.cityEpoch }),
    });
    if (newEpochReason) log.startEpoch(newEpochReason);
    return { db, log, newEpochReason, wasUncleanShutdown };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Marks a clean shutdown and closes the file (WAL is checkpointed by close). */
export function closeStationLog(db: Database): void {
  if (!db.open) return;
  setMeta(db, 'clean_shutdown', '1');
  db.close();
}
