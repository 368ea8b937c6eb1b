/**
 * Everything a hub process works with: the migrated database, the city keys from the data folder and
 * an injected clock (tests move time to expire codes and sessions).
 */
import { loadOrCreateCityKeys } from './crypto/city-keys';
import type { CityKeys } from './crypto/city-keys';
import { openHubDatabase } from './db/hub-database';
import type { HubDatabase } from './db/hub-database';
import { migrateHubDatabase } from './db/migrate';

export interface HubContext {
  readonly dataDir: string;
  readonly db: HubDatabase;
  readonly keys: CityKeys;
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export interface HubContextOptions {
  readonly dataDir: string;
  /** PostgreSQL URL; PGlite in `<dataDir>/pgdata` when absent. */
  readonly databaseUrl?: string | undefined;
  /** An already open database (tests share one per file); it is migrated, and not closed by the hub. */
  readonly db?: HubDatabase;
  readonly now?: () => number;
}

/** Opens the database (or takes the given one), migrates it and loads the city keys. */
export async function openHubContext(options: HubContextOptions): Promise<HubContext> {
  const keys = await loadOrCreateCityKeys(options.dataDir);
  const db = options.db ?? (await openHubDatabase({ dataDir: options.dataDir, databaseUrl: options.databaseUrl }));
  try {
    await migrateHubDatabase(db);
  } catch (error) {
    if (options.db === undefined) await db.close();
    throw error;
  }
  return { dataDir: options.dataDir, db, keys, now: options.now ?? Date.now };
}
