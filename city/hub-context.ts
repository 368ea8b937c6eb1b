/**
 * Everything a hub process works with: the migrated database, the city keys from the data folder and
 * an injected clock (tests move time to expire codes and sessions).
 */
import { loadOrCreateCityKeys } from './crypto/city-keys';
import { checkKeyFile } from './crypto/key-fingerprint';
import type { CityKeys } from './crypto/city-keys';
import { openHubDatabase } from './db/hub-database';
import { primaryReader, replicaReader } from './db/report-reader';
import type { ReportReader } from './db/report-reader';
import type { HubDatabase } from './db/hub-database';
import { migrateHubDatabase } from './db/migrate';
import { ensurePartitions } from './db/partitions';

export interface HubContext {
  readonly dataDir: string;
  readonly db: HubDatabase;
  readonly keys: CityKeys;
  /** Where report queries run (the primary, or a hot standby with a lag check). */
  readonly reports: ReportReader;
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export interface HubContextOptions {
  readonly dataDir: string;
  /** PostgreSQL URL; PGlite in `<dataDir>/pgdata` when absent. */
  readonly databaseUrl?: string | undefined;
  /** A PostgreSQL hot standby of `databaseUrl` for report queries (READ_DATABASE_URL). */
  readonly readDatabaseUrl?: string | undefined;
  /** How far behind the standby may be before reports come from the primary (default 60 s). */
  readonly maxReplicaLagMs?: number;
  /** An already open database (tests share one per file); it is migrated, and not closed by the hub. */
  readonly db?: HubDatabase;
  readonly now?: () => number;
}

/**
 * Opens the database (or takes the given one), migrates it, loads the city keys and checks that they
 * are the ones this database was first served with (KeyFileMismatchError otherwise).
 */
export async function openHubContext(options: HubContextOptions): Promise<HubContext> {
  const keys = await loadOrCreateCityKeys(options.dataDir);
  const db = options.db ?? (await openHubDatabase({ dataDir: options.dataDir, databaseUrl: options.databaseUrl }));
  try {
    await migrateHubDatabase(db);
    await checkKeyFile(db, { keys, keyFilePath: keys.path, createdNow: keys.createdNow, now: (options.now ?? Date.now)() });
    await ensurePartitions(db, { nowMs: (options.now ?? Date.now)() });
  } catch (error) {
    if (options.db === undefined) await db.close();
    throw error;
  }
  let reports = primaryReader(db);
  if (options.readDatabaseUrl !== undefined && options.readDatabaseUrl !== '') {
    // A replica that cannot be reached at start is not fatal: reports fall back and say so.
    const { openLazyPostgresDatabase } = await import('./db/postgres-driver');
    reports = replicaReader(db, openLazyPostgresDatabase(options.readDatabaseUrl, 4, 3_000), options.maxReplicaLagMs ?? 60_000);
  }
  return { dataDir: options.dataDir, db, keys, reports, now: options.now ?? Date.now };
}
