import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InfoStepView, LessonView } from '../../../electron/contract/dto';
import { loadLessons } from '../../../electron/station/lessons/load-lessons';
import { IdentityService } from '../../../electron/station/services/identity-service';
import { parseLesson } from '../../../electron/core/lessons/lesson-schema';
import { LessonService } from '../../../electron/station/services/lesson-service';
import { lessonWithPhoneJson } from '../../support/lesson-json';
import { fakeIdCardText } from '../../support/fake-persons';
import { openTestLog, tempDir, testLearnerRoad } from '../../support/station-db';

/** An info step of a lesson view (the tests below look at steps that are not practice steps). */
const info = (view: LessonView, index: number) => view.steps[index] as InfoStepView | undefined;

const { lessons } = loadLessons(join(import.meta.dirname, '../../../lessons'));
// A lesson without practice steps: its quiz alone decides the pass (practice-attempts.test.ts has the rest).
const LESSON = lessons.find((lesson) => lesson.id === 'lua-dao-dau-tu')!;
const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

describe('LessonService', () => {
  let temp: ReturnType<typeof tempDir>;
  let ctx: ReturnType<typeof openTestLog>;
  let identity: IdentityService;
  let service: LessonService;

  const signIn = async (index: number) => {
    const outcome = await identity.handleScan(fakeIdCardText(index), 'hid-pos');
    if (outcome?.kind === 'consent') identity.answerConsent(outcome.pendingId, true);
  };
  const rightAnswers = LESSON.quiz.questions.map((question) => question.answer);
  const kinds = () => (ctx.db.prepare('SELECT kind FROM events ORDER BY seq').all() as Array<{ kind: string }>).map((row) => row.kind);

  beforeEach(() => {
    temp = tempDir();
    ctx = openTestLog(`${temp.dir}/s.sqlite`);
    const secret = randomBytes(32);
    identity = new IdentityService({ road: testLearnerRoad(ctx, secret), clock: ctx.clock });
    service = new LessonService({ db: ctx.db, log: ctx.log, identity, lessons, clock: ctx.clock, sha256Hex, station: { id: '06688-01', name: 'Trạm thử', wardName: 'Phường Hạ Long' } });
  });
  afterEach(() => {
    ctx.db.close();
    temp.cleanup();
  });

  it('gives the safe advice instead of an unconfirmed phone number', () => {
    const view = service.view('cuoc-goi-gia-danh-cong-an');
    expect(info(view, 6)?.safeAdvice).not.toBeNull();
    expect(info(view, 6)?.text.vi).not.toContain('156');
    expect(info(view, 0)?.safeAdvice).toBeNull();
  });

  it('judges a confirmed number by the station clock’s day in Vietnam', () => {
    const parsed = parseLesson(lessonWithPhoneJson('confirmed', '2025-11-28'));
    if (!parsed.ok) throw new Error('fixture');
    const phoneService = new LessonService({ db: ctx.db, log: ctx.log, identity, lessons: [parsed.value], clock: ctx.clock, sha256Hex, station: { id: '06688-01', name: 'Trạm thử', wardName: 'Phường Hạ Long' } });
    // The fake clock starts at 2026-11-28 08:00 UTC: exactly 12 months after the check.
    expect(info(phoneService.view('bai-thu'), 4)?.text.vi).toContain('156');
    ctx.clock.advance(9 * 3_600_000); // 17:00 UTC, still 28/11 there, but 00:00 on 29/11 in Vietnam
    expect(info(phoneService.view('bai-thu'), 4)?.safeAdvice).not.toBeNull();
  });

  it('lists every lesson as new for a first-time learner, in teaching order', async () => {
    await signIn(1);
    const list = service.list();
    expect(list.map((lesson) => lesson.id)).toEqual(lessons.map((lesson) => lesson.id));
    expect(list.every((lesson) => lesson.status === 'new')).toBe(true);
  });

  it('records lesson.started once per visit and resumes at the saved step', async () => {
    await signIn(1);
    expect(service.start(LESSON.id)).toEqual({ resumeStep: 0 });
    expect(service.saveStep(LESSON.id, 3)).toBe(true);
    expect(service.start(LESSON.id)).toEqual({ resumeStep: 3 });
    expect(kinds().filter((kind) => kind === 'lesson.started')).toHaveLength(1);
    identity.endVisit('idle');
    ctx.clock.advance(60_000);
    await signIn(1);
    expect(service.list().find((lesson) => lesson.id === LESSON.id)).toMatchObject({ status: 'started', resumeStep: 3 });
    expect(service.start(LESSON.id)).toEqual({ resumeStep: 3 });
  });

  it('scores the quiz on the station, records the completion and suggests the next lesson', async () => {
    await signIn(1);
    service.start(LESSON.id);
    const result = service.complete(LESSON.id, rightAnswers);
    expect(result).toMatchObject({ score: rightAnswers.length, passed: true, quizPassed: true, practicePending: [], recorded: true });
    expect(result.suggestion?.id).toBe(LESSON.next[0] ?? result.suggestion?.id);
    expect(service.list().find((lesson) => lesson.id === LESSON.id)?.status).toBe('passed');
  });

  it('keeps a pass when a later try fails', async () => {
    await signIn(1);
    service.complete(LESSON.id, rightAnswers);
    const wrong = rightAnswers.map((answer) => (answer + 1) % 3);
    expect(service.complete(LESSON.id, wrong)).toMatchObject({ passed: false });
    expect(service.list().find((lesson) => lesson.id === LESSON.id)?.status).toBe('passed');
  });

  it('refuses a wrong number of answers with a typed error and records nothing', async () => {
    await signIn(1);
    expect(() => service.complete(LESSON.id, [0])).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(kinds().filter((kind) => kind === 'lesson.completed')).toHaveLength(0);
    expect(() => service.view('no-such-lesson')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('lets a guest play and score, recording nothing', () => {
    const before = kinds().length;
    expect(service.start(LESSON.id)).toEqual({ resumeStep: 0 });
    expect(service.complete(LESSON.id, rightAnswers)).toMatchObject({ passed: true, recorded: false });
    expect(kinds()).toHaveLength(before);
    expect(() => service.certificate()).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('prints a certificate whose code is the same on a reprint and anchored on the passing event', async () => {
    await signIn(1);
    service.complete(LESSON.id, rightAnswers);
    const first = service.certificate();
    ctx.log.append([{ kind: 'station.boot', payload: { app_version: 'x', config_version: 1 } }]);
    const again = service.certificate();
    expect(first.verificationCode).toMatch(/^[A-Z2-7]{5}-[A-Z2-7]{5}$/);
    expect(again.verificationCode).toBe(first.verificationCode);
    expect(first.lessons.map((lesson) => lesson.title.vi)).toEqual([LESSON.title.vi]);
  });
});
