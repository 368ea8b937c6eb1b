/**
 * The `practice_progress` and `learners.track` rows of one learner (migrations 0006 and 0007):
 * repository functions, `(db, params) => result`, with bound parameters only.
 */
import type { Database } from 'better-sqlite3';
import { isTrackId, type TrackId } from '../../core/lessons/tracks';

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

/** The track the learner chose (null if none yet) and their birth year, from the erasable learners table. */
export function learnerTrackRow(db: Database, learnerKey: string): { readonly track: TrackId | null; readonly birthYear: number | null } {
  const row = db.prepare<[string], { track: string | null; birth_year: number | null }>('SELECT track, birth_year FROM learners WHERE learner_key = ?').get(learnerKey);
  const track = row?.track ?? null;
  return { track: track !== null && isTrackId(track) ? track : null, birthYear: row?.birth_year ?? null };
}

/** Remembers the learner's track; false when the learner has no row (erased meanwhile). */
export function saveLearnerTrack(db: Database, learnerKey: string, track: TrackId): boolean {
  return db.prepare('UPDATE learners SET track = ? WHERE learner_key = ?').run(track, learnerKey).changes > 0;
}
