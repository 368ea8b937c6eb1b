/**
 * The `lesson_progress` table: where each learner is in each lesson (resume after an idle reset or a
 * crash) and whether they passed it. Erased with the learner.
 */
import type { Database } from 'better-sqlite3';

/** Records an assisted pass (a group session's lesson) for each learner, keeping any better score. */
export function markPassedAssisted(db: Database, p: { learnerKeys: readonly string[]; lessonId: string; lessonVersion: number; score: number; wallMs: number }): void {
  const upsert = db.prepare(
    `INSERT INTO lesson_progress (learner_key, lesson_id, lesson_version, step, status, best_score, updated_wall_ms) VALUES (?, ?, ?, 0, 'passed', ?, ?)
     ON CONFLICT (learner_key, lesson_id) DO UPDATE SET status = 'passed', step = 0, best_score = MAX(COALESCE(best_score, 0), excluded.best_score), updated_wall_ms = excluded.updated_wall_ms`,
  );
  for (const learnerKey of p.learnerKeys) upsert.run(learnerKey, p.lessonId, p.lessonVersion, p.score, p.wallMs);
}

/** The lessons a learner passed. */
export function passedLessons(db: Database, learnerKey: string): string[] {
  return db.prepare<[string], { lesson_id: string }>("SELECT lesson_id FROM lesson_progress WHERE learner_key = ? AND status = 'passed'").all(learnerKey).map((row) => row.lesson_id);
}

export function deleteProgress(db: Database, learnerKey: string): void {
  db.prepare('DELETE FROM lesson_progress WHERE learner_key = ?').run(learnerKey);
}
