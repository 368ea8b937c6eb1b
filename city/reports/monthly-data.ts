/**
 * The monthly report officials file (issue #17 item 5), per ward and for the province: for each ward,
 * learners new in the month and cumulative at its end, the target and the share reached, lessons
 * passed in the month and in all, completions per competency domain in the month, group sessions in
 * the month; and the age and gender profile of the learners (as of the day the report is made: the
 * rollups keep profiles per ward, not per day — the report says so). From the same rollups as the
 * dashboard, so for the current month the cumulative figures equal the dashboard's.
 */
import type { WardScope } from '../access/ward-scope';
import type { SqlExecutor } from '../db/hub-database';
import { groupsByDay, learnersByDay, lessonCompetencies, lessonsByDay } from '../store/report-store';
import type { WardDirectory } from '../units/ward-directory';
import { DAY_MS } from '../../electron/core/sync/protocol/vietnam-time';
import { buildDashboard, vietnamDay } from './dashboard-data';
import type { WardProgress } from './progress';
import { COMPETENCY_DOMAINS, competencyDomainsOf } from './progress';
import type { CompetencyDomain } from './progress';


export interface ReportMonth {
  readonly year: number;
  readonly month: number;
  readonly fromDay: number;
  readonly toDay: number;
}

/** `2026-11` → the month's first and last Vietnam day; null for anything else. */
export function parseMonth(text: string): ReportMonth | null {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (year < 2000 || year > 2099 || month < 1 || month > 12) return null;
  return { year, month, fromDay: Date.UTC(year, month - 1, 1) / DAY_MS, toDay: Date.UTC(year, month, 1) / DAY_MS - 1 };
}

/** The current month in Vietnam. */
export function currentMonth(nowMs: number): ReportMonth {
  const iso = new Date(vietnamDay(nowMs) * DAY_MS).toISOString();
  return parseMonth(iso.slice(0, 7)) as ReportMonth;
}

export interface MonthlyWardRow {
  readonly code: string;
  readonly label: string;
  readonly newLearners: number;
  readonly cumulativeLearners: number;
  readonly target: number | null;
  readonly reachedPct: number | null;
  readonly lessonsInMonth: number;
  readonly lessonsCumulative: number;
  readonly domainsInMonth: Record<CompetencyDomain, number>;
  readonly groupsInMonth: number;
  readonly attendeesInMonth: number;
  readonly stations: number;
}

export interface MonthlyReport {
  readonly month: ReportMonth;
  readonly unitLabel: string;
  readonly rows: MonthlyWardRow[];
  readonly total: MonthlyWardRow;
  /** Learners' age and gender profile as of `madeAtMs`. */
  readonly profile: WardProgress;
  readonly madeAtMs: number;
}

const pct = (learners: number, target: number | null) => (target === null || target === 0 ? null : Math.round((learners / target) * 1000) / 10);

export async function buildMonthlyReport(db: SqlExecutor, p: { scope: WardScope; directory: WardDirectory; month: ReportMonth; nowMs: number; unitLabel: string }): Promise<MonthlyReport> {
  const [dashboard, learnerDays, lessonDays, groupDays, competencies] = await Promise.all([
    buildDashboard(db, { scope: p.scope, directory: p.directory, nowMs: p.nowMs }),
    learnersByDay(db, { scope: p.scope, fromDay: p.month.toDay + 1, toDay: 1_000_000 }),
    lessonsByDay(db, { scope: p.scope, fromDay: p.month.fromDay, toDay: 1_000_000 }),
    groupsByDay(db, { scope: p.scope, fromDay: p.month.fromDay, toDay: p.month.toDay }),
    lessonCompetencies(db),
  ]);
  const zeros = () => Object.fromEntries(COMPETENCY_DOMAINS.map((d) => [d, 0])) as Record<CompetencyDomain, number>;
  const inMonth = (day: number) => day >= p.month.fromDay && day <= p.month.toDay;
  const rows = dashboard.wards
    .map((w): MonthlyWardRow => {
      const after = learnerDays.filter((r) => r.ward === w.code).reduce((n, r) => n + r.n, 0);
      const cumulative = w.progress.learners - after;
      const lessonsAfter = lessonDays.filter((r) => r.ward === w.code && r.day > p.month.toDay).reduce((n, r) => n + r.n, 0);
      const monthLessons = lessonDays.filter((r) => r.ward === w.code && inMonth(r.day));
      const domains = zeros();
      for (const r of monthLessons) for (const d of competencyDomainsOf(r.lesson_id, competencies)) domains[d] += r.n;
      const groups = groupDays.filter((r) => r.ward === w.code);
      return {
        code: w.code,
        label: w.label,
        newLearners: 0,
        cumulativeLearners: cumulative,
        target: w.progress.targetPopulation,
        reachedPct: pct(cumulative, w.progress.targetPopulation),
        lessonsInMonth: monthLessons.reduce((n, r) => n + r.n, 0),
        lessonsCumulative: w.progress.lessonsCompleted - lessonsAfter,
        domainsInMonth: domains,
        groupsInMonth: groups.reduce((n, r) => n + r.groups, 0),
        attendeesInMonth: groups.reduce((n, r) => n + r.attendees, 0),
        stations: w.stations,
      };
    })
    .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  // New in the month = cumulative at its end − cumulative at the end of the month before.
  const monthLearners = await learnersByDay(db, { scope: p.scope, fromDay: p.month.fromDay, toDay: p.month.toDay });
  const filled = rows.map((row) => ({ ...row, newLearners: monthLearners.filter((r) => r.ward === row.code).reduce((n, r) => n + r.n, 0) }));
  const sum = (pick: (row: MonthlyWardRow) => number) => filled.reduce((n, row) => n + pick(row), 0);
  const target = filled.some((row) => row.target !== null) ? sum((row) => row.target ?? 0) : null;
  const domains = zeros();
  for (const row of filled) for (const d of COMPETENCY_DOMAINS) domains[d] += row.domainsInMonth[d];
  const total: MonthlyWardRow = {
    code: 'total',
    label: 'Tổng cộng',
    newLearners: sum((row) => row.newLearners),
    cumulativeLearners: sum((row) => row.cumulativeLearners),
    target,
    reachedPct: pct(sum((row) => row.cumulativeLearners), target),
    lessonsInMonth: sum((row) => row.lessonsInMonth),
    lessonsCumulative: sum((row) => row.lessonsCumulative),
    domainsInMonth: domains,
    groupsInMonth: sum((row) => row.groupsInMonth),
    attendeesInMonth: sum((row) => row.attendeesInMonth),
    stations: sum((row) => row.stations),
  };
  return { month: p.month, unitLabel: p.unitLabel, rows: filled, total, profile: dashboard.total, madeAtMs: p.nowMs };
}
