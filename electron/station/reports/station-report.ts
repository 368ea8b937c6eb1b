/**
 * The station's own reports, read straight from its database: the period summary and the attendance
 * sheet ("Danh sách điểm danh") that commune officials file.
 *
 * Where the numbers come from, and why:
 * - Visits come from the `visits` table, which retention never prunes, so last month's sheet stays
 *   whole after old events are deleted. A check-in event with no `visits` row (a database filled by
 *   `tram db seed`, which writes events only) is added from the log; the two are merged by visit id,
 *   so a visit is counted once however many places record it.
 * - A visit belongs to the local day it started, and its lessons belong to the visit (by visit id),
 *   so the summary always equals the sum of the attendance sheet even for a visit across midnight.
 * - A lesson counts once per learner who passed it: `passed` is the learners whose FIRST pass of the
 *   lesson on this station falls in the period (a second pass, in this period or a later one, adds
 *   nothing), so the months of a year add up to the year and match the hub. Quiz submissions,
 *   failed ones and retakes included, are shown apart as attempts (`completed`), never as people.
 * - Lessons and groups exist only as events (`lesson_progress` keeps just the latest state per
 *   learner, not per visit). When retention has pruned events that may fall in the period, the
 *   report says `partial: true` instead of silently showing low numbers.
 * - Names, birth years and genders come only from `learners`, the erasable table: an erased learner
 *   (row deleted) shows as "(đã xoá)" and counts as "unknown". The demographics in old
 *   `learner.registered` events are deliberately not used to fill the gap: erasure must stay erasure.
 *
 * Every query binds its parameters; none builds SQL from input.
 */
import type { Database } from 'better-sqlite3';
import { ageBandOf, emptyAgeBandCounts } from '../../core/reports/age-bands';
import { reportPeriod, type PeriodName, type ReportPeriod } from '../../core/reports/periods';
import {
  ERASED_NAME,
  NO_NAME,
  type AttendanceLesson,
  type AttendanceRow,
  type GenderKey,
  type LessonCounts,
  type LessonTitle,
  type StationReport,
} from '../../core/reports/report-types';
import { formatVietnamDate, formatVietnamTime } from '../../core/reports/vietnam-time';

export interface StationReportOptions {
  /** Checked at run time too: an unknown name throws ReportError('unknown_period'). */
  readonly period: PeriodName;
  readonly nowMs: number;
  readonly lessons: readonly LessonTitle[];
}

/**
 * The visits that started in [@from, @to), one row per visit id. Event-only visits take their end
 * from the first check-out event of that visit; check-outs come after the check-in, so scanning from
 * @from is enough. GROUP BY guards against a check-in recorded twice.
 */
const PERIOD_VISITS = `
  period_visits AS (
    SELECT visit_id, learner_key, started_wall_ms AS started_ms, ended_wall_ms AS ended_ms
      FROM visits WHERE started_wall_ms >= @from AND started_wall_ms < @to
    UNION ALL
    SELECT c.visit_id, c.learner_key, c.started_ms, o.ended_ms
      FROM (SELECT json_extract(payload, '$.visit_id') AS visit_id, MIN(json_extract(payload, '$.learner_key')) AS learner_key, MIN(wall_ms) AS started_ms
              FROM events WHERE kind = 'attendance.checkin' AND wall_ms >= @from AND wall_ms < @to GROUP BY 1) c
      LEFT JOIN (SELECT json_extract(payload, '$.visit_id') AS visit_id, MIN(wall_ms) AS ended_ms
                   FROM events WHERE kind = 'attendance.checkout' AND wall_ms >= @from GROUP BY 1) o ON o.visit_id = c.visit_id
      WHERE NOT EXISTS (SELECT 1 FROM visits v WHERE v.visit_id = c.visit_id)
  )`;

/** Lesson events of those visits. Lessons happen after the check-in, so scanning from @from is enough. */
const LESSON_EVENTS = `
  lesson_events AS (
    SELECT e.kind, e.wall_ms, json_extract(e.payload, '$.visit_id') AS visit_id, json_extract(e.payload, '$.lesson_id') AS lesson_id,
           json_extract(e.payload, '$.passed') AS passed, json_extract(e.payload, '$.learner_key') AS learner_key
      FROM events e WHERE e.kind IN ('lesson.started', 'lesson.completed') AND e.wall_ms >= @from
  )`;

/** True for a pass of the same learner and lesson before the period: the period's pass is then not the first. */
const PASSED_BEFORE = `EXISTS (
    SELECT 1 FROM events p WHERE p.kind = 'lesson.completed' AND p.wall_ms < @from AND json_extract(p.payload, '$.passed') = 1
       AND json_extract(p.payload, '$.learner_key') = le.learner_key AND json_extract(p.payload, '$.lesson_id') = le.lesson_id)`;

interface Range {
  readonly from: number;
  readonly to: number;
}

function range(period: ReportPeriod): Range {
  return { from: period.fromMs, to: period.toMs };
}

function titleOf(lessons: readonly LessonTitle[], lessonId: string): LessonTitle['title'] {
  return lessons.find((lesson) => lesson.id === lessonId)?.title ?? { vi: lessonId, en: lessonId };
}

function genderKey(gender: string | null): GenderKey {
  return gender === 'nam' || gender === 'nu' ? gender : 'unknown';
}

/**
 * Whether pruned events might have fallen inside the period: some epoch holds fewer events than its
 * head sequence number says were written, and the oldest event left is after the period's start.
 */
function mayBePartial(db: Database, p: Range): boolean {
  const pruned = db
    .prepare<[], { pruned: number }>(
      `SELECT EXISTS (SELECT 1 FROM epochs ep WHERE ep.head_seq > (SELECT COUNT(*) FROM events e WHERE e.epoch = ep.epoch)) AS pruned`,
    )
    .get();
  if (!pruned?.pruned) return false;
  const oldest = db.prepare<[], { oldest: number | null }>('SELECT MIN(wall_ms) AS oldest FROM events').get();
  return oldest?.oldest === null || oldest?.oldest === undefined || oldest.oldest > p.from;
}

/** The summary of a period. Counts only: no name leaves this function. */
export function buildStationReport(db: Database, options: StationReportOptions): StationReport {
  const period = reportPeriod(options.period, options.nowMs);
  const p = range(period);

  const totals = db
    .prepare<[Range], { visits: number; learners: number }>(
      `WITH ${PERIOD_VISITS} SELECT COUNT(*) AS visits, COUNT(DISTINCT learner_key) AS learners FROM period_visits`,
    )
    .get(p) ?? { visits: 0, learners: 0 };

  // One row per distinct learner of the period (DISTINCT before the join, so a learner with five
  // visits is one person), with what the learners table still knows about them.
  const people = db
    .prepare<[Range], { birth_year: number | null; gender: string | null; n: number }>(
      `WITH ${PERIOD_VISITS}
       SELECT l.birth_year, l.gender, COUNT(*) AS n
         FROM (SELECT DISTINCT learner_key FROM period_visits) pl LEFT JOIN learners l ON l.learner_key = pl.learner_key
        GROUP BY l.birth_year, l.gender`,
    )
    .all(p);
  const byAgeBand = emptyAgeBandCounts();
  const byGender: Record<GenderKey, number> = { nam: 0, nu: 0, unknown: 0 };
  for (const row of people) {
    byAgeBand[ageBandOf(row.birth_year, options.nowMs)] += row.n;
    byGender[genderKey(row.gender)] += row.n;
  }

  const lessonRows = db
    .prepare<[Range], { lesson_id: string; started: number; completed: number; passed: number }>(
      `WITH ${PERIOD_VISITS}, ${LESSON_EVENTS}
       SELECT le.lesson_id,
              SUM(le.kind = 'lesson.started') AS started,
              SUM(le.kind = 'lesson.completed') AS completed,
              COUNT(DISTINCT CASE WHEN le.kind = 'lesson.completed' AND le.passed = 1 AND NOT ${PASSED_BEFORE} THEN le.learner_key END) AS passed
         FROM lesson_events le JOIN period_visits pv ON pv.visit_id = le.visit_id
        GROUP BY le.lesson_id`,
    )
    .all(p);
  const counted = new Map(lessonRows.map((row) => [row.lesson_id, row]));
  // Every installed lesson in teaching order (a zero is worth printing), then any lesson seen in the
  // log that is no longer installed, by id.
  const byLesson: LessonCounts[] = options.lessons.map((lesson) => {
    const row = counted.get(lesson.id);
    return { lessonId: lesson.id, title: lesson.title, started: row?.started ?? 0, completed: row?.completed ?? 0, passed: row?.passed ?? 0 };
  });
  const installed = new Set(options.lessons.map((lesson) => lesson.id));
  for (const row of [...lessonRows].filter((r) => !installed.has(r.lesson_id)).sort((a, b) => (a.lesson_id < b.lesson_id ? -1 : 1))) {
    byLesson.push({ lessonId: row.lesson_id, title: titleOf(options.lessons, row.lesson_id), started: row.started, completed: row.completed, passed: row.passed });
  }

  const groups = db
    .prepare<[Range], { n: number }>(
      `SELECT COUNT(DISTINCT json_extract(payload, '$.group_id')) AS n FROM events WHERE kind = 'group.started' AND wall_ms >= @from AND wall_ms < @to`,
    )
    .get(p);

  return {
    period: { name: period.name, from: period.fromMs, to: period.toMs, label: period.label },
    visits: totals.visits,
    distinctLearners: totals.learners,
    lessonsCompleted: byLesson.reduce((sum, lesson) => sum + lesson.completed, 0),
    lessonsPassed: byLesson.reduce((sum, lesson) => sum + lesson.passed, 0),
    byAgeBand,
    byGender,
    byLesson,
    groups: groups?.n ?? 0,
    partial: mayBePartial(db, p),
  };
}

interface VisitRow {
  visit_id: string;
  started_ms: number;
  ended_ms: number | null;
  known: number;
  display_name: string | null;
  birth_year: number | null;
  gender: string | null;
}

/**
 * The attendance sheet: one row per visit that started in the period, in check-in order. Names come
 * only from the station's learners table and go only into the local exports.
 */
export function attendanceSheet(db: Database, options: StationReportOptions): AttendanceRow[] {
  const period = reportPeriod(options.period, options.nowMs);
  const p = range(period);
  const visits = db
    .prepare<[Range], VisitRow>(
      `WITH ${PERIOD_VISITS}
       SELECT pv.visit_id, pv.started_ms, pv.ended_ms, l.learner_key IS NOT NULL AS known, l.display_name, l.birth_year, l.gender
         FROM period_visits pv LEFT JOIN learners l ON l.learner_key = pv.learner_key
        ORDER BY pv.started_ms, pv.visit_id`,
    )
    .all(p);

  // Per visit and lesson: passed if any completion passed, ordered by the first completion.
  const completions = db
    .prepare<[Range], { visit_id: string; lesson_id: string; passed: number }>(
      `WITH ${PERIOD_VISITS}, ${LESSON_EVENTS}
       SELECT le.visit_id, le.lesson_id, MAX(le.passed = 1) AS passed, MIN(le.wall_ms) AS first_ms
         FROM lesson_events le JOIN period_visits pv ON pv.visit_id = le.visit_id
        WHERE le.kind = 'lesson.completed'
        GROUP BY le.visit_id, le.lesson_id
        ORDER BY le.visit_id, first_ms, le.lesson_id`,
    )
    .all(p);
  const lessonsByVisit = new Map<string, AttendanceLesson[]>();
  for (const row of completions) {
    const list = lessonsByVisit.get(row.visit_id) ?? [];
    list.push({ lessonId: row.lesson_id, title: titleOf(options.lessons, row.lesson_id), passed: row.passed === 1 });
    lessonsByVisit.set(row.visit_id, list);
  }

  return visits.map((visit, index) => ({
    stt: index + 1,
    name: visit.known ? (visit.display_name ?? NO_NAME) : ERASED_NAME,
    birthYear: visit.known ? visit.birth_year : null,
    gender: visit.gender === 'nam' ? 'Nam' : visit.gender === 'nu' ? 'Nữ' : '',
    date: formatVietnamDate(visit.started_ms),
    timeIn: formatVietnamTime(visit.started_ms),
    timeOut: visit.ended_ms === null ? '' : formatVietnamTime(visit.ended_ms),
    lessons: lessonsByVisit.get(visit.visit_id) ?? [],
  }));
}
