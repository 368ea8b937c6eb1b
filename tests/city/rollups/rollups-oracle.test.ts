// Issue #16 item 2: the rollups kept at ingest equal the full recompute from the stored facts, after
// any random multi-station stream — duplicates and overlapping batches, stations uploading in any
// order with clocks days apart, registration after check-in, ward moves, failed and repeated quiz
// passes, malformed clocks, sneakernet imports, erasures, re-enrolment (a new epoch) and a hub
// restored from a backup — and every report built from the rollups equals the one built from the
// recompute. On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { BUILD_ROLLUPS, ROLLUP_TABLES } from '../../../city/db/migrations/0007-report-rollups';
import { importBundle } from '../../../city/ingest/bundle-import';
import { assembleProgress, buildProgress, reportYear } from '../../../city/reports/progress';
import { lessonCompetencies, stationReport, wardTargets } from '../../../city/store/report-store';
import { payloads, StationFixture } from '../../support/station-fixture';
import { describeEachDriver, enrol, upload, useTestHub } from '../support/hub-harness';
import type { TestHub } from '../support/hub-harness';
import { readRollups, recomputeLearnerGroups, recomputeLessonGroups, recomputeRollups } from '../support/report-oracle';
import { backUpHub, restoreHub, wipeHub } from './hub-backup';

const WARDS = ['27001', '27004', '27007'];
const LESSONS = ['mat-khau-otp', 'kiem-chung-thong-tin', 'dich-vu-cong'];
const KEYS = Array.from({ length: 6 }, (_v, i) => String(i + 1).repeat(64).slice(0, 64).replace(/[^0-9a-f]/g, 'a'));
const DAY_MS = 86_400_000;
/** Each learner's version-2 key (learner key version 2: a station re-keys a learner it registered under version 1). */
const V2_KEYS = KEYS.map((key) => key.split('').reverse().join(''));

type Action =
  | { kind: 'register'; station: number; learner: number; ward: number | null; birthYear: number; gender: 'nam' | 'nu' | null }
  | { kind: 'checkin' | 'erase' | 'rekey'; station: number; learner: number }
  | { kind: 'lesson'; station: number; learner: number; lesson: number; passed: boolean }
  | { kind: 'group'; station: number; attendees: number }
  | { kind: 'clock'; station: number; hours: number; badHlc: boolean }
  | { kind: 'upload' | 'import'; station: number; from: number; size: number }
  | { kind: 'reenrol'; station: number }
  | { kind: 'backup' | 'restore' };

const station = fc.nat({ max: 2 });
const learner = fc.nat({ max: KEYS.length - 1 });
const action: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('register' as const), station, learner, ward: fc.option(fc.nat({ max: 2 }), { nil: null }), birthYear: fc.integer({ min: 1940, max: 2015 }), gender: fc.constantFrom('nam' as const, 'nu' as const, null) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constantFrom('checkin' as const, 'erase' as const), station, learner }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('rekey' as const), station, learner }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('lesson' as const), station, learner, lesson: fc.nat({ max: LESSONS.length - 1 }), passed: fc.boolean() }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('group' as const), station, attendees: fc.nat({ max: 30 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('clock' as const), station, hours: fc.integer({ min: -60, max: 60 }), badHlc: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constantFrom('upload' as const, 'import' as const), station, from: fc.nat({ max: 8 }), size: fc.integer({ min: 1, max: 12 }) }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('reenrol' as const), station }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constantFrom('backup' as const, 'restore' as const) }), weight: 1 },
);

describeEachDriver('rollups equal the full recompute', (driver) => {
  let hub: TestHub;
  useTestHub(driver, (opened) => ({ hub } = opened));

  async function expectRollupsEqualRecompute(): Promise<void> {
    const db = hub.ctx.db;
    expect(await readRollups(db)).toEqual(await recomputeRollups(db));
    const nowMs = hub.clock.ms;
    const [targets, competencies] = await Promise.all([wardTargets(db), lessonCompetencies(db)]);
    for (const ward of [null, ...WARDS]) {
      const learners = await recomputeLearnerGroups(db, { ward, reportYear: reportYear(nowMs) });
      const lessons = await recomputeLessonGroups(db, { ward });
      expect(await buildProgress(db, { ward, nowMs })).toEqual(assembleProgress({ learners, lessons, targets, competencies }, ward));
    }
  }

  async function run(actions: readonly Action[], seed: number): Promise<void> {
    await wipeHub(hub.ctx.db);
    await hub.ctx.db.query("INSERT INTO lesson_competencies (lesson_id, competencies) VALUES ('mat-khau-otp', '{4.1,2.6}'), ('dich-vu-cong', '{1.2}')");
    const stations = WARDS.map((ward, i) => new StationFixture(`${ward}-P${seed % 1000}${i}`));
    for (const [i, s] of stations.entries()) {
      expect((await enrol(hub, s)).status).toBe(201);
      s.wallMs = 1_767_000_000_000 + i * 2 * DAY_MS;
    }
    let backup: { reenrolledSince: boolean } | null = null;
    // After a learner is re-keyed, every station writes their new key (events already written keep the old one).
    const rekeyed = new Set<number>();
    const keyOf = (learner: number) => (rekeyed.has(learner) ? V2_KEYS[learner] : KEYS[learner]) ?? '';
    const badHlc = new Set<number>();
    for (const step of actions) {
      const s = 'station' in step ? stations[step.station] : undefined;
      const hlc = s !== undefined && badHlc.has(stations.indexOf(s)) ? { hlc: 'not-a-clock' } : {};
      switch (step.kind) {
        case 'register':
          s?.append('learner.registered', payloads.registered(keyOf(step.learner), step.birthYear, step.gender, step.ward === null ? null : (WARDS[step.ward] ?? null)), hlc);
          break;
        case 'checkin':
          s?.append('attendance.checkin', payloads.checkin(keyOf(step.learner)), hlc);
          break;
        case 'erase':
          s?.append('learner.erased', payloads.erased(keyOf(step.learner)), hlc);
          break;
        case 'lesson':
          s?.append('lesson.completed', payloads.lessonCompleted(keyOf(step.learner), LESSONS[step.lesson] ?? '', step.passed), hlc);
          break;
        case 'rekey':
          s?.append('learner.rekeyed', payloads.rekeyed(V2_KEYS[step.learner] ?? '', KEYS[step.learner] ?? ''), hlc);
          rekeyed.add(step.learner);
          break;
        case 'group':
          s?.append('group.ended', `{"attendees":${step.attendees},"group_id":"g"}`, hlc);
          break;
        case 'clock':
          if (s !== undefined) s.wallMs += step.hours * 3_600_000;
          if (step.badHlc) badHlc.add(step.station);
          else badHlc.delete(step.station);
          break;
        case 'upload':
        case 'import': {
          if (s === undefined || s.events.length === 0) break;
          const first = Math.max(1, s.events.length - step.from);
          const last = Math.min(first + step.size - 1, s.events.length);
          const answer = step.kind === 'upload' ? await upload(hub, s, s.batch(first, last)) : await importBundle(hub.ctx, s.bundle(first, last));
          expect([200, 409]).toContain(answer.status);
          if (answer.status === 409) expect(answer.body.error).toBe('gap');
          break;
        }
        case 'reenrol':
          if (s === undefined) break;
          s.rotateKey();
          expect((await enrol(hub, s)).status).toBe(201);
          if (backup !== null) backup.reenrolledSince = true;
          break;
        case 'backup':
          await backUpHub(hub.ctx.db);
          backup = { reenrolledSince: false };
          break;
        case 'restore':
          // A restore from before a re-enrolment would hand the station back its old key: not this test's subject.
          if (backup === null || backup.reenrolledSince) break;
          await restoreHub(hub.ctx.db);
          break;
      }
    }
    // Every station finally delivers everything it has (as it would after a restore, from the cursor).
    for (const s of stations) if (s.events.length > 0) expect((await upload(hub, s, s.batch(1, s.events.length))).status).toBe(200);
    await expectRollupsEqualRecompute();
    const groups = await stationReport(hub.ctx.db, { ward: null });
    expect(groups.map((row) => row.groups).reduce((a, b) => a + b, 0)).toBe(
      (await hub.ctx.db.query<{ n: number }>("SELECT count(*)::integer AS n FROM events WHERE kind = 'group.ended'"))[0]?.n,
    );
    // Migration 0007's build from stored facts (an existing hub's upgrade, long before any re-keying:
    // learner_aliases comes with 0021) gives the same rollups.
    if (rekeyed.size > 0) return;
    await hub.ctx.db.transaction(async (tx) => {
      await tx.query(`TRUNCATE ${ROLLUP_TABLES.join(', ')}`);
      for (const statement of BUILD_ROLLUPS) await tx.query(statement);
    });
    await expectRollupsEqualRecompute();
  }

  it('after random streams from three stations', async () => {
    let seed = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 40 }), async (actions) => {
        seed += 1;
        await run(actions, seed);
      }),
      { numRuns: driver === 'postgres' ? 25 : 30, endOnFailure: true },
    );
  });
});
