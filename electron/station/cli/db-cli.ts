/**
 * `tram db verify|backup|seed` for technicians, on a database file (--db FILE) or a station data
 * folder (--data DIR). verify never modifies the file and exits 2 when anything is wrong.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { sha256Hex } from '../crypto/node-hash';
import { backupDatabase } from '../db/backup';
import { EventLog } from '../db/event-log';
import { getMeta, setMeta } from '../store/meta';
import { openDatabase } from '../db/open-database';
import { seedEvents } from '../db/seed';
import { verifyLog, type LogVerification } from '../db/verify-log';

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

function databasePath(values: { db?: string | undefined; data?: string | undefined }): string | null {
  if (values.db) return resolve(values.db);
  if (values.data) return join(resolve(values.data), 'station.sqlite');
  return null;
}

/**
 * Verifies without changing anything: a damaged or foreign file is a problem, never a crash.
 *
 * The evidence of a crashed station is the main file together with its `-wal` (committed
 * transactions not yet merged) and `-shm`. Opening them, even read-only, lets SQLite rewrite the
 * `-shm` index, and closing a read-write connection merges and deletes the `-wal`. So the main file
 * and its `-wal` are copied to a private temporary folder and the copy is verified; the originals
 * are only ever read, and stay byte-identical.
 */
export function verifyFile(path: string): LogVerification {
  if (!existsSync(path)) return { ok: false, events: 0, epochs: 0, head_hash: null, problems: [{ code: 'integrity', message: `no such file: ${path}` }] };
  const scratch = mkdtempSync(join(tmpdir(), 'tram-verify-'));
  let db: Database.Database | null = null;
  try {
    const copy = join(scratch, basename(path));
    copyFileSync(path, copy);
    if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
    db = new Database(copy, { fileMustExist: true });
    return verifyLog(db, { sha256Hex, fullIntegrity: true });
  } catch (error) {
    return { ok: false, events: 0, epochs: 0, head_hash: null, problems: [{ code: 'integrity', message: (error as Error).message }] };
  } finally {
    db?.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Why seeding `path` would be wrong, or null: seeded events are fake learners and visits, and in a
 * real station's log they would be counted by the city as real people.
 */
export function seedRefusal(path: string): string | null {
  const keysPath = join(dirname(path), 'keys.json');
  if (existsSync(keysPath)) {
    try {
      const keys = JSON.parse(readFileSync(keysPath, 'utf8')) as { enrolment?: { stationId?: unknown } | null; sealed?: unknown };
      // A sealed key file is a kiosk's: whether it is enrolled cannot be read here, so no fake learners go in.
      if (keys.sealed !== undefined) return `${keysPath} is sealed by a kiosk's account; refusing to guess whether this station is enrolled`;
      if (keys.enrolment) return `${dirname(path)} belongs to station ${String(keys.enrolment.stationId)}, enrolled with a city hub`;
    } catch {
      return `${keysPath} cannot be read; refusing to guess whether this station is enrolled`;
    }
  }
  if (!existsSync(path)) return null;
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const hasEvents = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get() !== undefined
      && db.prepare('SELECT 1 FROM events LIMIT 1').get() !== undefined;
    return hasEvents ? `${path} already holds events` : null;
  } catch (error) {
    return `${path} cannot be read (${(error as Error).message})`;
  } finally {
    db?.close();
  }
}

export async function runDbCli(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        db: { type: 'string' },
        data: { type: 'string' },
        to: { type: 'string' },
        events: { type: 'string' },
        station: { type: 'string' },
        seed: { type: 'string' },
        'force-demo': { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`tram db: ${(error as Error).message}\n`);
    return 2;
  }
  const path = databasePath(values);
  if (!path) {
    process.stderr.write('tram db: give --db FILE or --data DIR\n');
    return 2;
  }
  switch (sub) {
    case 'verify': {
      const result = verifyFile(path);
      print(result);
      return result.ok ? 0 : 2;
    }
    case 'backup': {
      if (!values.to) {
        process.stderr.write('tram db backup: give --to DIR\n');
        return 2;
      }
      const db = openDatabase(path);
      try {
        print({ ok: true, ...(await backupDatabase(db, resolve(values.to), Date.now())) });
        return 0;
      } finally {
        db.close();
      }
    }
    case 'seed': {
      const count = Number(values.events ?? '1000');
      if (!Number.isInteger(count) || count < 1 || count > 10_000_000) {
        process.stderr.write('tram db seed: --events must be a whole number from 1 to 10000000\n');
        return 2;
      }
      const refusal = values['force-demo'] === true ? null : seedRefusal(path);
      if (refusal !== null) {
        process.stderr.write(`tram db seed: ${refusal}; seed only an empty folder, or add --force-demo for a demo station\n`);
        return 2;
      }
      const db = openDatabase(path);
      try {
        const stationId = getMeta(db, 'station_id') ?? values.station ?? '06688-SEED';
        setMeta(db, 'station_id', stationId);
        if (getMeta(db, 'instance_id') === null) setMeta(db, 'instance_id', randomUUID());
        const start = performance.now();
        const log = new EventLog(db, { stationId, bootId: randomUUID(), clock: { wallMs: () => Date.now(), monoMs: () => performance.now() }, newEventId: randomUUID, sha256Hex });
        const written = seedEvents(log, count, Number(values.seed ?? '1'));
        print({ ok: true, events: written, head_seq: log.head().seq, head_hash: log.head().hash, ms: Math.round(performance.now() - start) });
        return 0;
      } finally {
        db.close();
      }
    }
    default:
      process.stderr.write(`tram db: unknown sub-command '${sub ?? ''}' (verify, backup, seed)\n`);
      return 2;
  }
}
