import type { Database } from 'better-sqlite3';

/** Facts stored in the `meta` table. */
export type MetaKey = 'station_id' | 'instance_id' | 'origin' | 'clean_shutdown' | 'last_backup_wall_ms';

export function getMeta(db: Database, key: MetaKey): string | null {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key);
  return row?.value ?? null;
}

export function setMeta(db: Database, key: MetaKey, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
