import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../../electron/core/lessons/lesson-schema';
import type { PracticeStep } from '../../../electron/core/lessons/practice-schema';
import { scorePractice } from '../../../electron/core/lessons/practice-scoring';
import { lessonWithPractice, PRACTICE_JSON } from '../../support/practice-json';

/** The practice step of each kind, parsed through the real schema. */
function practice(kind: string): PracticeStep {
  const result = parseLesson(lessonWithPractice(PRACTICE_JSON[kind]!()));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  const step = result.value.steps[5];
  if (step?.type !== 'practice') throw new Error('no practice step');
  return step;
}

describe('scorePractice: spot the tell-tale parts', () => {
  const step = practice('spot');

  it('is right when every target is tapped and nothing else, in any order', () => {
    expect(scorePractice(step, { kind: 'spot', tapped: ['otp', 'sender', 'link'] })).toEqual({ ok: true, value: { kind: 'spot', correct: true, found: ['sender', 'link', 'otp'], missed: [], wrong: [] } });
  });

  it('says what was found, what is still missed and which taps were on ordinary parts', () => {
    expect(scorePractice(step, { kind: 'spot', tapped: ['link', 'hello'] })).toEqual({ ok: true, value: { kind: 'spot', correct: false, found: ['link'], missed: ['sender', 'otp'], wrong: ['hello'] } });
    expect(scorePractice(step, { kind: 'spot', tapped: ['sender', 'link', 'otp', 'hello'] })).toMatchObject({ ok: true, value: { correct: false, wrong: ['hello'] } });
    expect(scorePractice(step, { kind: 'spot', tapped: [] })).toMatchObject({ ok: true, value: { correct: false, missed: ['sender', 'link', 'otp'] } });
  });

  it('refuses a part the message does not have instead of scoring it', () => {
    expect(scorePractice(step, { kind: 'spot', tapped: ['link', 'password-field'] })).toEqual({ ok: false, code: 'unknown_id', message: 'step p1 has no part "password-field"' });
  });
});

describe('scorePractice: check before paying', () => {
  const step = practice('pay-check');

  it('is right when each case is paid or cancelled as the sign says', () => {
    expect(scorePractice(step, { kind: 'pay-check', choices: ['pay', 'cancel', 'cancel'] })).toEqual({ ok: true, value: { kind: 'pay-check', correct: true, cases: [true, true, true] } });
  });

  it('marks each wrong case; always cancelling is not enough', () => {
    expect(scorePractice(step, { kind: 'pay-check', choices: ['cancel', 'cancel', 'cancel'] })).toEqual({ ok: true, value: { kind: 'pay-check', correct: false, cases: [false, true, true] } });
    expect(scorePractice(step, { kind: 'pay-check', choices: ['pay', 'pay', 'cancel'] })).toMatchObject({ ok: true, value: { correct: false, cases: [true, false, true] } });
  });

  it('refuses a choice count that does not match the cases', () => {
    expect(scorePractice(step, { kind: 'pay-check', choices: ['pay'] })).toMatchObject({ ok: false, code: 'answer_count' });
  });
});

describe('scorePractice: put in order', () => {
  const step = practice('order');

  it('is right only in the right order, and says which items are in their place', () => {
    expect(scorePractice(step, { kind: 'order', order: ['a', 'b', 'c', 'd'] })).toEqual({ ok: true, value: { kind: 'order', correct: true, inPlace: [true, true, true, true] } });
    expect(scorePractice(step, { kind: 'order', order: ['a', 'c', 'b', 'd'] })).toEqual({ ok: true, value: { kind: 'order', correct: false, inPlace: [true, false, false, true] } });
  });

  it('refuses an order that does not place each item exactly once', () => {
    for (const order of [['a', 'b', 'c'], ['a', 'b', 'c', 'c'], ['a', 'b', 'c', 'x'], ['a', 'b', 'c', 'd', 'a']]) {
      expect(scorePractice(step, { kind: 'order', order })).toMatchObject({ ok: false, code: 'unknown_id' });
    }
  });
});

describe('scorePractice: the public-service form', () => {
  const step = practice('form');
  const right = { name: 1, 'id-number': 1, born: 1, declare: true };

  it('passes when every check passes', () => {
    expect(scorePractice(step, { kind: 'form', values: right })).toEqual({ ok: true, value: { kind: 'form', correct: true, failed: [] } });
  });

  it('runs the portal checks: exact name, 12 digits, a real date, the tick; one message per field, the first check that fails', () => {
    const result = scorePractice(step, { kind: 'form', values: { name: 0, 'id-number': 0, born: 0, declare: false } });
    expect(result).toEqual({
      ok: true,
      value: {
        kind: 'form',
        correct: false,
        failed: [
          { field: 'name', message: { vi: 'name as on the paper (vi)', en: 'name as on the paper (en)' } },
          { field: 'id-number', message: { vi: '12 digits (vi)', en: '12 digits (en)' } },
          { field: 'born', message: { vi: 'a real date (vi)', en: 'a real date (en)' } },
          { field: 'declare', message: { vi: 'tick it (vi)', en: 'tick it (en)' } },
        ],
      },
    });
  });

  it('treats an empty field as failing its required check, and a field without checks as fine', () => {
    const result = scorePractice(step, { kind: 'form', values: { 'id-number': 1, born: 1, declare: true } });
    expect(result).toMatchObject({ ok: true, value: { correct: false, failed: [{ field: 'name', message: { en: 'choose a name (en)' } }] } });
  });

  it('refuses a field the form does not have, an option it does not offer, or a tick on a choice', () => {
    expect(scorePractice(step, { kind: 'form', values: { ...right, password: 0 } })).toMatchObject({ ok: false, code: 'unknown_id' });
    expect(scorePractice(step, { kind: 'form', values: { ...right, name: 5 } })).toMatchObject({ ok: false, code: 'bad_value' });
    expect(scorePractice(step, { kind: 'form', values: { ...right, name: true } })).toMatchObject({ ok: false, code: 'bad_value' });
    expect(scorePractice(step, { kind: 'form', values: { ...right, declare: 1 } })).toMatchObject({ ok: false, code: 'bad_value' });
  });
});

it('refuses an answer for another kind of practice', () => {
  expect(scorePractice(practice('order'), { kind: 'spot', tapped: ['a'] })).toEqual({ ok: false, code: 'kind_mismatch', message: 'step p1 is a practice of kind order, the answer is for spot' });
});
