/**
 * Opens a station database file with the durability settings the log relies on, checks it, and
 * migrates it. WAL with synchronous=FULL: a commit is on disk when it returns, so an event the kiosk
 * showed as saved survives a power cut. Damage is reported, never repaired by recreating the file.
 */
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { migrate } from './migrate';
import { migrations } from './migrations';
import { errorCode } from '../typed-errors';

export class DatabaseOpenError extends Error {
  readonly code: 'not_a_database' | 'corrupt' | 'too_new' | 'cannot_open';

  constructor(code: DatabaseOpenError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseOpenError';
    this.code = code;
  }
}

export interface OpenOptions {
  /** Run the full integrity_check instead of quick_check (after an unclean shutdown). */
  readonly fullCheck?: boolean;
  readonly readonly?: boolean;
}

function sqliteCode(error: unknown): string {
  return errorCode(error, '');
}

/** Applies the connection settings. Must run before anything else touches the file. */
export function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

/** Returns the integrity problems SQLite reports, or [] when the file is sound. */
export function integrityProblems(db: Db, full: boolean): string[] {
  const rows = db.pragma(full ? 'integrity_check' : 'quick_check') as Array<Record<string, string>>;
  const messages = rows.map((row) => Object.values(row)[0] ?? '');
  return messages.length === 1 && messages[0] === 'ok' ? [] : messages;
}

/** Opens, checks and migrates. Throws DatabaseOpenError with a precise code when the file is unusable. */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  let db: Db;
  try {
    db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (error) {
    throw new DatabaseOpenError('cannot_open', `cannot open ${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    if (!options.readonly) applyPragmas(db);
    const problems = integrityProblems(db, options.fullCheck ?? false);
    if (problems.length > 0) throw new DatabaseOpenError('corrupt', `integrity check failed: ${problems.slice(0, 3).join('; ')}`);
    if (!options.readonly) migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof DatabaseOpenError) throw error;
    const code = sqliteCode(error);
    if (code === 'SQLITE_NOTADB') throw new DatabaseOpenError('not_a_database', `${path} is not a SQLite database (damaged or truncated)`, { cause: error });
    if (code === 'SQLITE_CORRUPT') throw new DatabaseOpenError('corrupt', `${path} is damaged: ${(error as Error).message}`, { cause: error });
    if ((error as { code?: string }).code === 'migration_failed') throw new DatabaseOpenError('too_new', (error as Error).message, { cause: error });
    throw new DatabaseOpenError('cannot_open', `cannot open ${path}: ${(error as Error).message}`, { cause: error });
  }
}
