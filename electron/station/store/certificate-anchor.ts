/**
 * What a certificate code is anchored on (core/lessons/mastery.ts `certificateCode`): the hash of the
 * learner's latest passing `lesson.completed` event in the log. The city holds the same event, so an
 * official can recompute the code, and reprinting the same certificate gives the same code.
 */
import type { Database } from 'better-sqlite3';
import { keysOfLearner } from './legacy-learner-keys';

/**
 * Null when there is none (retention pruned it): the caller falls back to the log head. A learner
 * re-keyed to version 2 may have passed under their version-1 key (legacy-learner-keys.ts).
 */
export function latestPassHash(db: Database, learnerKey: string): string | null {
  const row = db
    .prepare<[string], { hash: string }>(
      `SELECT hash FROM events WHERE kind = 'lesson.completed' AND json_extract(payload, '$.learner_key') IN (SELECT value FROM json_each(?)) AND json_extract(payload, '$.passed') = 1
       ORDER BY epoch DESC, seq DESC LIMIT 1`,
    )
    .get(JSON.stringify(keysOfLearner(db, learnerKey)));
  return row?.hash ?? null;
}
