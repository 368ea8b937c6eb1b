/**
 * The derived rows a visit writes beside its events (always inside the EventLog transaction that
 * appends those events): the erasable learner row and the visit row.
 */
import type { Database } from 'better-sqlite3';

export interface LearnerRowInput {
  readonly learnerKey: string;
  readonly displayName: string | null;
  readonly birthYear: number | null;
  readonly gender: 'nam' | 'nu' | null;
  readonly wardCode: string;
  readonly consentVersion: string;
  readonly wallMs: number;
  /** The printed learner card's id, when the learner was registered with one (for reprints). */
  readonly cardId?: string | null;
}

/** Inserts the learner unless they are already known (a second registration changes nothing). */
export function insertLearner(db: Database, row: LearnerRowInput): void {
  db.prepare(
    `INSERT INTO learners (learner_key, display_name, birth_year, gender, ward_code, consent_version, consent_wall_ms, registered_wall_ms, card_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (learner_key) DO NOTHING`,
  ).run(row.learnerKey, row.displayName, row.birthYear, row.gender, row.wardCode, row.consentVersion, row.wallMs, row.wallMs, row.cardId ?? null);
}

export function insertVisit(db: Database, visitId: string, learnerKey: string, method: string, wallMs: number): void {
  db.prepare('INSERT INTO visits (visit_id, learner_key, method, started_wall_ms) VALUES (?, ?, ?, ?)').run(visitId, learnerKey, method, wallMs);
}

export function closeVisit(db: Database, visitId: string, reason: string, wallMs: number): void {
  db.prepare('UPDATE visits SET ended_wall_ms = ?, end_reason = ? WHERE visit_id = ? AND ended_wall_ms IS NULL').run(wallMs, reason, visitId);
}

export function knownLearner(db: Database, learnerKey: string): { display_name: string | null; birth_year: number | null } | undefined {
  return db.prepare<[string], { display_name: string | null; birth_year: number | null }>('SELECT display_name, birth_year FROM learners WHERE learner_key = ?').get(learnerKey);
}
