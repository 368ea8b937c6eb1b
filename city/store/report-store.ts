/**
 * Report queries over the rollups kept at ingest (city/rollups/, migration 0007) and the small
 * settings tables: none of them reads events or event_facts, so a report costs the same with a year
 * of a province's events as with a day's. The rules behind the counts: city/rollups/rollup-rules.ts.
 */
import type { SqlExecutor } from '../db/hub-database';

export interface LearnerGroupRow {
  readonly ward: string;
  readonly age_band: string;
  readonly gender: string;
  readonly n: number;
}

/** Distinct learners grouped by ward, age band at `reportYear` and gender; `ward` null = all wards. */
export async function learnerGroups(db: SqlExecutor, p: { ward: string | null; reportYear: number }): Promise<LearnerGroupRow[]> {
  return db.query<LearnerGroupRow>(
    `SELECT ward,
            CASE WHEN birth_year = 0 THEN 'unknown'
                 WHEN $2::integer - birth_year >= 60 THEN '60+'
                 WHEN $2::integer - birth_year >= 18 THEN '18-59'
                 WHEN $2::integer - birth_year >= 15 THEN '15-17'
                 WHEN $2::integer - birth_year >= 6 THEN '6-14'
                 ELSE 'unknown' END AS age_band,
            gender,
            sum(learners)::integer AS n
     FROM ward_learner_profiles WHERE learners <> 0 AND ($1::text IS NULL OR ward = $1::text)
     GROUP BY 1, 2, 3`,
    [p.ward, p.reportYear],
  );
}

export interface LessonGroupRow {
  readonly ward: string;
  readonly lesson_id: string;
  readonly n: number;
}

/** Lessons passed (distinct learner and lesson) grouped by ward and lesson id. */
export async function lessonGroups(db: SqlExecutor, p: { ward: string | null }): Promise<LessonGroupRow[]> {
  return db.query<LessonGroupRow>(
    'SELECT ward, lesson_id, passes AS n FROM ward_lesson_totals WHERE passes <> 0 AND ($1::text IS NULL OR ward = $1::text)',
    [p.ward],
  );
}

export interface StationReportRow {
  readonly station_id: string;
  readonly ward_code: string;
  readonly status: string;
  readonly needs_review: boolean;
  readonly review_reason: string | null;
  readonly current_epoch: number;
  readonly acked_seq: number;
  readonly last_seen_at: number | null;
  readonly last_upload_at: number | null;
  readonly last_offset_ms: number | null;
  /** Group sessions ended on this station, and the attendees they counted. */
  readonly groups: number;
  readonly group_attendees: number;
}

/** Every station with its current epoch's acknowledged seq. */
export async function stationReport(db: SqlExecutor, p: { ward: string | null }): Promise<StationReportRow[]> {
  return db.query<StationReportRow>(
    `SELECT s.station_id, s.ward_code, s.status, s.needs_review, s.review_reason, s.current_epoch, e.acked_seq,
            s.last_seen_at, s.last_upload_at, s.last_offset_ms,
            COALESCE(g.groups, 0)::integer AS groups, COALESCE(g.attendees, 0)::integer AS group_attendees
     FROM stations s JOIN station_epochs e ON e.station_id = s.station_id AND e.epoch = s.current_epoch
     LEFT JOIN station_groups g ON g.station_id = s.station_id
     WHERE ($1::text IS NULL OR s.ward_code = $1::text)
     ORDER BY s.ward_code, s.station_id`,
    [p.ward],
  );
}

/** Target population per ward. */
export async function wardTargets(db: SqlExecutor): Promise<Map<string, number>> {
  const rows = await db.query<{ ward_code: string; target_population: number }>('SELECT ward_code, target_population FROM ward_targets');
  return new Map(rows.map((row) => [row.ward_code, row.target_population]));
}

export async function setWardTarget(db: SqlExecutor, p: { ward: string; population: number; staffName: string; now: number }): Promise<void> {
  await db.query(
    `INSERT INTO ward_targets (ward_code, target_population, updated_by, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (ward_code) DO UPDATE SET target_population = EXCLUDED.target_population, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
    [p.ward, p.population, p.staffName, p.now],
  );
}

/** The lesson → TT 02 competence codes map the hub was given (`tram city lesson-map`). */
export async function lessonCompetencies(db: SqlExecutor): Promise<Map<string, string[]>> {
  const rows = await db.query<{ lesson_id: string; competencies: string[] }>('SELECT lesson_id, competencies FROM lesson_competencies');
  return new Map(rows.map((row) => [row.lesson_id, row.competencies]));
}

/**
 * Maps a lesson to its TT 02 competences and, when the map has them, its QĐ 757 codes. `qd757: null`
 * (a map written with TT 02 codes only) keeps the QĐ 757 codes the hub already has.
 */
export async function setLessonCompetencies(db: SqlExecutor, p: { lessonId: string; competencies: readonly string[]; qd757: readonly string[] | null }): Promise<void> {
  await db.query(
    `INSERT INTO lesson_competencies (lesson_id, competencies, qd757) VALUES ($1, $2, COALESCE($3::text[], '{}'))
     ON CONFLICT (lesson_id) DO UPDATE SET competencies = EXCLUDED.competencies, qd757 = COALESCE($3::text[], lesson_competencies.qd757)`,
    [p.lessonId, p.competencies, p.qd757],
  );
}

/** The whole lesson map the hub holds: both frameworks per lesson, by lesson id. */
export async function lessonMap(db: SqlExecutor): Promise<{ lessonId: string; tt02: string[]; qd757: string[] }[]> {
  const rows = await db.query<{ lesson_id: string; competencies: string[]; qd757: string[] }>('SELECT lesson_id, competencies, qd757 FROM lesson_competencies ORDER BY lesson_id');
  return rows.map((row) => ({ lessonId: row.lesson_id, tt02: row.competencies, qd757: row.qd757 }));
}
