/**
 * The full-recompute report queries, kept only as the tests' oracle: every figure the rollups hold,
 * computed from scratch from event_facts and events in the style the hub used before rollups (one
 * CTE that decides each learner's ward, then joins). Counts lessons as distinct (learner, lesson)
 * passed, on the day of the first pass, in the learner's ward (city/rollups/rollup-rules.ts).
 */
import type { SqlExecutor } from '../../../city/db/hub-database';
import type { LearnerGroupRow, LessonGroupRow } from '../../../city/store/report-store';

const DAY = `floor(((CASE WHEN f.hlc ~ '^[0-9]{13}-[0-9]{4}$' THEN left(f.hlc, 13)::bigint ELSE e.wall_ms END) + 25200000)::numeric / 86400000)::integer`;

// Facts with every learner key read through learner_aliases (learner key version 2, city/rollups/learner-aliases.ts).
const LEARNERS_CTE = `
  WITH canon_facts AS (
    SELECT f.station_id, f.epoch, f.seq, f.kind, f.station_ward, f.hlc, COALESCE(a.learner_key, f.learner_key) AS learner_key,
           f.birth_year, f.gender, f.ward_code, f.lesson_id, f.passed
    FROM event_facts f LEFT JOIN learner_aliases a ON a.previous_key = f.learner_key WHERE f.kind <> 'learner.rekeyed'
  ), reg AS (
    SELECT DISTINCT ON (learner_key) learner_key, ward_code, birth_year, gender
    FROM canon_facts WHERE kind = 'learner.registered' AND learner_key IS NOT NULL
    ORDER BY learner_key, (ward_code IS NULL), hlc COLLATE "C" DESC, station_id COLLATE "C", epoch, seq DESC
  ), first_seen AS (
    SELECT DISTINCT ON (f.learner_key) f.learner_key, f.station_ward, ${DAY} AS day
    FROM canon_facts f JOIN events e USING (station_id, epoch, seq)
    WHERE f.kind IN ('learner.registered', 'attendance.checkin') AND f.learner_key IS NOT NULL
    ORDER BY f.learner_key, f.hlc COLLATE "C", f.station_id COLLATE "C", f.epoch, f.seq
  ), learners AS (
    SELECT f.learner_key, COALESCE(r.ward_code, f.station_ward) AS ward, f.day, r.birth_year, r.gender
    FROM first_seen f LEFT JOIN reg r ON r.learner_key = f.learner_key
  ), first_pass AS (
    SELECT DISTINCT ON (f.learner_key, f.lesson_id) f.learner_key, f.lesson_id, f.station_ward, ${DAY} AS day
    FROM canon_facts f JOIN events e USING (station_id, epoch, seq)
    WHERE f.kind = 'lesson.completed' AND f.passed AND f.learner_key IS NOT NULL AND f.lesson_id IS NOT NULL
    ORDER BY f.learner_key, f.lesson_id, f.hlc COLLATE "C", f.station_id COLLATE "C", f.epoch, f.seq
  ), passes AS (
    SELECT COALESCE(l.ward, p.station_ward) AS ward, p.day, p.lesson_id
    FROM first_pass p LEFT JOIN learners l ON l.learner_key = p.learner_key
  )`;

export interface RollupSnapshot {
  readonly learnersByDay: string[];
  readonly profiles: string[];
  readonly lessonsByDay: string[];
  readonly lessonTotals: string[];
  readonly stationGroups: string[];
}

const lines = (rows: Record<string, unknown>[]) => rows.map((row) => Object.values(row).join('|')).sort();

/** Every rollup figure recomputed from the stored facts, as sorted text lines. */
export async function recomputeRollups(db: SqlExecutor): Promise<RollupSnapshot> {
  return {
    learnersByDay: lines(await db.query(`${LEARNERS_CTE} SELECT ward, day, count(*)::integer AS n FROM learners GROUP BY 1, 2`)),
    profiles: lines(await db.query(`${LEARNERS_CTE} SELECT ward, COALESCE(birth_year, 0) AS b, COALESCE(gender, 'unknown') AS g, count(*)::integer AS n FROM learners GROUP BY 1, 2, 3`)),
    lessonsByDay: lines(await db.query(`${LEARNERS_CTE} SELECT ward, day, lesson_id, count(*)::integer AS n FROM passes GROUP BY 1, 2, 3`)),
    lessonTotals: lines(await db.query(`${LEARNERS_CTE} SELECT ward, lesson_id, count(*)::integer AS n FROM passes GROUP BY 1, 2`)),
    stationGroups: lines(
      await db.query(
        `SELECT station_id, count(*)::integer AS groups, sum(COALESCE(substring(payload from '"attendees":([0-9]{1,6})')::integer, 0))::integer AS attendees
         FROM events WHERE kind = 'group.ended' GROUP BY station_id`,
      ),
    ),
  };
}

/** The same figures as the rollup tables hold them (non-zero rows), as sorted text lines. */
export async function readRollups(db: SqlExecutor): Promise<RollupSnapshot> {
  return {
    learnersByDay: lines(await db.query('SELECT ward, day, learners FROM ward_day_learners WHERE learners <> 0')),
    profiles: lines(await db.query('SELECT ward, birth_year, gender, learners FROM ward_learner_profiles WHERE learners <> 0')),
    lessonsByDay: lines(await db.query('SELECT ward, day, lesson_id, passes FROM ward_day_lessons WHERE passes <> 0')),
    lessonTotals: lines(await db.query('SELECT ward, lesson_id, passes FROM ward_lesson_totals WHERE passes <> 0')),
    stationGroups: lines(await db.query('SELECT station_id, groups, attendees::integer FROM station_groups WHERE groups <> 0')),
  };
}

/** The report store's learner groups, recomputed (for assembleProgress). */
export async function recomputeLearnerGroups(db: SqlExecutor, p: { ward: string | null; reportYear: number }): Promise<LearnerGroupRow[]> {
  return db.query<LearnerGroupRow>(
    `${LEARNERS_CTE}
     SELECT ward,
            CASE WHEN birth_year IS NULL THEN 'unknown'
                 WHEN $2::integer - birth_year >= 60 THEN '60+'
                 WHEN $2::integer - birth_year >= 18 THEN '18-59'
                 WHEN $2::integer - birth_year >= 15 THEN '15-17'
                 WHEN $2::integer - birth_year >= 6 THEN '6-14'
                 ELSE 'unknown' END AS age_band,
            COALESCE(gender, 'unknown') AS gender, count(*)::integer AS n
     FROM learners WHERE ($1::text IS NULL OR ward = $1::text) GROUP BY 1, 2, 3`,
    [p.ward, p.reportYear],
  );
}

/** The report store's lesson groups, recomputed. */
export async function recomputeLessonGroups(db: SqlExecutor, p: { ward: string | null }): Promise<LessonGroupRow[]> {
  return db.query<LessonGroupRow>(
    `${LEARNERS_CTE} SELECT ward, lesson_id, count(*)::integer AS n FROM passes WHERE ($1::text IS NULL OR ward = $1::text) GROUP BY 1, 2`,
    [p.ward],
  );
}
