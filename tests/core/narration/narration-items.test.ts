import { describe, expect, it } from 'vitest';
import { parseLesson, type Lesson } from '../../../electron/core/lessons/lesson-schema';
import { SAFE_ADVICE } from '../../../electron/core/lessons/safe-advice';
import { maxNarrationMs, minNarrationMs, narrationItems, syllableCount } from '../../../electron/core/narration/narration-items';
import { lessonWithPhoneJson, validLessonJson } from '../../support/lesson-json';

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
