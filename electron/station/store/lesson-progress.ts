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

/** One learner's row for one lesson. */
export interface ProgressRow {
  readonly lesson_id: string;
  readonly lesson_version: number;
  readonly step: number;
  readonly status: 'started' | 'passed' | 'failed';
  readonly best_score: number | null;
  readonly updated_wall_ms: number;
}

/** Every lesson the learner has opened, by lesson id. */
export function progressRows(db: Database, learnerKey: string): Map<string, ProgressRow> {
  const rows = db
    .prepare<[string], ProgressRow>('SELECT lesson_id, lesson_version, step, status, best_score, updated_wall_ms FROM lesson_progress WHERE learner_key = ?')
    .all(learnerKey);
  return new Map(rows.map((row) => [row.lesson_id, row]));
}

export function progressRow(db: Database, learnerKey: string, lessonId: string): ProgressRow | undefined {
  return db
    .prepare<[string, string], ProgressRow>('SELECT lesson_id, lesson_version, step, status, best_score, updated_wall_ms FROM lesson_progress WHERE learner_key = ? AND lesson_id = ?')
    .get(learnerKey, lessonId);
}

/**
 * A lesson opened: started (from step 0 unless it was already in progress). A passed lesson stays
 * passed with the day it was passed: that day is the certificate's, and reading a lesson again does
 * not move it.
 */
export function markStarted(db: Database, p: { learnerKey: string; lessonId: string; lessonVersion: number; wallMs: number }): void {
  db.prepare(
    `INSERT INTO lesson_progress (learner_key, lesson_id, lesson_version, step, status, best_score, updated_wall_ms) VALUES (?, ?, ?, 0, 'started', NULL, ?)
     ON CONFLICT (learner_key, lesson_id) DO UPDATE SET
       status = CASE WHEN lesson_progress.status = 'passed' THEN 'passed' ELSE 'started' END,
       step = CASE WHEN lesson_progress.status = 'started' THEN lesson_progress.step ELSE 0 END,
       lesson_version = excluded.lesson_version,
       updated_wall_ms = CASE WHEN lesson_progress.status = 'passed' THEN lesson_progress.updated_wall_ms ELSE excluded.updated_wall_ms END`,
  ).run(p.learnerKey, p.lessonId, p.lessonVersion, p.wallMs);
}

/** The step reached in a started lesson; false when the lesson is not in progress. */
export function saveProgressStep(db: Database, p: { learnerKey: string; lessonId: string; step: number; wallMs: number }): boolean {
  return db.prepare("UPDATE lesson_progress SET step = ?, updated_wall_ms = ? WHERE learner_key = ? AND lesson_id = ? AND status = 'started'").run(p.step, p.wallMs, p.learnerKey, p.lessonId).changes > 0;
}

/**
 * A quiz finished: passed or failed, keeping the best score. A lesson once passed stays passed with
 * the day it was first passed (the certificate's date).
 */
export function markQuizDone(db: Database, p: { learnerKey: string; lessonId: string; lessonVersion: number; passed: boolean; score: number; wallMs: number }): void {
  db.prepare(
    `INSERT INTO lesson_progress (learner_key, lesson_id, lesson_version, step, status, best_score, updated_wall_ms) VALUES (?, ?, ?, 0, ?, ?, ?)
     ON CONFLICT (learner_key, lesson_id) DO UPDATE SET
       status = CASE WHEN lesson_progress.status = 'passed' OR excluded.status = 'passed' THEN 'passed' ELSE 'failed' END,
       best_score = MAX(COALESCE(lesson_progress.best_score, 0), excluded.best_score),
       updated_wall_ms = CASE WHEN lesson_progress.status = 'passed' THEN lesson_progress.updated_wall_ms ELSE excluded.updated_wall_ms END,
       step = 0, lesson_version = excluded.lesson_version`,
  ).run(p.learnerKey, p.lessonId, p.lessonVersion, p.passed ? 'passed' : 'failed', p.score, p.wallMs);
}

/** The last practice step done right after a passed quiz: the lesson becomes passed now. */
export function markPassedByPractice(db: Database, p: { learnerKey: string; lessonId: string; lessonVersion: number; wallMs: number }): void {
  db.prepare("UPDATE lesson_progress SET status = 'passed', updated_wall_ms = ?, lesson_version = ?, step = 0 WHERE learner_key = ? AND lesson_id = ?").run(p.wallMs, p.lessonVersion, p.learnerKey, p.lessonId);
}
