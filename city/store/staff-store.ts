/** City staff and their sessions. Session tokens are stored only as SHA-256 hashes. */
import type { SqlExecutor } from '../db/hub-database';

/** Adds a staff member, or sets a new password for an existing one; true when newly added. */
export async function upsertStaff(db: SqlExecutor, p: { name: string; passwordHash: string; now: number }): Promise<boolean> {
  const rows = await db.query<{ inserted: boolean }>(
    `INSERT INTO staff (name, password_hash, created_at) VALUES ($1, $2, $3)
     ON CONFLICT (name) DO UPDATE SET password_hash = EXCLUDED.password_hash
     RETURNING (xmax = 0) AS inserted`,
    [p.name, p.passwordHash, p.now],
  );
  return rows[0]?.inserted ?? false;
}

export async function findStaffPasswordHash(db: SqlExecutor, name: string): Promise<string | null> {
  const rows = await db.query<{ password_hash: string }>('SELECT password_hash FROM staff WHERE name = $1', [name]);
  return rows[0]?.password_hash ?? null;
}

export async function insertSession(db: SqlExecutor, p: { tokenHash: string; staffName: string; now: number; expiresAt: number }): Promise<void> {
  await db.query('INSERT INTO staff_sessions (token_hash, staff_name, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
    p.tokenHash,
    p.staffName,
    p.now,
    p.expiresAt,
  ]);
}

/** The staff name of a live session, or null. */
export async function findSessionStaff(db: SqlExecutor, p: { tokenHash: string; now: number }): Promise<string | null> {
  const rows = await db.query<{ staff_name: string }>('SELECT staff_name FROM staff_sessions WHERE token_hash = $1 AND expires_at > $2', [p.tokenHash, p.now]);
  return rows[0]?.staff_name ?? null;
}

export async function deleteSession(db: SqlExecutor, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM staff_sessions WHERE token_hash = $1', [tokenHash]);
}
