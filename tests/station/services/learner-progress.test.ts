import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadLessons } from '../../../electron/station/lessons/load-lessons';
import { IdentityService } from '../../../electron/station/services/identity-service';
import { LessonService } from '../../../electron/station/services/lesson-service';
import { fakeIdCardText } from '../../support/fake-persons';
import { practiceAnswers } from '../../support/practice-answers';
import { openTestLog, tempDir, testLearnerRoad } from '../../support/station-db';

const { lessons, tracks } = loadLessons(join(import.meta.dirname, '../../../lessons'));
const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
/** A girl born in 2013 (13 in 2026) with a chip ID card: a pupil by age. */
const PUPIL_CARD = '022313123456||Lê Thu Hà|05062013|Nữ|Tổ 3, Phường Hạ Long, Quảng Ninh|01072021';
const track = (id: string) => tracks.find((entry) => entry.id === id)!;

describe('the learner’s own progress', () => {
  let temp: ReturnType<typeof tempDir>;
  let ctx: ReturnType<typeof openTestLog>;
  let identity: IdentityService;
  let service: LessonService;

  const visit = async (text: string) => {
    const outcome = await identity.handleScan(text, 'hid-pos');
    if (outcome?.kind === 'consent') identity.answerConsent(outcome.pendingId, true);
  };
  const pass = (lessonId: string) => {
    const lesson = lessons.find((entry) => entry.id === lessonId)!;
    for (const { stepId, answer } of practiceAnswers(lesson)) service.attemptPractice(lessonId, stepId, answer);
    return service.complete(lessonId, lesson.quiz.questions.map((question) => question.answer));
  };

  beforeEach(() => {
    temp = tempDir();
    ctx = openTestLog(`${temp.dir}/s.sqlite`);
    const secret = randomBytes(32);
    identity = new IdentityService({ road: testLearnerRoad(ctx, secret), clock: ctx.clock });
    service = new LessonService({ db: ctx.db, log: ctx.log, identity, lessons, tracks, clock: ctx.clock, sha256Hex, station: { id: '06688-01', name: 'Trạm thử', wardName: 'Phường Hạ Long' } });
  });
  afterEach(() => {
    ctx.db.close();
    temp.cleanup();
  });

  it('starts an adult on the adult track and a pupil on the pupil track, by birth year, until they choose', async () => {
    await visit(fakeIdCardText(1));
    expect(service.progress(null)).toMatchObject({ track: 'adult', basis: 'birth_year' });
    identity.endVisit('user');
    await visit(PUPIL_CARD);
    const pupil = service.progress(null);
    expect(pupil).toMatchObject({ track: 'pupil', basis: 'birth_year' });
    expect(pupil.tracks.find((entry) => entry.id === 'pupil')).toMatchObject({ passed: 0, total: track('pupil').lessons.length, nextLessonId: track('pupil').lessons[0] });
  });

  it('counts finished lessons per track and names the next one in track order', async () => {
    await visit(fakeIdCardText(1));
    pass('nhan-tien-qr-tai-quay');
    pass('thanh-toan-vietqr');
    const worker = service.progress('worker').tracks.find((entry) => entry.id === 'worker')!;
    expect(worker).toMatchObject({ passed: 2, total: 8, nextLessonId: 'ban-hang-online-an-toan' });
    expect(worker.lessonIds).toEqual(track('worker').lessons);
    // thanh-toan-vietqr is in the adult track too, and counts there.
    expect(service.progress(null).tracks.find((entry) => entry.id === 'adult')).toMatchObject({ passed: 1, total: 12, nextLessonId: 'vneid-kich-hoat-muc-2' });
  });

  it('remembers the track a learner chooses, across visits, and suggests the next lesson from it', async () => {
    await visit(fakeIdCardText(1));
    expect(service.chooseTrack('worker')).toEqual({ saved: true });
    identity.endVisit('user');
    await visit(fakeIdCardText(1));
    expect(service.progress(null)).toMatchObject({ track: 'worker', basis: 'chosen' });
    expect(pass('nhan-tien-qr-tai-quay').suggestion?.id).toBe('ban-hang-online-an-toan');
    // A lesson's own `next` outside the track (tin-nhan-nhan-qua-shipper-gia) gives way to the track's next lesson.
    expect(lessons.find((lesson) => lesson.id === 'thanh-toan-vietqr')?.next).toEqual(['tin-nhan-nhan-qua-shipper-gia']);
    expect(pass('thanh-toan-vietqr').suggestion?.id).toBe('ban-hang-online-an-toan');
    // Inside the track, the lesson's own `next` still leads.
    expect(pass('bao-ve-tai-khoan-kinh-doanh').suggestion?.id).toBe('mat-khau-otp');
  });

  it('does not keep a guest’s choice, but shows the track the guest picked', () => {
    expect(service.chooseTrack('pupil')).toEqual({ saved: false });
    expect(service.progress(null)).toMatchObject({ track: 'adult', basis: 'default' });
    expect(service.progress('pupil')).toMatchObject({ track: 'pupil', basis: 'chosen' });
  });

  it('prints on the certificate how far the learner is in their track and in any track they passed a lesson of', async () => {
    await visit(PUPIL_CARD);
    pass('thong-tin-ca-nhan-tren-mang');
    pass('thanh-toan-vietqr');
    expect(service.certificate().progress).toEqual([
      { track: 'adult', title: track('adult').title, passed: 1, total: 12 },
      { track: 'worker', title: track('worker').title, passed: 1, total: 8 },
      { track: 'pupil', title: track('pupil').title, passed: 1, total: 7 },
    ]);
  });

  it('lists no track when the station has no tracks.json, and still works', async () => {
    const untracked = new LessonService({ db: ctx.db, log: ctx.log, identity, lessons, clock: ctx.clock, sha256Hex, station: { id: '06688-01', name: 'Trạm thử', wardName: 'Phường Hạ Long' } });
    await visit(fakeIdCardText(1));
    expect(untracked.progress(null)).toEqual({ track: 'adult', basis: 'birth_year', tracks: [] });
    expect(untracked.complete('lua-dao-dau-tu', lessons.find((l) => l.id === 'lua-dao-dau-tu')!.quiz.questions.map((q) => q.answer)).suggestion?.id).toBe('kiem-chung-thong-tin');
  });
});
