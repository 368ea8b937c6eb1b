/**
 * Applies the numbered migrations a database has not seen yet, each in its own transaction, under
 * an advisory lock so two hubs starting against one PostgreSQL never race.
 */
import type { HubDatabase } from './hub-database';
import type { Migration } from './migrations/migration';
import { HUB_MIGRATIONS } from './migrations';

const MIGRATION_LOCK = 7_274_663_101;

/** Brings the schema up to `target` (default: the newest); returns the versions applied. */
export async function migrateHubDatabase(db: HubDatabase, target?: number, migrations: readonly Migration[] = HUB_MIGRATIONS): Promise<number[]> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  });
  const applied: number[] = [];
  for (const migration of migrations) {
    if (target !== undefined && migration.version > target) break;
    const didApply = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (done.length > 0) return false;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (didApply) applied.push(migration.version);
  }
  return applied;
}

/** The versions recorded as applied. */
export async function appliedMigrations(db: HubDatabase): Promise<number[]> {
  const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
  return rows.map((row) => row.version);
}
