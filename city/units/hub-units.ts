/**
 * The units list a hub works with: the shipped 2025 list (city/units/admin-units-2025.csv) loaded into
 * the database at first start, a newer list from `tram city units FILE`, and the hub's province
 * (`--province NN` / TRAM_PROVINCE, stored at first start; another one later refuses to start).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { HubDatabase, SqlExecutor } from '../db/hub-database';
import { countUnits, listUnits, readHubSettings, replaceUnits, setProvince } from '../store/unit-store';
import { parseUnitsFile } from './units-file';
import type { AdminUnit } from './units-file';
import { WardDirectory } from './ward-directory';

export const SHIPPED_UNITS_SOURCE = 'admin-units-2025.csv (Công văn 1027/CTK-CSCL, 25/6/2025; 915/CTK-CSCL)';
const UNITS_LOCK = 7_274_663_111;

export class ProvinceError extends Error {
  override readonly name = 'ProvinceError';
}

/** The units list shipped with the hub. */
export function shippedUnitsPath(): string {
  return fileURLToPath(new URL('./admin-units-2025.csv', import.meta.url));
}

type UnitsToStore = { units: readonly AdminUnit[]; source: string; now: number; onlyIfEmpty?: boolean };

/** Replaces the units list inside the caller's transaction, serialised with every other hub process. */
export async function storeUnitsIn(tx: SqlExecutor, p: UnitsToStore): Promise<boolean> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [UNITS_LOCK]);
  if (p.onlyIfEmpty === true && (await countUnits(tx)) > 0) return false;
  await replaceUnits(tx, p);
  return true;
}

/** Replaces the units list in one transaction. */
export function storeUnits(db: HubDatabase, p: UnitsToStore): Promise<boolean> {
  return db.transaction((tx) => storeUnitsIn(tx, p));
}

/** Loads the shipped list when the database has none yet (first start, or an upgraded hub). */
export async function ensureUnits(db: HubDatabase, now: number): Promise<void> {
  if ((await countUnits(db)) > 0) return;
  const read = parseUnitsFile(await readFile(shippedUnitsPath()));
  if (!read.ok) throw new Error(`shipped units list, line ${read.line}: ${read.message}`);
  await storeUnits(db, { units: read.units, source: SHIPPED_UNITS_SOURCE, now, onlyIfEmpty: true });
}

/**
 * Settles the hub's province: the stored one, or `wanted` stored now. A `wanted` province that is not
 * in the units list, or differs from the stored one, is a ProvinceError (the hub does not start).
 */
export async function settleProvince(db: SqlExecutor, wanted: string | undefined): Promise<string | null> {
  const stored = (await readHubSettings(db)).provinceCode;
  if (wanted === undefined || wanted === '') return stored;
  if (!/^\d{2}$/.test(wanted)) throw new ProvinceError(`province "${wanted.slice(0, 20)}" must be a 2-digit province code, e.g. 22 for Tỉnh Quảng Ninh`);
  const known = new WardDirectory(await listUnits(db), null).provinces();
  if (!known.has(wanted)) throw new ProvinceError(`province ${wanted} is not in the units list (${[...known.keys()].sort().join(', ')})`);
  if (stored !== null && stored !== wanted) {
    throw new ProvinceError(`this hub's database serves province ${stored} (${known.get(stored) ?? '?'}), not ${wanted}: a hub serves one province`);
  }
  if (stored === null) await setProvince(db, wanted);
  return wanted;
}

/** Reads the ward directory (units + province) from the database. */
export async function readWardDirectory(db: SqlExecutor): Promise<WardDirectory> {
  const [units, settings] = await Promise.all([listUnits(db), readHubSettings(db)]);
  return new WardDirectory(units, settings.provinceCode);
}
