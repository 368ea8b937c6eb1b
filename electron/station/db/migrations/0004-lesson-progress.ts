import type { Migration } from './migration';

/** Where each learner is in each lesson, so a lesson resumes at its step after an idle reset or crash. */
export const migration0004LessonProgress: Migration = {
  version: 4,
  name: 'lesson-progress',
  up: (db) => {
    db.exec(`
      CREATE TABLE lesson_progress (
        learner_key TEXT NOT NULL,
        lesson_id TEXT NOT NULL,
        lesson_version INTEGER NOT NULL,
        step INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('started', 'passed', 'failed')),
        best_score INTEGER,
        updated_wall_ms INTEGER NOT NULL,
        PRIMARY KEY (learner_key, lesson_id)
      ) STRICT;
    `);
  },
};
