/**
 * What the dashboard shows, for the province (every ward the staff member may see) or one ward: each
 * ward's learners against its target with its stations' state (no station, silent stations), the
 * weekly trend with the cumulative line, age bands, gender, completions per competency domain and
 * group sessions. Every query goes through the caller's WardScope.
 */
import type { WardScope } from '../access/ward-scope';
import { inScope } from '../access/ward-scope';
import type { SqlExecutor } from '../db/hub-database';
import { DAY_MS, vietnamDayNumber } from '../../electron/core/sync/protocol/vietnam-time';
import { learnersByDay, stationReport } from '../store/report-store';
import type { StationReportRow } from '../store/report-store';
import { wardMoveCounts } from '../rollups/ward-moves';
import type { WardDirectory } from '../units/ward-directory';
import { AGE_BANDS, buildProgress, COMPETENCY_DOMAINS, GENDERS } from './progress';
import type { WardProgress } from './progress';

/** A station not heard from for this long is "silent". */
export const SILENT_AFTER_MS = 7 * 24 * 60 * 60 * 1000;
export const TREND_WEEKS = 26;

export interface WardOverview {
  readonly code: string;
  readonly label: string;
  readonly progress: WardProgress;
  readonly stations: number;
  readonly silentStations: number;
  readonly lastSeenAt: number | null;
  readonly groups: number;
  readonly groupAttendees: number;
  readonly movedIn: number;
  readonly movedOut: number;
}

export interface Dashboard {
  readonly wards: WardOverview[];
  readonly total: WardProgress;
  readonly weeks: Array<{ label: string; newLearners: number; cumulative: number }>;
  readonly groups: number;
  readonly groupAttendees: number;
  readonly stations: StationReportRow[];
}

/** Today's Vietnam day number (days since 1970-01-01, UTC+7). */
export function vietnamDay(ms: number): number {
  return vietnamDayNumber(ms);
}

/** The Monday on or before a day (1970-01-01, day 0, was a Thursday). */
export function mondayOf(day: number): number {
  return day - ((day + 3) % 7);
}

/** dd/mm of a day number. */
export function dayLabel(day: number): string {
  const iso = new Date(day * DAY_MS).toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}`;
}

/** The sum of several wards' progress (targets add up; reached % of the sum). */
export function sumProgress(label: string, wards: readonly WardProgress[]): WardProgress {
  const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  const total: WardProgress = { ward: label, learners: 0, byAge: zeros(AGE_BANDS), byGender: zeros(GENDERS), lessonsCompleted: 0, byCompetency: zeros(COMPETENCY_DOMAINS), targetPopulation: null, reachedPct: null };
  for (const w of wards) {
    total.learners += w.learners;
    total.lessonsCompleted += w.lessonsCompleted;
    for (const band of AGE_BANDS) total.byAge[band] += w.byAge[band];
    for (const gender of GENDERS) total.byGender[gender] += w.byGender[gender];
    for (const domain of COMPETENCY_DOMAINS) total.byCompetency[domain] += w.byCompetency[domain];
    if (w.targetPopulation !== null) total.targetPopulation = (total.targetPopulation ?? 0) + w.targetPopulation;
  }
  total.reachedPct = total.targetPopulation === null || total.targetPopulation === 0 ? null : Math.round((total.learners / total.targetPopulation) * 1000) / 10;
  return total;
}

/** The wards a view lists: the scope's own, or every ward of the province plus any with data. */
function wardsOfView(scope: WardScope, directory: WardDirectory, withData: Iterable<string>): string[] {
  // A hub without a province (opened as a library) lists only the wards with data, not the whole country.
  const all = directory.provinceCode === null ? [] : directory.provinceWards().map((unit) => unit.code);
  const codes = new Set<string>(scope.kind === 'all' ? all : scope.codes);
  for (const code of withData) if (inScope(scope, code)) codes.add(code);
  return [...codes];
}

export async function buildDashboard(db: SqlExecutor, p: { scope: WardScope; directory: WardDirectory; nowMs: number }): Promise<Dashboard> {
  const today = vietnamDay(p.nowMs);
  const firstWeek = mondayOf(today) - (TREND_WEEKS - 1) * 7;
  const [progress, stations, days, moves] = await Promise.all([
    buildProgress(db, { scope: p.scope, nowMs: p.nowMs }),
    stationReport(db, { scope: p.scope }),
    learnersByDay(db, { scope: p.scope, fromDay: firstWeek, toDay: today + 366 }),
    wardMoveCounts(db),
  ]);
  const byWard = new Map(progress.map((w) => [w.ward, w]));
  const codes = wardsOfView(p.scope, p.directory, [...byWard.keys(), ...stations.map((s) => s.ward_code)]);
  const wards = codes.map((code): WardOverview => {
    const own = stations.filter((s) => s.ward_code === code && s.status === 'active');
    const lastSeen = own.reduce<number | null>((latest, s) => (s.last_seen_at === null ? latest : Math.max(latest ?? 0, s.last_seen_at)), null);
    return {
      code,
      label: p.directory.label(code),
      progress: byWard.get(code) ?? sumProgress(code, []),
      stations: own.length,
      silentStations: own.filter((s) => s.last_seen_at === null || p.nowMs - s.last_seen_at > SILENT_AFTER_MS).length,
      lastSeenAt: lastSeen,
      groups: stations.filter((s) => s.ward_code === code).reduce((n, s) => n + s.groups, 0),
      groupAttendees: stations.filter((s) => s.ward_code === code).reduce((n, s) => n + s.group_attendees, 0),
      movedIn: moves.get(code)?.in ?? 0,
      movedOut: moves.get(code)?.out ?? 0,
    };
  });
  const total = sumProgress('total', wards.map((w) => w.progress));
  const perWeek = new Map<number, number>();
  let inRange = 0;
  for (const row of days) {
    if (row.day > today) continue;
    perWeek.set(mondayOf(row.day), (perWeek.get(mondayOf(row.day)) ?? 0) + row.n);
    inRange += row.n;
  }
  // Learners first seen before the chart's first week (or on a day after today) start the cumulative line.
  let cumulative = total.learners - inRange - days.filter((row) => row.day > today).reduce((n, row) => n + row.n, 0);
  const weeks = Array.from({ length: TREND_WEEKS }, (_v, i) => {
    const monday = firstWeek + i * 7;
    const added = perWeek.get(monday) ?? 0;
    cumulative += added;
    return { label: dayLabel(monday), newLearners: added, cumulative };
  });
  return { wards, total, weeks, groups: wards.reduce((n, w) => n + w.groups, 0), groupAttendees: wards.reduce((n, w) => n + w.groupAttendees, 0), stations };
}
