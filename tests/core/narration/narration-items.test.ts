import { describe, expect, it } from 'vitest';
import { parseLesson, type Lesson } from '../../../electron/core/lessons/lesson-schema';
import { SAFE_ADVICE } from '../../../electron/core/lessons/safe-advice';
import { maxNarrationMs, minNarrationMs, NARRATION_KEY, narrationItems, syllableCount } from '../../../electron/core/narration/narration-items';
import { lessonWithPhoneJson, validLessonJson } from '../../support/lesson-json';
import { formJson, lessonWithPractice, orderJson, payCheckJson, spotJson } from '../../support/practice-json';

function lesson(json: unknown): Lesson {
  const parsed = parseLesson(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

describe('narrationItems', () => {
  it('speaks every step, every question with its choices, and every explanation, in lesson order', () => {
    const json = validLessonJson();
    json.steps.forEach((step) => delete step.facts);
    delete json.facts;
    const items = narrationItems(lesson(json));
    expect(items.map((item) => item.key)).toEqual(['s1', 's2', 's3', 's4', 's5', 'q1', 'q2', 'q3', 'q1-explanation', 'q2-explanation', 'q3-explanation']);
    expect(items.find((item) => item.key === 'q2')?.parts).toEqual(['q2 (vi)', 'a (vi)', 'b (vi)', 'c (vi)']);
    expect(items.find((item) => item.key === 'q2')?.sentences.map((sentence) => sentence.part)).toEqual([0, 1, 2, 3]);
  });

  it('adds the standard safe advice when a step gives a phone number, since the kiosk may show it in the step’s place', () => {
    const items = narrationItems(lesson(lessonWithPhoneJson('confirmed')));
    expect(items.at(-1)).toMatchObject({ key: 'safe-advice', parts: [SAFE_ADVICE.text.vi] });
    expect(items.find((item) => item.key === 's5')?.script).toContain('một năm sáu');
  });
});

describe('narrationItems of a practice step', () => {
  const itemOf = (practice: Record<string, unknown>) => {
    const json = lessonWithPractice(practice);
    json.steps.forEach((step) => delete step.facts);
    delete json.facts;
    return narrationItems(lesson(json)).find((item) => item.key === 'p1');
  };

  it('speaks a practice step as item "p1" after the info steps, keeping the info steps’ keys', () => {
    const json = lessonWithPractice(formJson());
    json.steps.forEach((step) => delete step.facts);
    delete json.facts;
    expect(narrationItems(lesson(json)).map((item) => item.key).slice(0, 6)).toEqual(['s1', 's2', 's3', 's4', 's5', 'p1']);
    expect(NARRATION_KEY.test('p1')).toBe(true);
    expect(NARRATION_KEY.test('p')).toBe(false);
  });

  it('reads a spot step’s instruction, then the sender and each part of the message, as parts 0, 1, 2…', () => {
    expect(itemOf(spotJson())?.parts).toEqual(['tap the suspicious parts (vi)', 'part sender (vi)', 'part hello (vi)', 'part link (vi)', 'part otp (vi)']);
  });

  it('reads an order step’s instruction, then its items in the order shown', () => {
    const step = orderJson() as { instruction: { vi: string }; items: { text: { vi: string } }[] };
    expect(itemOf(step)?.parts).toEqual([step.instruction.vi, ...step.items.map((item) => item.text.vi)]);
  });

  it('reads only the instruction of a pay-check or a form (they are compared by eye)', () => {
    expect(itemOf(payCheckJson())?.parts).toEqual(['pay or cancel (vi)']);
    const form = formJson() as { instruction: { vi: string } };
    expect(itemOf(form)?.parts).toEqual([form.instruction.vi]);
  });
});

describe('how long audio may be for its text', () => {
  it('counts spoken syllables, after normalisation', () => {
    const [item] = narrationItems(lesson(validLessonJson()));
    expect(item && syllableCount(item)).toBe(3); // "step 1 (vi)" → "step một, vi"
  });

  it('allows 80 ms to 5 s + 1 s a syllable', () => {
    expect(minNarrationMs(10)).toBe(800);
    expect(maxNarrationMs(10)).toBe(15_000);
  });
});
