import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lesson } from '../../../electron/core/lessons/lesson-schema';
import { flagPayload } from '../../../electron/core/sync/protocol/payload-flags';
import { loadLessons } from '../../../electron/station/lessons/load-lessons';
import { IdentityService } from '../../../electron/station/services/identity-service';
import { LearnerRights } from '../../../electron/station/services/learner-rights';
import { LessonService } from '../../../electron/station/services/lesson-service';
import { fakeIdCardText, fakePerson } from '../../support/fake-persons';
import { practiceAnswers } from '../../support/practice-answers';
import { openTestLog, tempDir, testLearnerRoad } from '../../support/station-db';

const { lessons, tracks } = loadLessons(join(import.meta.dirname, '../../../lessons'));
const byId = (id: string) => lessons.find((lesson) => lesson.id === id)!;
/** mat-khau-otp: one spot practice (p1, the third step) and a quiz of 4 with a pass mark of 3. */
const LESSON = byId('mat-khau-otp');
const PRACTICE_INDEX = LESSON.steps.findIndex((step) => step.type === 'practice');
const right = (lesson: Lesson) => lesson.quiz.questions.map((question) => question.answer);
const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

describe('practice attempts at the station', () => {
  let temp: ReturnType<typeof tempDir>;
  let ctx: ReturnType<typeof openTestLog>;
  let identity: IdentityService;
  let service: LessonService;
  const secret = randomBytes(32);
  const [{ stepId, answer }] = practiceAnswers(LESSON) as [ReturnType<typeof practiceAnswers>[number]];
  const wrong = { kind: 'spot', tapped: ['chao'] } as const;

  const signIn = async (index: number) => {
    const outcome = await identity.handleScan(fakeIdCardText(index), 'hid-pos');
    if (outcome?.kind === 'consent') identity.answerConsent(outcome.pendingId, true);
  };
  const events = (kind: string) =>
    (ctx.db.prepare('SELECT seq, payload FROM events WHERE kind = ? ORDER BY seq').all(kind) as { seq: number; payload: string }[]).map((row) => ({ seq: row.seq, payload: JSON.parse(row.payload) as Record<string, unknown> }));
  const status = (lessonId: string) => service.list().find((lesson) => lesson.id === lessonId)?.status;

  beforeEach(() => {
    temp = tempDir();
    ctx = openTestLog(`${temp.dir}/s.sqlite`);
    identity = new IdentityService({ road: testLearnerRoad(ctx, secret), clock: ctx.clock });
    service = new LessonService({ db: ctx.db, log: ctx.log, identity, lessons, tracks, clock: ctx.clock, sha256Hex, station: { id: '06688-01', name: 'Trạm thử', wardName: 'Phường Hạ Long' } });
  });
  afterEach(() => {
    ctx.db.close();
    temp.cleanup();
  });

  it('records practice.attempted with the step, kind, right or not and the attempt number — never the answer', async () => {
    await signIn(1);
    service.start(LESSON.id);
    expect(service.attemptPractice(LESSON.id, stepId, wrong)).toMatchObject({ correct: false, attempt: 1, recorded: true, lessonPassed: false, detail: { kind: 'spot', wrong: ['chao'] } });
    expect(service.attemptPractice(LESSON.id, stepId, answer)).toMatchObject({ correct: true, attempt: 2, recorded: true });
    const written = events('practice.attempted');
    const visitId = identity.activeVisit()!.visitId;
    const learnerKey = identity.activeVisit()!.learnerKey;
    expect(written.map((event) => event.payload)).toEqual([
      { learner_key: learnerKey, visit_id: visitId, lesson_id: LESSON.id, lesson_version: LESSON.version, step: 'p1', kind: 'spot', correct: false, attempt: 1 },
      { learner_key: learnerKey, visit_id: visitId, lesson_id: LESSON.id, lesson_version: LESSON.version, step: 'p1', kind: 'spot', correct: true, attempt: 2 },
    ]);
  });

  it('writes no personal data: the hub finds nothing to flag, and no part id, name or ID number is in the event', async () => {
    await signIn(3);
    service.attemptPractice(LESSON.id, stepId, answer);
    const row = ctx.db.prepare("SELECT payload FROM events WHERE kind = 'practice.attempted'").get() as { payload: string };
    expect(flagPayload('practice.attempted', row.payload).flags).toEqual([]);
    for (const secretish of [fakePerson(3).name, fakePerson(3).id, ...(answer.kind === 'spot' ? answer.tapped : [])]) expect(row.payload).not.toContain(secretish);
  });

  it('counts attempts on across visits, from the station database', async () => {
    await signIn(1);
    service.attemptPractice(LESSON.id, stepId, wrong);
    identity.endVisit('user');
    ctx.clock.advance(3_600_000);
    await signIn(1);
    expect(service.attemptPractice(LESSON.id, stepId, wrong).attempt).toBe(2);
    expect(ctx.db.prepare('SELECT attempts, completed_wall_ms FROM practice_progress').all()).toEqual([{ attempts: 2, completed_wall_ms: null }]);
  });

  it('keeps a passed quiz from passing the lesson until the practice is done, then passes it with a lesson.completed in the same transaction', async () => {
    await signIn(1);
    service.start(LESSON.id);
    const result = service.complete(LESSON.id, right(LESSON));
    expect(result).toMatchObject({ score: 4, quizPassed: true, passed: false, practicePending: [PRACTICE_INDEX], recorded: true });
    expect(status(LESSON.id)).toBe('failed');
    expect(() => service.certificate()).toThrow(expect.objectContaining({ code: 'not_found' }));

    expect(service.attemptPractice(LESSON.id, stepId, wrong).lessonPassed).toBe(false);
    expect(service.attemptPractice(LESSON.id, stepId, answer)).toMatchObject({ correct: true, lessonPassed: true });
    expect(status(LESSON.id)).toBe('passed');
    const completed = events('lesson.completed');
    expect(completed.map((event) => event.payload['passed'])).toEqual([false, true]);
    expect(completed[1]?.payload).toMatchObject({ score: 4, passed: true, lesson_id: LESSON.id });
    // The pass follows its practice attempt directly: both were written in one append.
    const attempt = events('practice.attempted').at(-1)!;
    expect(completed[1]!.seq).toBe(attempt.seq + 1);
    expect(service.certificate().lessons.map((lesson) => lesson.title.vi)).toEqual([LESSON.title.vi]);
    // A later correct attempt passes nothing again.
    expect(service.attemptPractice(LESSON.id, stepId, answer).lessonPassed).toBe(false);
    expect(events('lesson.completed')).toHaveLength(2);
  });

  it('passes the lesson at the quiz when the practice was done first, even in an earlier visit', async () => {
    await signIn(1);
    service.attemptPractice(LESSON.id, stepId, answer);
    identity.endVisit('user');
    await signIn(1);
    expect(service.complete(LESSON.id, right(LESSON))).toMatchObject({ passed: true, quizPassed: true, practicePending: [] });
    expect(status(LESSON.id)).toBe('passed');
  });

  it('does not pass on practice when the quiz was failed', async () => {
    await signIn(1);
    const wrongQuiz = LESSON.quiz.questions.map((question) => (question.answer + 1) % 3);
    expect(service.complete(LESSON.id, wrongQuiz)).toMatchObject({ passed: false, quizPassed: false });
    expect(service.attemptPractice(LESSON.id, stepId, answer).lessonPassed).toBe(false);
    expect(status(LESSON.id)).toBe('failed');
  });

  it('refuses an unknown step or a malformed answer with a typed error and writes nothing', async () => {
    await signIn(1);
    const before = (ctx.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    expect(() => service.attemptPractice(LESSON.id, 'p2', answer)).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => service.attemptPractice(LESSON.id, 's1', answer)).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => service.attemptPractice(LESSON.id, stepId, { kind: 'spot', tapped: ['mat-khau-that'] })).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(() => service.attemptPractice(LESSON.id, stepId, { kind: 'order', order: ['a', 'b', 'c'] })).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(() => service.attemptPractice('khong-co-bai', stepId, answer)).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect((ctx.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n).toBe(before);
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM practice_progress').get()).toEqual({ n: 0 });
  });

  it('scores a guest without recording anything; the guest’s practice counts toward their result until the lesson is opened again', () => {
    const before = (ctx.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    service.start(LESSON.id);
    expect(service.attemptPractice(LESSON.id, stepId, wrong)).toMatchObject({ correct: false, attempt: 1, recorded: false });
    expect(service.attemptPractice(LESSON.id, stepId, answer)).toMatchObject({ correct: true, attempt: 2, recorded: false, lessonPassed: false });
    expect(service.complete(LESSON.id, right(LESSON))).toMatchObject({ passed: true, recorded: false });
    service.start(LESSON.id);
    expect(service.complete(LESSON.id, right(LESSON))).toMatchObject({ passed: false, quizPassed: true, practicePending: [PRACTICE_INDEX] });
    expect((ctx.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n).toBe(before);
  });

  it('forgets a learner’s practice when the learner is erased', async () => {
    await signIn(5);
    service.attemptPractice(LESSON.id, stepId, answer);
    identity.endVisit('user');
    const rights = new LearnerRights({ db: ctx.db, log: ctx.log, clock: ctx.clock, road: testLearnerRoad(ctx, secret) });
    rights.erase((await rights.lookup(fakeIdCardText(5))).lookupId);
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM practice_progress').get()).toEqual({ n: 0 });
  });

  it('has every practice step of the real lessons answerable right, each kind at least once', async () => {
    await signIn(2);
    const kinds = new Set<string>();
    for (const lesson of lessons) {
      for (const { stepId: id, answer: right } of practiceAnswers(lesson)) {
        expect(service.attemptPractice(lesson.id, id, right), `${lesson.id} ${id}`).toMatchObject({ correct: true });
        kinds.add(right.kind);
      }
    }
    expect([...kinds].sort()).toEqual(['form', 'order', 'pay-check', 'spot']);
  });
});
