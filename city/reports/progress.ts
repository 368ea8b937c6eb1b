/**
 * Progress per ward (docs/PROTOCOL.md §8) from the report queries. Age bands are taken at the report
 * date's year in Vietnam (UTC+7) from birth_year. Lessons are grouped by TT 02/2025 competency
 * domain (1–6) through the lesson → competences map the hub was given (lesson packs name several
 * competences): a completion counts once in each distinct domain its lesson covers, so the domain
 * counts may add up to more than `lessons_completed`; a lesson not in the map is "unmapped".
 *
 * Erased learners (learner.erased) stay counted: they were reached, and the hub holds no name or ID
 * number for anyone — only pseudonymous learner keys, birth year, gender and ward, shown in aggregate.
 */
import type { SqlExecutor } from '../db/hub-database';
import { VIETNAM_OFFSET_MS } from '../../electron/core/sync/protocol/vietnam-time';
import { inScope } from '../access/ward-scope';
import { learnerGroups, lessonCompetencies, lessonGroups, wardTargets } from '../store/report-store';
import type { LearnerGroupRow, LessonGroupRow, ScopedQuery } from '../store/report-store';

export const AGE_BANDS = ['6-14', '15-17', '18-59', '60+', 'unknown'] as const;
export const GENDERS = ['nam', 'nu', 'unknown'] as const;
export const COMPETENCY_DOMAINS = ['1', '2', '3', '4', '5', '6', 'unmapped'] as const;

export type AgeBand = (typeof AGE_BANDS)[number];
export type Gender = (typeof GENDERS)[number];
export type CompetencyDomain = (typeof COMPETENCY_DOMAINS)[number];

export interface WardProgress {
  readonly ward: string;
  learners: number;
  readonly byAge: Record<AgeBand, number>;
  readonly byGender: Record<Gender, number>;
  lessonsCompleted: number;
  readonly byCompetency: Record<CompetencyDomain, number>;
  targetPopulation: number | null;
  reachedPct: number | null;
}

/** The calendar year in Vietnam at `nowMs`. */
export function reportYear(nowMs: number): number {
  return new Date(nowMs + VIETNAM_OFFSET_MS).getUTCFullYear();
}

/** The distinct competency domains a lesson counts towards (`unmapped` when it is not in the map). */
export function competencyDomainsOf(lessonId: string, map: ReadonlyMap<string, readonly string[]>): CompetencyDomain[] {
  const domains = new Set<CompetencyDomain>();
  for (const code of map.get(lessonId) ?? []) {
    const domain = /^([1-6])(?:\.|$)/.exec(code)?.[1];
    if (domain !== undefined) domains.add(domain as CompetencyDomain);
  }
  return domains.size === 0 ? ['unmapped'] : [...domains].sort();
}

function emptyWard(ward: string): WardProgress {
  const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  return {
    ward,
    learners: 0,
    byAge: zeros(AGE_BANDS),
    byGender: zeros(GENDERS),
    lessonsCompleted: 0,
    byCompetency: zeros(COMPETENCY_DOMAINS),
    targetPopulation: null,
    reachedPct: null,
  };
}

/** What a progress report is assembled from. */
export interface ProgressRows {
  readonly learners: readonly LearnerGroupRow[];
  readonly lessons: readonly LessonGroupRow[];
  readonly targets: ReadonlyMap<string, number>;
  readonly competencies: ReadonlyMap<string, readonly string[]>;
}

/**
 * Progress of one ward (`ward`) or of every ward in the scope that has learners, lessons or a target.
 * Routes pass the scope of the signed-in staff member (city/access/ward-scope.ts).
 */
export async function buildProgress(db: SqlExecutor, p: ScopedQuery & { nowMs: number }): Promise<WardProgress[]> {
  const [learners, lessons, allTargets, competencies] = await Promise.all([
    learnerGroups(db, { ...p, reportYear: reportYear(p.nowMs) }),
    lessonGroups(db, p),
    wardTargets(db),
    lessonCompetencies(db),
  ]);
  const scope = p.scope;
  const targets = scope === undefined ? allTargets : new Map([...allTargets].filter(([ward]) => inScope(scope, ward)));
  return assembleProgress({ learners, lessons, targets, competencies }, p.ward ?? null);
}

/** Ward progress from grouped rows (the report store's, or the full recompute's in the tests). */
export function assembleProgress(rows: ProgressRows, ward: string | null): WardProgress[] {
  const { learners, lessons, targets, competencies } = rows;
  const p = { ward };
  const wards = new Map<string, WardProgress>();
  const wardOf = (ward: string) => wards.get(ward) ?? wards.set(ward, emptyWard(ward)).get(ward) ?? emptyWard(ward);
  if (p.ward !== null) wardOf(p.ward);
  for (const row of learners) {
    const progress = wardOf(row.ward);
    progress.learners += row.n;
    progress.byAge[(AGE_BANDS as readonly string[]).includes(row.age_band) ? (row.age_band as AgeBand) : 'unknown'] += row.n;
    progress.byGender[(GENDERS as readonly string[]).includes(row.gender) ? (row.gender as Gender) : 'unknown'] += row.n;
  }
  for (const row of lessons) {
    const progress = wardOf(row.ward);
    progress.lessonsCompleted += row.n;
    for (const domain of competencyDomainsOf(row.lesson_id, competencies)) progress.byCompetency[domain] += row.n;
  }
  for (const ward of targets.keys()) if (p.ward === null || ward === p.ward) wardOf(ward);
  for (const progress of wards.values()) {
    progress.targetPopulation = targets.get(progress.ward) ?? null;
    progress.reachedPct =
      progress.targetPopulation === null || progress.targetPopulation === 0 ? null : Math.round((progress.learners / progress.targetPopulation) * 1000) / 10;
  }
  return [...wards.values()].sort((a, b) => a.ward.localeCompare(b.ward));
}

/** The §8 JSON body of one ward, exactly its keys. */
export function progressJson(progress: WardProgress): Record<string, unknown> {
  return {
    ward: progress.ward,
    learners: progress.learners,
    by_age: { ...progress.byAge },
    lessons_completed: progress.lessonsCompleted,
    by_competency: { ...progress.byCompetency },
    target_population: progress.targetPopulation,
    reached_pct: progress.reachedPct,
  };
}
