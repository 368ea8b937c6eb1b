/**
 * Report queries over the rollups kept at ingest (city/rollups/, migration 0007) and the small
 * settings tables: none of them reads events or event_facts, so a report costs the same with a year
 * of a province's events as with a day's. The rules behind the counts: city/rollups/rollup-rules.ts.
 */
import { ALL_WARDS, wardScopeParam } from '../access/ward-scope';
import type { WardScope } from '../access/ward-scope';
import type { SqlExecutor } from '../db/hub-database';

/** Which wards a report query reads: a scope (city/access/ward-scope.ts), or one ward, or all (null). */
export interface ScopedQuery {
  readonly ward?: string | null;
  readonly scope?: WardScope;
}

/** The `text[]` parameter of a query's wards (null: all): the scope narrowed to `ward` when both are given. */
export function scopeParam(p: ScopedQuery): string[] | null {
  const scope = p.scope ?? ALL_WARDS;
  const wards = wardScopeParam(scope);
  if (p.ward === undefined || p.ward === null) return wards;
  return wards === null || wards.includes(p.ward) ? [p.ward] : [];
}

export interface LearnerGroupRow {
  readonly ward: string;
  readonly age_band: string;
  readonly gender: string;
  readonly n: number;
}

/**
 * Distinct learners grouped by ward, age band at `reportYear` and gender; `ward` null = all wards.
 * The bands are the station's (electron/core/reports/age-bands.ts: age by calendar year, under 6 or
 * over 130 is a misread card); tests/city/store/age-bands.test.ts ties this SQL to that function.
 */
export async function learnerGroups(db: SqlExecutor, p: ScopedQuery & { reportYear: number }): Promise<LearnerGroupRow[]> {
  return db.query<LearnerGroupRow>(
    `SELECT ward,
            CASE WHEN birth_year = 0 OR $2::integer - birth_year > 130 THEN 'unknown'
                 WHEN $2::integer - birth_year >= 60 THEN '60+'
                 WHEN $2::integer - birth_year >= 18 THEN '18-59'
                 WHEN $2::integer - birth_year >= 15 THEN '15-17'
                 WHEN $2::integer - birth_year >= 6 THEN '6-14'
                 ELSE 'unknown' END AS age_band,
            gender,
            sum(learners)::integer AS n
     FROM ward_learner_profiles WHERE learners <> 0 AND ($1::text[] IS NULL OR ward = ANY($1::text[]))
     GROUP BY 1, 2, 3`,
    [scopeParam(p), p.reportYear],
  );
}

export interface LessonGroupRow {
  readonly ward: string;
  readonly lesson_id: string;
  readonly n: number;
}

/** Lessons passed (distinct learner and lesson) grouped by ward and lesson id. */
export async function lessonGroups(db: SqlExecutor, p: ScopedQuery): Promise<LessonGroupRow[]> {
  return db.query<LessonGroupRow>(
    'SELECT ward, lesson_id, passes AS n FROM ward_lesson_totals WHERE passes <> 0 AND ($1::text[] IS NULL OR ward = ANY($1::text[]))',
    [scopeParam(p)],
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
  readonly last_receipt_short: string | null;
  readonly reviewed_by: string | null;
  readonly reviewed_at: number | null;
}

/** Every station with its current epoch's acknowledged seq. */
export async function stationReport(db: SqlExecutor, p: ScopedQuery): Promise<StationReportRow[]> {
  return db.query<StationReportRow>(
    `SELECT s.station_id, s.ward_code, s.status, s.needs_review, s.review_reason, s.current_epoch, e.acked_seq,
            s.last_seen_at, s.last_upload_at, s.last_offset_ms, s.last_receipt_short, s.reviewed_by, s.reviewed_at,
            COALESCE(g.groups, 0)::integer AS groups, COALESCE(g.attendees, 0)::integer AS group_attendees
     FROM stations s JOIN station_epochs e ON e.station_id = s.station_id AND e.epoch = s.current_epoch
     LEFT JOIN station_groups g ON g.station_id = s.station_id
     WHERE ($1::text[] IS NULL OR s.ward_code = ANY($1::text[]))
     ORDER BY s.ward_code, s.station_id`,
    [scopeParam(p)],
  );
}

/** Target population per ward. */
export async function wardTargets(db: SqlExecutor): Promise<Map<string, number>> {
  const rows = await db.query<{ ward_code: string; target_population: number }>('SELECT ward_code, target_population FROM ward_targets');
  return new Map(rows.map((row) => [row.ward_code, row.target_population]));
}

/** Sets a ward's target population and keeps it in the history (call in a transaction). */
export async function setWardTarget(db: SqlExecutor, p: { ward: string; population: number; staffName: string; now: number }): Promise<void> {
  await db.query('INSERT INTO ward_target_history (ward_code, target_population, set_by, set_at) VALUES ($1, $2, $3, $4)', [p.ward, p.population, p.staffName, p.now]);
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

/** Sets a lesson's TT 02/2025 competences and its QĐ 757/QĐ-BKHCN codes (the second framework). */
export async function setLessonCompetencies(db: SqlExecutor, p: { lessonId: string; competencies: readonly string[]; qd757?: readonly string[] }): Promise<void> {
  await db.query(
    `INSERT INTO lesson_competencies (lesson_id, competencies, qd757) VALUES ($1, $2, $3)
     ON CONFLICT (lesson_id) DO UPDATE SET competencies = EXCLUDED.competencies, qd757 = EXCLUDED.qd757`,
    [p.lessonId, p.competencies, p.qd757 ?? []],
  );
}

export interface LessonMapRow {
  readonly lesson_id: string;
  readonly competencies: string[];
  readonly qd757: string[];
}

/** The lesson map with both frameworks, by lesson id. */
export async function lessonMapRows(db: SqlExecutor): Promise<LessonMapRow[]> {
  return db.query<LessonMapRow>('SELECT lesson_id, competencies, qd757 FROM lesson_competencies ORDER BY lesson_id');
}

export interface TargetHistoryRow {
  readonly id: number;
  readonly ward_code: string;
  readonly target_population: number;
  readonly set_by: string;
  readonly set_at: number;
}

/** Every target population ever set, newest first (scoped). */
export async function targetHistory(db: SqlExecutor, p: ScopedQuery): Promise<TargetHistoryRow[]> {
  return db.query<TargetHistoryRow>(
    'SELECT id, ward_code, target_population, set_by, set_at FROM ward_target_history WHERE ($1::text[] IS NULL OR ward_code = ANY($1::text[])) ORDER BY set_at DESC, id DESC LIMIT 500',
    [scopeParam(p)],
  );
}

/** New learners per ward and day between two Vietnam days (inclusive), scoped. */
export async function learnersByDay(db: SqlExecutor, p: ScopedQuery & { fromDay: number; toDay: number }): Promise<Array<{ ward: string; day: number; n: number }>> {
  return db.query(
    'SELECT ward, day, learners AS n FROM ward_day_learners WHERE learners <> 0 AND day BETWEEN $2 AND $3 AND ($1::text[] IS NULL OR ward = ANY($1::text[]))',
    [scopeParam(p), p.fromDay, p.toDay],
  );
}

/** First passes per ward, lesson and day between two Vietnam days (inclusive), scoped. */
export async function lessonsByDay(db: SqlExecutor, p: ScopedQuery & { fromDay: number; toDay: number }): Promise<Array<{ ward: string; day: number; lesson_id: string; n: number }>> {
  return db.query(
    'SELECT ward, day, lesson_id, passes AS n FROM ward_day_lessons WHERE passes <> 0 AND day BETWEEN $2 AND $3 AND ($1::text[] IS NULL OR ward = ANY($1::text[]))',
    [scopeParam(p), p.fromDay, p.toDay],
  );
}

/** Group sessions ended per station ward and day between two Vietnam days (inclusive), scoped. */
export async function groupsByDay(db: SqlExecutor, p: ScopedQuery & { fromDay: number; toDay: number }): Promise<Array<{ ward: string; day: number; groups: number; attendees: number }>> {
  return db.query(
    `SELECT s.ward_code AS ward, g.day, sum(g.groups)::integer AS groups, sum(g.attendees)::integer AS attendees
     FROM station_day_groups g JOIN stations s ON s.station_id = g.station_id
     WHERE g.day BETWEEN $2 AND $3 AND ($1::text[] IS NULL OR s.ward_code = ANY($1::text[])) GROUP BY 1, 2`,
    [scopeParam(p), p.fromDay, p.toDay],
  );
}

