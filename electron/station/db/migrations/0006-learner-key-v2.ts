import type { Migration } from './migration';

/**
 * Learner key version 2 (learners/learner-keys.ts). Every version-1 key the station still holds — in
 * its learners, visits, lesson progress or any event payload — is listed once, pending. The station
 * re-keys each one (learners/learner-rekey.ts): at the person's next scan, or in the background when
 * the kiosk is idle, with a `learner.rekeyed` event so the hub merges the two keys and counts the
 * person once. A re-keyed row keeps the mapping, so the station's own reports count them once too.
 * Keys made after this migration are version 2 from the start and are never listed.
 */
export const migration0006LearnerKeyV2: Migration = {
  version: 6,
  name: 'learner-key-v2',
  up: (db) => {
    db.exec(`
      CREATE TABLE legacy_learner_keys (
        legacy_key TEXT PRIMARY KEY,
        learner_key TEXT
      ) WITHOUT ROWID;
      CREATE INDEX legacy_learner_keys_pending ON legacy_learner_keys (legacy_key) WHERE learner_key IS NULL;
      INSERT OR IGNORE INTO legacy_learner_keys (legacy_key)
        SELECT k FROM (
          SELECT learner_key AS k FROM learners
          UNION SELECT learner_key FROM visits
          UNION SELECT learner_key FROM lesson_progress
          UNION SELECT json_extract(payload, '$.learner_key') FROM events WHERE json_valid(payload)
        ) WHERE typeof(k) = 'text' AND length(k) = 64;
    `);
  },
};
