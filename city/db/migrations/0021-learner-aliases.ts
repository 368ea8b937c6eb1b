import type { Migration } from './migration';

/**
 * Learner key version 2 (docs/PROTOCOL.md §12): a station re-keys a learner it registered under
 * version 1 with a `learner.rekeyed {learner_key, previous_key}` event. The hub keeps the mapping so
 * the person is one learner before and after (city/rollups/learner-aliases.ts), including events
 * under the old key that reach it later (another station's backlog, a USB bundle).
 */
export const migration0021: Migration = {
  version: 21,
  name: 'learner_aliases',
  statements: ['CREATE TABLE learner_aliases (previous_key text PRIMARY KEY, learner_key text NOT NULL, created_at bigint NOT NULL)'],
};
