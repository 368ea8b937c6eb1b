/**
 * The `practice_progress` table (migration 0007): each learner's attempts at each practice step and
 * when the first correct one was. Never the answers. Erased with the learner. Repository functions
 * `(db, params) => result`; writes run inside the EventLog transaction that appends the
 * `practice.attempted` event.
 */
import type { Database } from 'better-sqlite3';

/** How many attempts the learner has made at a step so far (0 before the first). */
export function attemptsSoFar(db: Database, learnerKey: string, lessonId: string, stepId: string): number {
  const row = db
    .prepare<[string, string, string], { attempts: number }>('SELECT attempts FROM practice_progress WHERE learner_key = ? AND lesson_id = ? AND step_id = ?')
    .get(learnerKey, lessonId, stepId);
  return row?.attempts ?? 0;
}

/** Counts one attempt; the first correct one stamps `completed_wall_ms`, later ones never move it. */
export function countAttempt(db: Database, learnerKey: string, lessonId: string, stepId: string, correct: boolean, wallMs: number): void {
  db.prepare(
    `INSERT INTO practice_progress (learner_key, lesson_id, step_id, attempts, completed_wall_ms) VALUES (?, ?, ?, 1, ?)
     ON CONFLICT (learner_key, lesson_id, step_id) DO UPDATE SET
       attempts = practice_progress.attempts + 1,
       completed_wall_ms = COALESCE(practice_progress.completed_wall_ms, excluded.completed_wall_ms)`,
  ).run(learnerKey, lessonId, stepId, correct ? wallMs : null);
}

/** The practice steps of a lesson the learner has done correctly at least once. */
export function completedPractice(db: Database, learnerKey: string, lessonId: string): Set<string> {
  const rows = db
    .prepare<[string, string], { step_id: string }>('SELECT step_id FROM practice_progress WHERE learner_key = ? AND lesson_id = ? AND completed_wall_ms IS NOT NULL')
    .all(learnerKey, lessonId);
  return new Set(rows.map((row) => row.step_id));
}

export function deletePracticeProgress(db: Database, learnerKey: string): void {
  db.prepare('DELETE FROM practice_progress WHERE learner_key = ?').run(learnerKey);
}
