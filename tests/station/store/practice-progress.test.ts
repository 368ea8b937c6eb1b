import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attemptsSoFar, completedPractice, countAttempt, deletePracticeProgress } from '../../../electron/station/store/practice-progress';
import { LEARNER_A, LEARNER_B, openTestLog, tempDir } from '../../support/station-db';

describe('store/practice-progress', () => {
  let temp: ReturnType<typeof tempDir>;
  let db: Database;
  beforeEach(() => {
    temp = tempDir();
    db = openTestLog(`${temp.dir}/s.sqlite`).db;
  });
  afterEach(() => {
    db.close();
    temp.cleanup();
  });

  it('counts attempts per learner, lesson and step, from 0', () => {
    expect(attemptsSoFar(db, LEARNER_A, 'bai', 'p1')).toBe(0);
    countAttempt(db, LEARNER_A, 'bai', 'p1', false, 1_000);
    countAttempt(db, LEARNER_A, 'bai', 'p1', false, 2_000);
    countAttempt(db, LEARNER_A, 'bai', 'p2', false, 2_000);
    countAttempt(db, LEARNER_B, 'bai', 'p1', false, 2_000);
    expect(attemptsSoFar(db, LEARNER_A, 'bai', 'p1')).toBe(2);
    expect(attemptsSoFar(db, LEARNER_A, 'bai', 'p2')).toBe(1);
    expect(attemptsSoFar(db, LEARNER_A, 'khac', 'p1')).toBe(0);
  });

  it('stamps the first correct attempt only: a later wrong or right one never undoes or moves it', () => {
    countAttempt(db, LEARNER_A, 'bai', 'p1', false, 1_000);
    expect(completedPractice(db, LEARNER_A, 'bai')).toEqual(new Set());
    countAttempt(db, LEARNER_A, 'bai', 'p1', true, 2_000);
    countAttempt(db, LEARNER_A, 'bai', 'p1', false, 3_000);
    countAttempt(db, LEARNER_A, 'bai', 'p1', true, 4_000);
    expect(completedPractice(db, LEARNER_A, 'bai')).toEqual(new Set(['p1']));
    expect(db.prepare('SELECT attempts, completed_wall_ms FROM practice_progress').get()).toEqual({ attempts: 4, completed_wall_ms: 2_000 });
  });

  it('deletes one learner’s rows and nobody else’s', () => {
    countAttempt(db, LEARNER_A, 'bai', 'p1', true, 1_000);
    countAttempt(db, LEARNER_B, 'bai', 'p1', true, 1_000);
    deletePracticeProgress(db, LEARNER_A);
    expect(completedPractice(db, LEARNER_A, 'bai')).toEqual(new Set());
    expect(completedPractice(db, LEARNER_B, 'bai')).toEqual(new Set(['p1']));
  });
});
