/**
 * Runs migrations: each in its own transaction that also bumps `PRAGMA user_version`, so a crash
 * between two migrations leaves the file at a version it can resume from.
 */
import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations/migration';

export class MigrationError extends Error {
  readonly code = 'migration_failed';
}

/** Current schema version of the file. */
export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Migrates up to `target` (default: the last one). Refuses a file newer than this app. */
export function migrate(db: Database, migrations: readonly Migration[], target = migrations.length): number {
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new MigrationError(`database schema ${current} is newer than this app (${migrations.length}); update the app`);
  }
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return schemaVersion(db);
}
