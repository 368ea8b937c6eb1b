import type { Migration } from './migration';

/**
 * The erasable personal side of the station, kept apart from the log: `learners` holds the greeting
 * name and demographics (deleted on erasure), `visits` is derived from check-in/out events in the same
 * transactions. Neither ever holds an ID number or raw QR text.
 */
export const migration0003LearnersVisits: Migration = {
  version: 3,
  name: 'learners-visits',
  up: (db) => {
    db.exec(`
      CREATE TABLE learners (
        learner_key TEXT PRIMARY KEY,
        display_name TEXT,
        birth_year INTEGER,
        gender TEXT CHECK (gender IN ('nam', 'nu')),
        ward_code TEXT,
        consent_version TEXT NOT NULL,
        consent_wall_ms INTEGER NOT NULL,
        registered_wall_ms INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE visits (
        visit_id TEXT PRIMARY KEY,
        learner_key TEXT NOT NULL,
        method TEXT NOT NULL,
        started_wall_ms INTEGER NOT NULL,
        ended_wall_ms INTEGER,
        end_reason TEXT
      ) STRICT;
      CREATE INDEX visits_by_start ON visits (started_wall_ms);
      CREATE INDEX visits_by_learner ON visits (learner_key, started_wall_ms);
    `);
  },
};
