/** The audit log of administrative actions: who, what, when, from where (kept in the database). */
import type { SqlExecutor } from '../db/hub-database';

export interface Actor {
  readonly name: string;
  /** The client address (a browser's, through trusted proxies) or "local" for the command line. */
  readonly address: string;
  readonly via: 'web' | 'cli';
}

export interface AuditEntry {
  readonly id: number;
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly target: string | null;
  readonly detail: string | null;
  readonly address: string | null;
  readonly via: 'web' | 'cli';
}

/** Writes one audit row (call in the transaction of the action itself: nothing half-saved). */
export async function writeAudit(db: SqlExecutor, p: { actor: Actor; action: string; target: string | null; detail?: string | null; at: number }): Promise<void> {
  await db.query('INSERT INTO audit_log (at, actor, action, target, detail, address, via) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    p.at,
    p.actor.name,
    p.action,
    p.target,
    p.detail ?? null,
    p.actor.address.slice(0, 100),
    p.actor.via,
  ]);
}

/** The newest entries first, `limit` of them before id `before` (paging). */
export async function listAudit(db: SqlExecutor, p: { limit: number; before: number | null }): Promise<AuditEntry[]> {
  return db.query<AuditEntry>('SELECT id, at, actor, action, target, detail, address, via FROM audit_log WHERE ($1::bigint IS NULL OR id < $1::bigint) ORDER BY id DESC LIMIT $2', [
    p.before,
    p.limit,
  ]);
}
