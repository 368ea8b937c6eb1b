/**
 * A hub "backup and restore" for the rollup tests: every table a batch writes is copied aside and
 * later put back whole (TRUNCATE + INSERT, which the events trigger allows), as a restored database
 * dump would be — rollups and events from the same instant, then stations re-send from the cursor.
 */
import type { SqlExecutor } from '../../../city/db/hub-database';

const HUB_TABLES = [
  'stations', 'station_epochs', 'events', 'event_facts', 'fork_reports', 'learner_rollup', 'lesson_passes', 'learner_aliases',
  'ward_day_learners', 'ward_learner_profiles', 'ward_day_lessons', 'ward_lesson_totals', 'station_groups',
];

/** Empties every hub table a test stream writes (and the lesson map and targets). */
export async function wipeHub(db: SqlExecutor): Promise<void> {
  await db.query(`TRUNCATE ${[...HUB_TABLES, 'enrolment_codes', 'lesson_competencies', 'ward_targets'].join(', ')}`);
}

/** Copies every hub table aside (replacing an earlier copy). */
export async function backUpHub(db: SqlExecutor): Promise<void> {
  for (const table of HUB_TABLES) {
    await db.query(`DROP TABLE IF EXISTS backup_${table}`);
    await db.query(`CREATE TABLE backup_${table} AS SELECT * FROM ${table}`);
  }
}

/** Puts the copies back, as a restore of that backup would. */
export async function restoreHub(db: SqlExecutor): Promise<void> {
  await db.query(`TRUNCATE ${HUB_TABLES.join(', ')}`);
  for (const table of HUB_TABLES) await db.query(`INSERT INTO ${table} SELECT * FROM backup_${table}`);
}
