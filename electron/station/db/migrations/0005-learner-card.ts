import type { Migration } from './migration';

/**
 * The id of the printed learner card a learner was registered with, kept in the erasable learners
 * table so a volunteer can reprint a lost card (the same card id gives the same learner key at every
 * station of the city). Null for learners who use their citizen ID card.
 */
export const migration0005LearnerCard: Migration = {
  version: 5,
  name: 'learner-card',
  up: (db) => {
    db.exec('ALTER TABLE learners ADD COLUMN card_id TEXT');
  },
};
