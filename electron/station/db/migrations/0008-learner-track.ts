import type { Migration } from './migration';

/**
 * The learning track a learner chose on the lesson list (adult, worker, pupil; core/lessons/tracks.ts).
 * Null until they choose: the track is then inferred from the birth year. Kept in the erasable
 * learners table, so erasure removes it with the name.
 */
export const migration0008LearnerTrack: Migration = {
  version: 8,
  name: 'learner-track',
  up: (db) => {
    db.exec("ALTER TABLE learners ADD COLUMN track TEXT CHECK (track IN ('adult', 'worker', 'pupil'))");
  },
};
