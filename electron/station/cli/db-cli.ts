/**
 * `tram db verify|backup|seed` for technicians, on a database file (--db FILE) or a station data
 * folder (--data DIR). verify never modifies the file and exits 2 when anything is wrong.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { sha256Hex } from '../crypto/node-hash';
import { backupDatabase } from '../db/backup';
import { EventLog } from '../db/event-log';
import { getMeta, setMeta } from '../db/meta';
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

/** Verifies without changing anything: a damaged or foreign file is a problem, never a crash. */
export function verifyFile(path: string): LogVerification {
  if (!existsSync(path)) return { ok: false, events: 0, epochs: 0, head_hash: null, problems: [{ code: 'integrity', message: `no such file: ${path}` }] };
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { fileMustExist: true });
    return verifyLog(db, { sha256Hex, fullIntegrity: true });
  } catch (error) {
    return { ok: false, events: 0, epochs: 0, head_hash: null, problems: [{ code: 'integrity', message: (error as Error).message }] };
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
      options: { db: { type: 'string' }, data: { type: 'string' }, to: { type: 'string' }, events: { type: 'string' }, station: { type: 'string' }, seed: { type: 'string' } },
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
