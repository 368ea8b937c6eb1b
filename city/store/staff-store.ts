/** City staff, their roles and wards, and their sessions. Session tokens are stored only as SHA-256 hashes. */
import type { StaffMember, StaffRole } from '../access/ward-scope';
import type { SqlExecutor } from '../db/hub-database';

/** Adds a staff member, or sets a new password for an existing one; true when newly added. */
export async function upsertStaff(db: SqlExecutor, p: { name: string; passwordHash: string; now: number; role?: StaffRole }): Promise<boolean> {
  const rows = await db.query<{ inserted: boolean }>(
    `INSERT INTO staff (name, password_hash, created_at, role) VALUES ($1, $2, $3, $4)
     ON CONFLICT (name) DO UPDATE SET password_hash = EXCLUDED.password_hash
     RETURNING (xmax = 0) AS inserted`,
    [p.name, p.passwordHash, p.now, p.role ?? 'admin'],
  );
  const inserted = rows[0]?.inserted ?? false;
  // A new password ends every session of the old one.
  if (!inserted) await deleteSessionsOf(db, p.name);
  return inserted;
}

export interface StaffAccount extends StaffMember {
  readonly disabledAt: number | null;
  readonly createdAt: number;
}

/** The password hash of an active (not disabled) staff member, or null. */
export async function findStaffPasswordHash(db: SqlExecutor, name: string): Promise<string | null> {
  const rows = await db.query<{ password_hash: string }>('SELECT password_hash FROM staff WHERE name = $1 AND disabled_at IS NULL', [name]);
  return rows[0]?.password_hash ?? null;
}

/** One staff member with role and wards, or null. */
export async function findStaff(db: SqlExecutor, name: string): Promise<StaffAccount | null> {
  return (await listStaff(db, name))[0] ?? null;
}

/** Every staff member (or one), by name. */
export async function listStaff(db: SqlExecutor, name: string | null = null): Promise<StaffAccount[]> {
  const rows = await db.query<{ name: string; role: StaffRole; disabled_at: number | null; created_at: number; wards: string[] | null }>(
    `SELECT s.name, s.role, s.disabled_at, s.created_at, array_agg(w.ward_code ORDER BY w.ward_code) FILTER (WHERE w.ward_code IS NOT NULL) AS wards
     FROM staff s LEFT JOIN staff_wards w ON w.staff_name = s.name
     WHERE ($1::text IS NULL OR s.name = $1::text) GROUP BY s.name ORDER BY s.name`,
    [name],
  );
  return rows.map((row) => ({ name: row.name, role: row.role, wards: row.wards ?? [], disabledAt: row.disabled_at, createdAt: row.created_at }));
}

/** Sets a staff member's role and (for a ward officer) wards; false when there is no such staff member. */
export async function setStaffAccess(db: SqlExecutor, p: { name: string; role: StaffRole; wards: readonly string[] }): Promise<boolean> {
  const rows = await db.query('UPDATE staff SET role = $2 WHERE name = $1 RETURNING 1', [p.name, p.role]);
  if (rows.length === 0) return false;
  await db.query('DELETE FROM staff_wards WHERE staff_name = $1', [p.name]);
  if (p.role === 'ward_officer' && p.wards.length > 0) {
    await db.query('INSERT INTO staff_wards (staff_name, ward_code) SELECT $1, unnest($2::text[])', [p.name, [...new Set(p.wards)]]);
  }
  return true;
}

/** Disables (ending every session) or enables a staff member; false when unknown. */
export async function setStaffDisabled(db: SqlExecutor, p: { name: string; disabledAt: number | null }): Promise<boolean> {
  const rows = await db.query('UPDATE staff SET disabled_at = $2 WHERE name = $1 RETURNING 1', [p.name, p.disabledAt]);
  if (rows.length === 1 && p.disabledAt !== null) await deleteSessionsOf(db, p.name);
  return rows.length === 1;
}

export async function countActiveAdmins(db: SqlExecutor): Promise<number> {
  const rows = await db.query<{ n: number }>("SELECT count(*)::integer AS n FROM staff WHERE role = 'admin' AND disabled_at IS NULL");
  return rows[0]?.n ?? 0;
}

export async function insertSession(db: SqlExecutor, p: { tokenHash: string; staffName: string; now: number; expiresAt: number }): Promise<void> {
  await db.query('INSERT INTO staff_sessions (token_hash, staff_name, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
    p.tokenHash,
    p.staffName,
    p.now,
    p.expiresAt,
  ]);
}

/** The staff name of a live session of an active staff member, or null. */
export async function findSessionStaff(db: SqlExecutor, p: { tokenHash: string; now: number }): Promise<string | null> {
  const rows = await db.query<{ staff_name: string }>(
    'SELECT t.staff_name FROM staff_sessions t JOIN staff s ON s.name = t.staff_name WHERE t.token_hash = $1 AND t.expires_at > $2 AND s.disabled_at IS NULL',
    [p.tokenHash, p.now],
  );
  return rows[0]?.staff_name ?? null;
}

export async function deleteSession(db: SqlExecutor, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM staff_sessions WHERE token_hash = $1', [tokenHash]);
}

/** Ends every session of a staff member ("sign out everywhere", a new password, disabling); returns how many. */
export async function deleteSessionsOf(db: SqlExecutor, name: string): Promise<number> {
  return (await db.query('DELETE FROM staff_sessions WHERE staff_name = $1 RETURNING 1', [name])).length;
}
