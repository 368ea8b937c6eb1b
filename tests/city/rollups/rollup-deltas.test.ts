// One batch's effect on the rollups, without a database: ward moves move every count, facts that
// change no state move nothing, and late-arriving earlier facts move the day.
import { describe, expect, it } from 'vitest';
import { computeRollupChange, learnerKeysOf } from '../../../city/rollups/rollup-deltas';
import type { BatchFacts, RollupChange } from '../../../city/rollups/rollup-deltas';
import { eventDay } from '../../../city/rollups/rollup-rules';
import type { LearnerState, LessonPass } from '../../../city/rollups/rollup-rules';
import type { EventFact } from '../../../city/store/event-store';

const DAY_MS = 86_400_000;
const T0 = Date.UTC(2026, 0, 10, 3); // 10 January, 10:00 in Vietnam
const hlc = (ms: number) => `${String(ms).padStart(13, '0')}-0000`;
const fact = (seq: number, kind: string, at: number, extra: Partial<EventFact> = {}): EventFact => ({
  seq, kind, hlc: hlc(at), learnerKey: 'L', birthYear: null, gender: null, wardCode: null, lessonId: null, passed: null, ...extra,
});
const batch = (stationId: string, stationWard: string, facts: EventFact[]): BatchFacts => ({ stationId, epoch: 1, stationWard, facts, wallMsBySeq: new Map() });

/** Applies batches in turn to an in-memory state, as the database would hold it. */
function run(...batches: BatchFacts[]): { learners: Map<string, LearnerState>; passes: Map<string, LessonPass>; changes: RollupChange[] } {
  const learners = new Map<string, LearnerState>();
  const passes = new Map<string, LessonPass>();
  const changes: RollupChange[] = [];
  for (const b of batches) {
    const change = computeRollupChange(b, learners, [...passes.values()]);
    for (const state of change.learners) learners.set(state.learnerKey, state);
    for (const pass of change.passes) passes.set(`${pass.learnerKey}/${pass.lessonId}`, pass);
    changes.push(change);
  }
  return { learners, passes, changes };
}

const rows = (map: Map<string, { n: number }>) => [...map.values()];
/** Rows in a fixed order, for changes whose map order follows the learners' processing order. */
const sorted = (map: Map<string, { n: number }>) => rows(map).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('rollup deltas', () => {
  it('names only learner keys of sightings and passes, sorted', () => {
    expect(learnerKeysOf([fact(1, 'attendance.checkin', T0, { learnerKey: 'b' }), fact(2, 'lesson.completed', T0, { learnerKey: 'a', lessonId: 'x', passed: true }), fact(3, 'lesson.completed', T0, { learnerKey: 'c', lessonId: 'x', passed: false }), fact(4, 'learner.erased', T0, { learnerKey: 'd' })])).toEqual(['a', 'b']);
  });

  it('moves a learner and their passes to the ward of a later registration', () => {
    const { changes } = run(
      batch('A-01', 'A', [fact(1, 'attendance.checkin', T0), fact(2, 'lesson.completed', T0 + 1000, { lessonId: 'x', passed: true })]),
      batch('B-01', 'B', [fact(1, 'learner.registered', T0 + DAY_MS, { wardCode: 'C', birthYear: 1960, gender: 'nu' })]),
    );
    const day = eventDay(hlc(T0), 0);
    expect(rows(changes[0]?.deltas.learnersByDay ?? new Map())).toEqual([{ ward: 'A', day, n: 1 }]);
    const move = changes[1]?.deltas;
    expect(rows(move?.learnersByDay ?? new Map())).toEqual([{ ward: 'A', day, n: -1 }, { ward: 'C', day, n: 1 }]);
    expect(rows(move?.profiles ?? new Map())).toEqual([{ ward: 'A', birthYear: 0, gender: 'unknown', n: -1 }, { ward: 'C', birthYear: 1960, gender: 'nu', n: 1 }]);
    expect(rows(move?.lessonTotals ?? new Map())).toEqual([{ ward: 'A', lessonId: 'x', n: -1 }, { ward: 'C', lessonId: 'x', n: 1 }]);
  });

  it('changes nothing for a later check-in, a failed attempt or a second pass', () => {
    const { changes } = run(
      batch('A-01', 'A', [fact(1, 'attendance.checkin', T0), fact(2, 'lesson.completed', T0 + 1000, { lessonId: 'x', passed: true })]),
      batch('A-02', 'A', [fact(1, 'attendance.checkin', T0 + 5000), fact(2, 'lesson.completed', T0 + 6000, { lessonId: 'x', passed: false }), fact(3, 'lesson.completed', T0 + 7000, { lessonId: 'x', passed: true })]),
    );
    expect(changes[1]).toEqual({ learners: [], passes: [], retired: [], deltas: { learnersByDay: new Map(), profiles: new Map(), lessonsByDay: new Map(), lessonTotals: new Map() } });
  });

  it('merges a version-1 learner into their version-2 key: one learner, the earlier first day, each lesson once', () => {
    const v1 = batch('A-01', 'A', [fact(1, 'attendance.checkin', T0, { learnerKey: 'old' }), fact(2, 'lesson.completed', T0 + 1000, { learnerKey: 'old', lessonId: 'x', passed: true })]);
    const v2 = batch('B-01', 'B', [fact(1, 'learner.registered', T0 + DAY_MS, { learnerKey: 'new', wardCode: 'C', birthYear: 1960, gender: 'nu' }), fact(2, 'lesson.completed', T0 + DAY_MS, { learnerKey: 'new', lessonId: 'x', passed: true })]);
    const { learners, passes } = run(v1, v2);
    const merge = computeRollupChange(batch('A-01', 'A', []), learners, [...passes.values()], [{ previousKey: 'old', learnerKey: 'new' }]);
    const day = eventDay(hlc(T0), 0);
    // Before: two learners (A on day 0, C on day 1) and two passes of x; after: one learner in C from day 0, x once, on day 0.
    const expected = <T extends { n: number }>(list: T[]) => list.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(sorted(merge.deltas.learnersByDay)).toEqual(expected([{ ward: 'A', day, n: -1 }, { ward: 'C', day: day + 1, n: -1 }, { ward: 'C', day, n: 1 }]));
    expect(sorted(merge.deltas.lessonTotals)).toEqual([{ ward: 'A', lessonId: 'x', n: -1 }]);
    expect(sorted(merge.deltas.lessonsByDay)).toEqual(expected([{ ward: 'A', day, lessonId: 'x', n: -1 }, { ward: 'C', day: day + 1, lessonId: 'x', n: -1 }, { ward: 'C', day, lessonId: 'x', n: 1 }]));
    expect(merge.retired).toEqual(['old']);
    expect(merge.learners.find((l) => l.learnerKey === 'old')).toEqual({ learnerKey: 'old', first: null, registration: null });
    expect(merge.passes).toEqual([expect.objectContaining({ learnerKey: 'new', lessonId: 'x', day })]);
  });

  it('moves the first day when an earlier check-in or pass arrives late', () => {
    const { changes } = run(
      batch('A-01', 'A', [fact(1, 'attendance.checkin', T0 + 3 * DAY_MS), fact(2, 'lesson.completed', T0 + 3 * DAY_MS, { lessonId: 'x', passed: true })]),
      batch('A-02', 'A', [fact(1, 'attendance.checkin', T0), fact(2, 'lesson.completed', T0, { lessonId: 'x', passed: true })]),
    );
    const [early, late] = [eventDay(hlc(T0), 0), eventDay(hlc(T0 + 3 * DAY_MS), 0)];
    expect(rows(changes[1]?.deltas.learnersByDay ?? new Map())).toEqual([{ ward: 'A', day: late, n: -1 }, { ward: 'A', day: early, n: 1 }]);
    expect(rows(changes[1]?.deltas.lessonsByDay ?? new Map())).toEqual([{ ward: 'A', day: late, lessonId: 'x', n: -1 }, { ward: 'A', day: early, lessonId: 'x', n: 1 }]);
    expect(changes[1]?.deltas.lessonTotals.size).toBe(0);
  });

  it("counts a pass of a key never seen as a learner in its station's ward, until the learner appears", () => {
    const { changes } = run(
      batch('A-01', 'A', [fact(1, 'lesson.completed', T0, { lessonId: 'x', passed: true })]),
      batch('B-01', 'B', [fact(1, 'attendance.checkin', T0 + DAY_MS)]),
    );
    expect(rows(changes[0]?.deltas.lessonTotals ?? new Map())).toEqual([{ ward: 'A', lessonId: 'x', n: 1 }]);
    expect(rows(changes[0]?.deltas.learnersByDay ?? new Map())).toEqual([]);
    expect(rows(changes[1]?.deltas.lessonTotals ?? new Map())).toEqual([{ ward: 'A', lessonId: 'x', n: -1 }, { ward: 'B', lessonId: 'x', n: 1 }]);
  });

  it('takes the day from wall_ms when the hlc is malformed', () => {
    const wall = T0 + 10 * DAY_MS;
    const b: BatchFacts = { ...batch('A-01', 'A', [{ ...fact(1, 'attendance.checkin', T0), hlc: 'not-a-clock' }]), wallMsBySeq: new Map([[1, wall]]) };
    expect(rows(run(b).changes[0]?.deltas.learnersByDay ?? new Map())).toEqual([{ ward: 'A', day: eventDay('x', wall), n: 1 }]);
  });
});
