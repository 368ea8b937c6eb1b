/** The units list and the hub's settings (province, where the list came from). */
import type { SqlExecutor } from '../db/hub-database';
import type { AdminUnit, UnitType } from '../units/units-file';

export interface HubSettings {
  readonly provinceCode: string | null;
  readonly unitsSource: string | null;
  readonly unitsLoadedAt: number | null;
}

/** Replaces the whole units list (call inside a transaction: the old list stays until COMMIT). */
export async function replaceUnits(tx: SqlExecutor, p: { units: readonly AdminUnit[]; source: string; now: number }): Promise<void> {
  await tx.query('DELETE FROM admin_units');
  await tx.copyRows(
    { table: 'admin_units', columns: ['code', 'name', 'unit_type', 'province_code', 'province_name'] },
    p.units.map((unit) => [unit.code, unit.name, unit.type, unit.provinceCode, unit.provinceName]),
  );
  await tx.query(
    `INSERT INTO hub_settings (singleton, units_source, units_loaded_at) VALUES (true, $1, $2)
     ON CONFLICT (singleton) DO UPDATE SET units_source = EXCLUDED.units_source, units_loaded_at = EXCLUDED.units_loaded_at`,
    [p.source, p.now],
  );
}

export async function countUnits(db: SqlExecutor): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::integer AS n FROM admin_units');
  return rows[0]?.n ?? 0;
}

/** Every unit, by code. */
export async function listUnits(db: SqlExecutor): Promise<AdminUnit[]> {
  const rows = await db.query<{ code: string; name: string; unit_type: UnitType; province_code: string; province_name: string }>(
    'SELECT code, name, unit_type, province_code, province_name FROM admin_units ORDER BY code',
  );
  return rows.map((row) => ({ code: row.code, name: row.name, type: row.unit_type, provinceCode: row.province_code, provinceName: row.province_name }));
}

export async function readHubSettings(db: SqlExecutor): Promise<HubSettings> {
  const rows = await db.query<{ province_code: string | null; units_source: string | null; units_loaded_at: number | null }>(
    'SELECT province_code, units_source, units_loaded_at FROM hub_settings',
  );
  const row = rows[0];
  return { provinceCode: row?.province_code ?? null, unitsSource: row?.units_source ?? null, unitsLoadedAt: row?.units_loaded_at ?? null };
}

export async function setProvince(db: SqlExecutor, provinceCode: string): Promise<void> {
  await db.query(
    `INSERT INTO hub_settings (singleton, province_code) VALUES (true, $1)
     ON CONFLICT (singleton) DO UPDATE SET province_code = EXCLUDED.province_code`,
    [provinceCode],
  );
}
