/**
 * The `legacy_learner_keys` table (migration 0006): version-1 learner keys still to re-key, and the
 * version-2 key each one became. Writes run inside the EventLog transaction that appends the
 * `learner.rekeyed` event.
 */
import type { Database } from 'better-sqlite3';

/** Some version-1 keys still waiting, oldest-registered learners first is not needed: any order. */
export function pendingLegacyKeys(db: Database, limit: number): string[] {
  return db
    .prepare<[number], { legacy_key: string }>('SELECT legacy_key FROM legacy_learner_keys WHERE learner_key IS NULL ORDER BY legacy_key LIMIT ?')
    .all(limit)
    .map((row) => row.legacy_key);
}

export function isPendingLegacyKey(db: Database, legacyKey: string): boolean {
  return db.prepare('SELECT 1 FROM legacy_learner_keys WHERE legacy_key = ? AND learner_key IS NULL').get(legacyKey) !== undefined;
}

export function countPendingLegacyKeys(db: Database): number {
  return db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM legacy_learner_keys WHERE learner_key IS NULL').get()?.n ?? 0;
}

/** Moves every row of the station that names `legacyKey` to `learnerKey`, and records the mapping. */
export function rekeyLearnerRows(db: Database, legacyKey: string, learnerKey: string): void {
  db.prepare('UPDATE learners SET learner_key = ? WHERE learner_key = ?').run(learnerKey, legacyKey);
  db.prepare('UPDATE visits SET learner_key = ? WHERE learner_key = ?').run(learnerKey, legacyKey);
  db.prepare('UPDATE lesson_progress SET learner_key = ? WHERE learner_key = ?').run(learnerKey, legacyKey);
  db.prepare('UPDATE practice_progress SET learner_key = ? WHERE learner_key = ?').run(learnerKey, legacyKey);
  db.prepare('UPDATE legacy_learner_keys SET learner_key = ? WHERE legacy_key = ?').run(learnerKey, legacyKey);
}

/**
 * SQL for the current key of a learner key read from an event payload (`expr`): the version-2 key
 * when the event was written under version 1 and the learner has been re-keyed since. Reports that
 * read old events use it so a person is one learner before and after.
 */
export function currentLearnerKeySql(expr: string): string {
  return `COALESCE((SELECT lk.learner_key FROM legacy_learner_keys lk WHERE lk.legacy_key = ${expr}), ${expr})`;
}

/** Every key an event payload may carry for this learner: their key and the version-1 key it replaced. */
export function keysOfLearner(db: Database, learnerKey: string): string[] {
  const legacy = db.prepare<[string], { legacy_key: string }>('SELECT legacy_key FROM legacy_learner_keys WHERE learner_key = ?').all(learnerKey);
  return [learnerKey, ...legacy.map((row) => row.legacy_key)];
}
