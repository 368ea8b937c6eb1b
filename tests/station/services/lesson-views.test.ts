import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InfoStepView, LessonView } from '../../../electron/contract/dto';
import { parseIsoDate, type IsoDate } from '../../../electron/core/lessons/iso-date';
import { parseLesson, type Lesson } from '../../../electron/core/lessons/lesson-schema';
import { SAFE_ADVICE } from '../../../electron/core/lessons/safe-advice';
import { loadLessons } from '../../../electron/station/lessons/load-lessons';
import { lessonView } from '../../../electron/station/services/lesson-views';
import { lessonWithPhoneJson, PHONE_STEP_TEXT } from '../../support/lesson-json';

/** An info step of a lesson view (the tests below look at steps that are not practice steps). */
const info = (view: LessonView, index: number) => view.steps[index] as InfoStepView | undefined;

const { lessons } = loadLessons(join(import.meta.dirname, '../../../lessons'));
const real = (id: string) => lessons.find((lesson) => lesson.id === id)!;
const d = (text: string): IsoDate => parseIsoDate(text)!;
const TODAY = d('2026-12-04');

function lessonOf(json: unknown): Lesson {
  const result = parseLesson(json);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

const SAFE_STEP = { text: SAFE_ADVICE.text, imageAlt: SAFE_ADVICE.imageAlt, narration: { audio: null, skipped: null }, safeAdvice: { note: SAFE_ADVICE.note } };
/** Pack audio as station/lessons/load-narration.ts gives it: the step's recording, and the safe advice read aloud. */
const NARRATION = new Map([
  ['s5', { audio: { url: 'lessons/bai-thu/s5.mp3', sentenceStartsMs: [0, 2100] }, skipped: null }],
  ['safe-advice', { audio: { url: 'lessons/bai-thu/narration/safe-advice.opus', sentenceStartsMs: [0, 3000, 9000] }, skipped: null }],
]);

describe('lessonView: phone numbers the kiosk may not present as certain', () => {
  it.each([
    ['cuoc-goi-gia-danh-cong-an', 6, '156'],
    // s7, after the practice step p1 that the lesson shows third.
    ['tin-nhan-nhan-qua-shipper-gia', 7, '5656'],
  ])('%s: step %i gives the standard safe advice instead of %s, with no narration', (id, index, number) => {
    const lesson = real(id);
    const step = lesson.steps[index];
    expect(step?.type !== 'practice' && step?.text.vi).toContain(number);
    const view = lessonView(lesson, undefined, TODAY);
    expect(view.steps[index]).toMatchObject(SAFE_STEP);
    expect(JSON.stringify(view.steps[index])).not.toContain(number);
    // Every other step is as written.
    view.steps.forEach((shown, i) => {
      const written = lesson.steps[i]!;
      if (i === index) return;
      if (written.type === 'practice') expect(shown).toMatchObject({ kind: 'practice', text: written.instruction });
      else expect(shown).toMatchObject({ kind: 'info', text: written.text, imageAlt: written.imageAlt, safeAdvice: null });
    });
  });

  it('never puts the withheld number anywhere in the lesson view (questions never give phone numbers)', () => {
    expect(JSON.stringify(lessonView(real('cuoc-goi-gia-danh-cong-an'), undefined, TODAY))).not.toMatch(/(?<!\d)156(?!\d)/);
  });

  it('shows the number once a reviewer has confirmed it, with the step’s own narration', () => {
    const view = lessonView(lessonOf(lessonWithPhoneJson('confirmed', '2026-12-04')), undefined, d('2026-12-10'), NARRATION);
    expect(view.steps[4]).toEqual({ kind: 'info', text: PHONE_STEP_TEXT, imageUrl: 'lessons/bai-thu/s5.svg', imageAlt: { vi: 'alt 5 (vi)', en: 'alt 5 (en)' }, narration: NARRATION.get('s5'), safeAdvice: null });
  });

  it('reads the safe advice with its own narration, never the step’s (which says the number)', () => {
    const view = lessonView(lessonOf(lessonWithPhoneJson('to_verify')), undefined, d('2026-12-10'), NARRATION);
    expect(view.steps[4]).toMatchObject({ ...SAFE_STEP, narration: NARRATION.get('safe-advice') });
  });

  it('falls back to the safe advice when the confirmation is more than 12 months old on the station’s day', () => {
    const lesson = lessonOf(lessonWithPhoneJson('confirmed', '2026-12-04'));
    expect(info(lessonView(lesson, undefined, d('2027-12-04')), 4)?.safeAdvice).toBeNull();
    expect(lessonView(lesson, undefined, d('2027-12-05')).steps[4]).toMatchObject(SAFE_STEP);
  });

  it('keeps the picture address, which the player replaces by its own drawing', () => {
    expect(info(lessonView(real('cuoc-goi-gia-danh-cong-an'), undefined, TODAY), 6)?.imageUrl).toBe('lessons/cuoc-goi-gia-danh-cong-an/s7.svg');
  });
});

describe('lessonView: practice steps', () => {
  it('gives the player what it draws and none of the answer key', () => {
    const view = lessonView(real('thanh-toan-vietqr'), undefined, TODAY);
    const practice = view.steps[4];
    expect(practice).toMatchObject({ kind: 'practice', id: 'p1', practice: { kind: 'pay-check' } });
    expect(JSON.stringify(practice)).not.toMatch(/"answer"/);
    const spot = lessonView(real('mat-khau-otp'), undefined, TODAY).steps[2];
    expect(spot).toMatchObject({ kind: 'practice', practice: { kind: 'spot', targetCount: 3 } });
    expect(JSON.stringify(spot)).not.toMatch(/"targets"/);
    const form = lessonView(real('dich-vu-cong-quoc-gia'), undefined, TODAY).steps[5];
    expect(JSON.stringify(form)).not.toMatch(/"checks"|"rule"/);
    expect(form).toMatchObject({ practice: { kind: 'form', fields: expect.arrayContaining([expect.objectContaining({ id: 'cam-doan', type: 'confirm', required: true })]) as unknown } });
  });

  it('counts practice steps on the lesson summary', () => {
    expect(lessonView(real('mat-khau-otp'), undefined, TODAY).practiceSteps).toBe(1);
    expect(lessonView(real('lua-dao-dau-tu'), undefined, TODAY).practiceSteps).toBe(0);
  });
});
