/**
 * A station database with a realistic month of activity, written through the real services exactly as
 * the kiosk writes it (IdentityService scans + consent, LessonService start/complete, check-outs on
 * switch and idle), with real lesson packs, fake ID cards and a fake clock in Vietnam time.
 *
 * The story (times in Vietnam, UTC+7); the report's "now" is Saturday 28/11/2026 15:00:
 *   31/10 23:30  P2 registers (October: outside November)
 *   01/11 06:00  P2 again (November, although still 31/10 in UTC)
 *   22/11 21:00  P2 again (November, previous week)
 *   23/11 08:00  P0 registers; L1 passed; leaves 08:20
 *   23/11 08:30  P1 registers; L1 failed then passed, L2 failed; idle out 09:00
 *   25/11 14:00  P0 again; L2 passed; P3 scans at 14:15 (ends P0's visit) and declines: a guest
 *   28/11 06:30  child C (born 2015) registers; L1 passed; leaves 06:45 — still the 27th in UTC
 *   28/11 14:00  P4 registers; the kiosk then crashes, so the visit stays open
 *   28/11 14:30  P1 is erased; a volunteer runs one group session
 *   30/11 23:59  P5 registers (last minute of November)
 *   01/12 00:00  P0 again (December: outside November)
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { sha256Hex } from '../../../electron/station/crypto/node-hash';
import type { EventLog } from '../../../electron/station/db/event-log';
import { loadLessons } from '../../../electron/station/lessons/load-lessons';
import { IdentityService } from '../../../electron/station/services/identity-service';
import { LessonService } from '../../../electron/station/services/lesson-service';
import type { Lesson } from '../../../electron/core/lessons/lesson-schema';
import { fakeIdCardText, fakePerson } from '../../support/fake-persons';
import { practiceAnswers } from '../../support/practice-answers';
import { FakeClock, openTestLog, testLearnerRoad } from '../../support/station-db';

export const REAL_LESSONS: readonly Lesson[] = loadLessons(join(import.meta.dirname, '../../../lessons')).lessons;
export const L1 = REAL_LESSONS[0] as Lesson;
export const L2 = REAL_LESSONS[1] as Lesson;
export const NOW = Date.UTC(2026, 10, 28, 8, 0);
export const STATION_ID = '06688-01';

/** 06:30 on 28/11/2026 in Vietnam is 23:30 on 27/11 in UTC. */
export const vn = (month: number, day: number, hour: number, minute: number): number => Date.UTC(2026, month - 1, day, hour - 7, minute);

/** A boy born in 2015 with a chip ID card (Vietnam issues them at any age since 2024). */
export const CHILD_CARD = '022215123456||Trần Minh Phúc|05062015|Nam|Tổ 3, Phường Hạ Long, Quảng Ninh|01072021';
export const CHILD_NAME = 'Trần Minh Phúc';

const passAnswers = (lesson: Lesson) => lesson.quiz.questions.map((q) => q.answer);
const failAnswers = (lesson: Lesson) => lesson.quiz.questions.map((q) => (q.answer + 1) % q.choices.length);

export interface ReportFixture {
  readonly db: Database;
  readonly log: EventLog;
  readonly clock: FakeClock;
  readonly names: { readonly p0: string; readonly p2: string; readonly p4: string; readonly p5: string };
}

function services(db: Database, log: EventLog, clock: FakeClock) {
  const identity = new IdentityService({ road: testLearnerRoad({ db, log, clock }, Buffer.alloc(32, 7)), clock });
  const lessons = new LessonService({ db, log, identity, lessons: REAL_LESSONS, clock, sha256Hex, station: { id: STATION_ID, name: 'Trạm thử', wardName: 'Phường Hạ Long' } });
  return { identity, lessons };
}

export async function buildReportFixture(path: string): Promise<ReportFixture> {
  const clock = new FakeClock(vn(10, 31, 23, 30));
  const { db, log } = openTestLog(path, { stationId: STATION_ID, clock });
  let { identity, lessons } = services(db, log, clock);
  const at = (wall: number) => clock.advance(wall - clock.wall);
  const register = async (text: string) => {
    const outcome = await identity.handleScan(text, 'hid-pos');
    if (outcome?.kind !== 'consent') throw new Error(`expected consent, got ${outcome?.kind}`);
    return identity.answerConsent(outcome.pendingId, true);
  };
  const returning = async (text: string) => {
    const outcome = await identity.handleScan(text, 'hid-pos');
    if (outcome?.kind !== 'welcome' || outcome.isNewLearner) throw new Error('expected a returning learner');
  };
  const lesson = (l: Lesson, pass: boolean) => {
    lessons.start(l.id);
    clock.advance(60_000);
    // A pass is a mastered lesson: its practice steps done right as well as its quiz.
    if (pass) for (const { stepId, answer } of practiceAnswers(l)) lessons.attemptPractice(l.id, stepId, answer);
    lessons.complete(l.id, pass ? passAnswers(l) : failAnswers(l));
  };

  await register(fakeIdCardText(2));
  at(vn(10, 31, 23, 50));
  identity.endVisit('user');
  at(vn(11, 1, 6, 0));
  await returning(fakeIdCardText(2));
  identity.endVisit('idle');
  at(vn(11, 22, 21, 0));
  await returning(fakeIdCardText(2));
  identity.endVisit('user');

  at(vn(11, 23, 8, 0));
  await register(fakeIdCardText(0));
  lesson(L1, true);
  at(vn(11, 23, 8, 20));
  identity.endVisit('user');

  at(vn(11, 23, 8, 30));
  await register(fakeIdCardText(1));
  lesson(L1, false);
  lesson(L1, true);
  lesson(L2, false);
  at(vn(11, 23, 9, 0));
  identity.endVisit('idle');

  at(vn(11, 25, 14, 0));
  await returning(fakeIdCardText(0));
  lesson(L2, true);
  at(vn(11, 25, 14, 15));
  const guest = await identity.handleScan(fakeIdCardText(3), 'hid-pos');
  if (guest?.kind !== 'consent') throw new Error('expected consent');
  identity.answerConsent(guest.pendingId, false);
  lesson(L1, true); // a guest's lesson: nothing is recorded

  at(vn(11, 28, 6, 30));
  await register(CHILD_CARD);
  lesson(L1, true);
  at(vn(11, 28, 6, 45));
  identity.endVisit('user');

  at(vn(11, 28, 14, 0));
  await register(fakeIdCardText(4));
  // The kiosk crashes: the visit is never checked out, and a new process starts with fresh services.
  ({ identity, lessons } = services(db, log, clock));

  at(vn(11, 28, 14, 30));
  const p1 = db.prepare<[number], { learner_key: string }>('SELECT learner_key FROM visits WHERE started_wall_ms = ?').get(vn(11, 23, 8, 30));
  if (!p1) throw new Error('P1 visit missing');
  // Erasure as the station does it: the event and the deletion of the personal row in one transaction.
  log.append([{ kind: 'learner.erased', payload: { learner_key: p1.learner_key } }], (tx) => {
    tx.prepare('DELETE FROM learners WHERE learner_key = ?').run(p1.learner_key);
  });
  const groupId = randomUUID();
  log.append([{ kind: 'group.started', payload: { group_id: groupId, volunteer_key: 'c'.repeat(64), lesson_id: L1.id } }]);
  log.append([{ kind: 'group.ended', payload: { group_id: groupId, attendees: 6 } }]);

  at(vn(11, 30, 23, 59));
  await register(fakeIdCardText(5));
  identity.endVisit('user');
  at(vn(12, 1, 0, 0));
  await returning(fakeIdCardText(0));

  return { db, log, clock, names: { p0: fakePerson(0).name, p2: fakePerson(2).name, p4: fakePerson(4).name, p5: fakePerson(5).name } };
}
