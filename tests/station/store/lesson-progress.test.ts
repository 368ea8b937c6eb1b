import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markPassedByPractice, markQuizDone, markStarted, progressRow, progressRows, saveProgressStep } from '../../../electron/station/store/lesson-progress';
import { LEARNER_A, LEARNER_B, openTestLog, tempDir } from '../../support/station-db';

describe('store/lesson-progress: a learner’s way through a lesson', () => {
  let temp: ReturnType<typeof tempDir>;
  let db: Database;
  const key = { learnerKey: LEARNER_A, lessonId: 'bai', lessonVersion: 2 };
  beforeEach(() => {
    temp = tempDir();
    db = openTestLog(`${temp.dir}/s.sqlite`).db;
  });
  afterEach(() => {
    db.close();
    temp.cleanup();
  });

  it('starts at step 0, saves the step reached, and resumes there when opened again', () => {
    markStarted(db, { ...key, wallMs: 1_000 });
    expect(saveProgressStep(db, { learnerKey: LEARNER_A, lessonId: 'bai', step: 3, wallMs: 2_000 })).toBe(true);
    markStarted(db, { ...key, wallMs: 3_000 });
    expect(progressRow(db, LEARNER_A, 'bai')).toMatchObject({ status: 'started', step: 3, updated_wall_ms: 3_000 });
  });

  it('saves no step for a lesson not in progress', () => {
    expect(saveProgressStep(db, { learnerKey: LEARNER_A, lessonId: 'bai', step: 1, wallMs: 1 })).toBe(false);
    markQuizDone(db, { ...key, passed: true, score: 3, wallMs: 1_000 });
    expect(saveProgressStep(db, { learnerKey: LEARNER_A, lessonId: 'bai', step: 1, wallMs: 2 })).toBe(false);
  });

  it('keeps a pass, its date and the best score whatever comes after', () => {
    markQuizDone(db, { ...key, passed: false, score: 1, wallMs: 1_000 });
    expect(progressRow(db, LEARNER_A, 'bai')).toMatchObject({ status: 'failed', best_score: 1 });
    markQuizDone(db, { ...key, passed: true, score: 3, wallMs: 2_000 });
    markStarted(db, { ...key, wallMs: 3_000 });
    markQuizDone(db, { ...key, passed: false, score: 2, wallMs: 4_000 });
    expect(progressRow(db, LEARNER_A, 'bai')).toMatchObject({ status: 'passed', best_score: 3, step: 0, updated_wall_ms: 2_000 });
  });

  it('passes a lesson by its last practice, and lists each learner’s own rows', () => {
    markQuizDone(db, { ...key, passed: false, score: 3, wallMs: 1_000 });
    markPassedByPractice(db, { ...key, lessonVersion: 3, wallMs: 5_000 });
    markStarted(db, { learnerKey: LEARNER_B, lessonId: 'khac', lessonVersion: 1, wallMs: 1 });
    expect([...progressRows(db, LEARNER_A).entries()]).toEqual([['bai', { lesson_id: 'bai', lesson_version: 3, step: 0, status: 'passed', best_score: 3, updated_wall_ms: 5_000 }]]);
    expect([...progressRows(db, LEARNER_B).keys()]).toEqual(['khac']);
  });
});
