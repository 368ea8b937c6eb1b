/**
 * Backups with SQLite's online backup API (consistent while the kiosk keeps writing). Each copy is
 * marked `origin = backup` inside the copy, so if a technician ever restores it over the live file the
 * station notices at start and begins a new epoch instead of reusing sequence numbers.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { setMeta } from '../store/meta';

export interface BackupResult {
  readonly file: string;
  readonly bytes: number;
}

function stamp(wallMs: number): string {
  return new Date(wallMs).toISOString().replace(/[:.]/g, '-');
}

/** Copies the live database into `dir` and marks the copy as a backup. */
export async function backupDatabase(db: Db, dir: string, wallMs: number): Promise<BackupResult> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `station-${stamp(wallMs)}.sqlite`);
  await db.backup(file);
  const copy = new Database(file);
  try {
    copy.pragma('journal_mode = DELETE');
    setMeta(copy, 'origin', 'backup');
    setMeta(copy, 'clean_shutdown', '1');
  } finally {
    copy.close();
  }
  setMeta(db, 'last_backup_wall_ms', String(Math.floor(wallMs)));
  const bytes = (db.prepare('SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()').get() as { bytes: number }).bytes;
  return { file, bytes };
}

/** Deletes all but the newest `keep` backups in `dir`. Returns the files removed. */
export function pruneBackups(dir: string, keep: number): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => /^station-.*\.sqlite$/.test(name)).sort();
  } catch {
    return [];
  }
  const removed = names.slice(0, Math.max(0, names.length - keep)).map((name) => join(dir, name));
  for (const file of removed) rmSync(file, { force: true });
  return removed;
}
