import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIsoDate, type IsoDate } from '../../../electron/core/lessons/iso-date';
import { parseLesson, type Lesson } from '../../../electron/core/lessons/lesson-schema';
import { SAFE_ADVICE } from '../../../electron/core/lessons/safe-advice';
import { loadLessons } from '../../../electron/station/lessons/load-lessons';
import { lessonView } from '../../../electron/station/services/lesson-views';
import { lessonWithPhoneJson, PHONE_STEP_TEXT } from '../../support/lesson-json';

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
    ['tin-nhan-nhan-qua-shipper-gia', 6, '5656'],
  ])('%s: step %i gives the standard safe advice instead of %s, with no narration', (id, index, number) => {
    const lesson = real(id);
    expect(lesson.steps[index]?.text.vi).toContain(number);
    const view = lessonView(lesson, undefined, TODAY);
    expect(view.steps[index]).toMatchObject(SAFE_STEP);
    expect(JSON.stringify(view.steps[index])).not.toContain(number);
    // Every other step is as written.
    view.steps.forEach((step, i) => {
      if (i !== index) expect(step).toMatchObject({ text: lesson.steps[i]!.text, imageAlt: lesson.steps[i]!.imageAlt, safeAdvice: null });
    });
  });

  it('never puts the withheld number anywhere in the lesson view (questions never give phone numbers)', () => {
    expect(JSON.stringify(lessonView(real('cuoc-goi-gia-danh-cong-an'), undefined, TODAY))).not.toMatch(/(?<!\d)156(?!\d)/);
  });

  it('shows the number once a reviewer has confirmed it, with the step’s own narration', () => {
    const view = lessonView(lessonOf(lessonWithPhoneJson('confirmed', '2026-12-04')), undefined, d('2026-12-10'), NARRATION);
    expect(view.steps[4]).toEqual({ text: PHONE_STEP_TEXT, imageUrl: 'lessons/bai-thu/s5.svg', imageAlt: { vi: 'alt 5 (vi)', en: 'alt 5 (en)' }, narration: NARRATION.get('s5'), safeAdvice: null });
  });

  it('reads the safe advice with its own narration, never the step’s (which says the number)', () => {
    const view = lessonView(lessonOf(lessonWithPhoneJson('to_verify')), undefined, d('2026-12-10'), NARRATION);
    expect(view.steps[4]).toMatchObject({ ...SAFE_STEP, narration: NARRATION.get('safe-advice') });
  });

  it('falls back to the safe advice when the confirmation is more than 12 months old on the station’s day', () => {
    const lesson = lessonOf(lessonWithPhoneJson('confirmed', '2026-12-04'));
    expect(lessonView(lesson, undefined, d('2027-12-04')).steps[4]?.safeAdvice).toBeNull();
    expect(lessonView(lesson, undefined, d('2027-12-05')).steps[4]).toMatchObject(SAFE_STEP);
  });

  it('keeps the picture address, which the player replaces by its own drawing', () => {
    expect(lessonView(real('cuoc-goi-gia-danh-cong-an'), undefined, TODAY).steps[6]?.imageUrl).toBe('lessons/cuoc-goi-gia-danh-cong-an/s7.svg');
  });
});
