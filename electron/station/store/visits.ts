/** The `visits` table: one row per visit, written beside its check-in and check-out events. */
import type { Database } from 'better-sqlite3';

export function insertVisit(db: Database, visitId: string, learnerKey: string, method: string, wallMs: number): void {
  db.prepare('INSERT INTO visits (visit_id, learner_key, method, started_wall_ms) VALUES (?, ?, ?, ?)').run(visitId, learnerKey, method, wallMs);
}

export function closeVisit(db: Database, visitId: string, reason: string, wallMs: number): void {
  db.prepare('UPDATE visits SET ended_wall_ms = ?, end_reason = ? WHERE visit_id = ? AND ended_wall_ms IS NULL').run(wallMs, reason, visitId);
}

export function countVisits(db: Database, learnerKey: string): number {
  return db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM visits WHERE learner_key = ?').get(learnerKey)?.n ?? 0;
}
