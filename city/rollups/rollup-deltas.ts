/**
 * One batch's effect on the rollups, computed without I/O: given the stored state of every learner
 * key the batch names (and all of their stored passes), the batch's facts give each learner's new
 * state, and the report counts move by (new contribution − old contribution). A learner whose ward,
 * first day, birth year or gender changes thereby moves every count of theirs; a fact that changes no
 * state (a duplicate, a later check-in, a second pass) moves nothing.
 */
import type { EventFact } from '../store/event-store';
import { compareFirst, compareRegistration, eventDay, passWard, profileOf, wardOf } from './rollup-rules';
import type { LearnerState, LessonPass, Registration, Sighting } from './rollup-rules';

export interface BatchFacts {
  readonly stationId: string;
  readonly epoch: number;
  readonly stationWard: string;
  readonly facts: readonly EventFact[];
  /** wall_ms by seq, for the day of an event whose hlc is malformed. */
  readonly wallMsBySeq: ReadonlyMap<number, number>;
}

/** Signed changes to the report counts, by their rollup key. */
export interface RollupDeltas {
  /** ward, day → new learners */
  readonly learnersByDay: Map<string, { ward: string; day: number; n: number }>;
  /** ward, birth year (0 = unknown), gender → learners */
  readonly profiles: Map<string, { ward: string; birthYear: number; gender: string; n: number }>;
  /** ward, day, lesson → lessons passed for the first time that day */
  readonly lessonsByDay: Map<string, { ward: string; day: number; lessonId: string; n: number }>;
  /** ward, lesson → lessons passed */
  readonly lessonTotals: Map<string, { ward: string; lessonId: string; n: number }>;
}

export interface RollupChange {
  readonly learners: LearnerState[];
  readonly passes: LessonPass[];
  readonly deltas: RollupDeltas;
  /** Version-1 keys merged into their version-2 key by this batch: their stored passes are deleted. */
  readonly retired: string[];
}

const SIGHTING_KINDS = new Set(['learner.registered', 'attendance.checkin']);

/** Learner keys a batch's facts touch, sorted (the order rows are locked in). */
export function learnerKeysOf(facts: readonly EventFact[]): string[] {
  const keys = new Set<string>();
  for (const fact of facts) if (fact.learnerKey !== null && (SIGHTING_KINDS.has(fact.kind) || isPass(fact))) keys.add(fact.learnerKey);
  return [...keys].sort();
}

function isPass(fact: EventFact): boolean {
  return fact.kind === 'lesson.completed' && fact.passed === true && fact.learnerKey !== null && fact.lessonId !== null;
}

function bump<T extends { n: number }>(map: Map<string, T>, key: string, make: () => T, by: number): void {
  const row = map.get(key) ?? map.set(key, make()).get(key);
  if (row !== undefined) row.n += by;
}

function dropZeros<T extends { n: number }>(map: Map<string, T>): Map<string, T> {
  for (const [key, row] of map) if (row.n === 0) map.delete(key);
  return map;
}

/**
 * New states and count changes for one batch over the stored `learners` and their `passes`. `merges`
 * (learner-aliases.ts) fold a version-1 learner into their version-2 key first: the earlier first
 * sighting, the deciding registration of the two, the earlier pass of each lesson; the old key is
 * left with no state and no passes, so it counts nowhere.
 */
export function computeRollupChange(
  batch: BatchFacts,
  learners: ReadonlyMap<string, LearnerState>,
  passes: readonly LessonPass[],
  merges: ReadonlyArray<{ readonly previousKey: string; readonly learnerKey: string }> = [],
): RollupChange {
  const next = new Map<string, LearnerState>();
  const stateOf = (key: string): LearnerState => next.get(key) ?? learners.get(key) ?? { learnerKey: key, first: null, registration: null };
  const oldPasses = new Map(passes.map((pass) => [`${pass.learnerKey}\u0000${pass.lessonId}`, pass]));
  const newPasses = new Map<string, LessonPass>();
  const removed = new Set<string>();

  for (const { previousKey, learnerKey } of merges) {
    const from = stateOf(previousKey);
    const into = stateOf(learnerKey);
    const first = from.first === null ? into.first : into.first === null || compareFirst(from.first, into.first) < 0 ? from.first : into.first;
    const registration = from.registration === null ? into.registration : into.registration === null || compareRegistration(from.registration, into.registration) < 0 ? from.registration : into.registration;
    next.set(learnerKey, { learnerKey, first, registration });
    next.set(previousKey, { learnerKey: previousKey, first: null, registration: null });
    for (const [key, pass] of oldPasses) {
      if (pass.learnerKey !== previousKey) continue;
      removed.add(key);
      const target = `${learnerKey}\u0000${pass.lessonId}`;
      const current = newPasses.get(target) ?? oldPasses.get(target);
      if (current === undefined || compareFirst(pass, current) < 0) newPasses.set(target, { ...pass, learnerKey });
    }
  }

  for (const fact of batch.facts) {
    if (fact.learnerKey === null) continue;
    const position = { hlc: fact.hlc, stationId: batch.stationId, epoch: batch.epoch, seq: fact.seq };
    const day = eventDay(fact.hlc, batch.wallMsBySeq.get(fact.seq) ?? 0);
    if (SIGHTING_KINDS.has(fact.kind)) {
      const state = stateOf(fact.learnerKey);
      const sighting: Sighting = { ...position, stationWard: batch.stationWard, day };
      let { first, registration } = state;
      if (first === null || compareFirst(sighting, first) < 0) first = sighting;
      if (fact.kind === 'learner.registered') {
        const candidate: Registration = { ...position, wardCode: fact.wardCode, birthYear: fact.birthYear, gender: fact.gender };
        if (registration === null || compareRegistration(candidate, registration) < 0) registration = candidate;
      }
      if (first !== state.first || registration !== state.registration) next.set(fact.learnerKey, { learnerKey: fact.learnerKey, first, registration });
    } else if (isPass(fact) && fact.lessonId !== null) {
      const key = `${fact.learnerKey}\u0000${fact.lessonId}`;
      const current = newPasses.get(key) ?? oldPasses.get(key);
      const pass: LessonPass = { ...position, learnerKey: fact.learnerKey, lessonId: fact.lessonId, stationWard: batch.stationWard, day };
      if (current === undefined || compareFirst(pass, current) < 0) newPasses.set(key, pass);
    }
  }

  const deltas: RollupDeltas = { learnersByDay: new Map(), profiles: new Map(), lessonsByDay: new Map(), lessonTotals: new Map() };
  const countLearner = (state: LearnerState | undefined, by: number) => {
    const ward = state === undefined ? null : wardOf(state);
    if (state === undefined || state.first === null || ward === null) return;
    const { day } = state.first;
    bump(deltas.learnersByDay, `${ward}\u0000${day}`, () => ({ ward, day, n: 0 }), by);
    const { birthYear, gender } = profileOf(state);
    bump(deltas.profiles, `${ward}\u0000${birthYear}\u0000${gender}`, () => ({ ward, birthYear, gender, n: 0 }), by);
  };
  const countPass = (pass: LessonPass | undefined, learner: LearnerState | undefined, by: number) => {
    if (pass === undefined) return;
    const ward = passWard(pass, learner);
    const { day, lessonId } = pass;
    bump(deltas.lessonsByDay, `${ward}\u0000${day}\u0000${lessonId}`, () => ({ ward, day, lessonId, n: 0 }), by);
    bump(deltas.lessonTotals, `${ward}\u0000${lessonId}`, () => ({ ward, lessonId, n: 0 }), by);
  };

  // A learner whose state changed moves all their passes; otherwise only their new passes move.
  const passKeys = new Set([...newPasses.keys(), ...[...oldPasses.values()].filter((pass) => next.has(pass.learnerKey)).map((pass) => `${pass.learnerKey}\u0000${pass.lessonId}`)]);
  for (const [key, state] of next) {
    countLearner(learners.get(key), -1);
    countLearner(state, +1);
  }
  for (const key of passKeys) {
    const before = oldPasses.get(key);
    const after = removed.has(key) ? undefined : (newPasses.get(key) ?? before);
    const learnerKey = (after ?? before)?.learnerKey ?? '';
    countPass(before, learners.get(learnerKey), -1);
    countPass(after, stateOf(learnerKey), +1);
  }
  dropZeros(deltas.learnersByDay);
  dropZeros(deltas.profiles);
  dropZeros(deltas.lessonsByDay);
  dropZeros(deltas.lessonTotals);
  return { learners: [...next.values()], passes: [...newPasses.values()], deltas, retired: merges.map((merge) => merge.previousKey) };
}
