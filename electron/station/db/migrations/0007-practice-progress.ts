import type { Migration } from './migration';

/**
 * Each learner's attempts at each practice step (issue #19): how many, and when the first correct one
 * was. Mastery needs "every practice step done correctly at least once" across visits, and the
 * `attempt` number of `practice.attempted` counts on from here. The answers themselves are never kept.
 */
export const migration0007PracticeProgress: Migration = {
  version: 7,
  name: 'practice-progress',
  up: (db) => {
    db.exec(`
      CREATE TABLE practice_progress (
        learner_key TEXT NOT NULL,
        lesson_id TEXT NOT NULL,
        step_id TEXT NOT NULL,
        attempts INTEGER NOT NULL CHECK (attempts >= 1),
        completed_wall_ms INTEGER,
        PRIMARY KEY (learner_key, lesson_id, step_id)
      ) STRICT;
    `);
  },
};
