/**
 * Sign-in lockout per user name and per client address (issue #17, #20 item 5), kept in the database so
 * every hub process shares it. `NAME_LIMIT` failures for one name, or `ADDRESS_LIMIT` from one address,
 * within `WINDOW_MS` lock that name or address for `LOCK_MS`: sign-in (form or HTTP Basic) answers 429
 * with Retry-After, before any password is hashed, even for the right password. A success clears the
 * name's count (not the address's: one good account must not reset a guessing address).
 */
import type { SqlExecutor } from '../db/hub-database';

export const NAME_LIMIT = 5;
export const ADDRESS_LIMIT = 20;
export const WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;

type Scope = 'name' | 'address';

/** Milliseconds until the name or the address may try again; 0 when neither is locked. */
export async function lockedFor(db: SqlExecutor, p: { name: string; address: string; now: number }): Promise<number> {
  const rows = await db.query<{ locked_until: number | null }>(
    "SELECT locked_until FROM sign_in_throttle WHERE ((scope = 'name' AND key = $1) OR (scope = 'address' AND key = $2)) AND locked_until > $3",
    [p.name.slice(0, 200), p.address, p.now],
  );
  return rows.reduce((most, row) => Math.max(most, (row.locked_until ?? 0) - p.now), 0);
}

async function countFailure(db: SqlExecutor, scope: Scope, key: string, limit: number, now: number): Promise<void> {
  await db.query(
    `INSERT INTO sign_in_throttle AS t (scope, key, failures, window_start, locked_until) VALUES ($1, $2, 1, $3, NULL)
     ON CONFLICT (scope, key) DO UPDATE SET
       failures = CASE WHEN t.window_start <= $3 - $4 THEN 1 ELSE t.failures + 1 END,
       window_start = CASE WHEN t.window_start <= $3 - $4 THEN $3 ELSE t.window_start END,
       locked_until = CASE WHEN t.window_start > $3 - $4 AND t.failures + 1 >= $5 THEN $3 + $6 ELSE t.locked_until END`,
    [scope, key, now, WINDOW_MS, limit, LOCK_MS],
  );
}

/** Counts one failed sign-in against the name and the address. */
export async function recordFailure(db: SqlExecutor, p: { name: string; address: string; now: number }): Promise<void> {
  await countFailure(db, 'name', p.name.slice(0, 200), NAME_LIMIT, p.now);
  await countFailure(db, 'address', p.address, ADDRESS_LIMIT, p.now);
}

/** A successful sign-in clears the name's failures. */
export async function clearName(db: SqlExecutor, name: string): Promise<void> {
  await db.query("DELETE FROM sign_in_throttle WHERE scope = 'name' AND key = $1", [name.slice(0, 200)]);
}
