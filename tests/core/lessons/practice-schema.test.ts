import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../../electron/core/lessons/lesson-schema';
import { expectedPayAnswer, longNumbers, normaliseName, type PayCheckPractice } from '../../../electron/core/lessons/practice-schema';
import { bi } from '../../support/lesson-json';
import { formJson, lessonWithPractice, orderJson, payCheckJson, PRACTICE_JSON, setAt, spotJson, type Json } from '../../support/practice-json';

function issuesOf(practice: Json): { path: string; message: string }[] {
  const result = parseLesson(lessonWithPractice(practice));
  expect(result.ok).toBe(false);
  return result.ok ? [] : [...result.issues];
}

describe('practice steps in the lesson schema', () => {
  it.each(Object.keys(PRACTICE_JSON))('accepts a valid %s practice after the info steps', (kind) => {
    const result = parseLesson(lessonWithPractice(PRACTICE_JSON[kind]!()));
    expect(result.ok ? [] : result.issues).toEqual([]);
    expect(result.ok && result.value.steps[5]).toMatchObject({ type: 'practice', kind });
  });

  it('refuses an unknown kind, naming the path and the kinds there are', () => {
    expect(issuesOf({ ...spotJson(), kind: 'quiz-game' })).toEqual([{ path: 'steps.5.kind', message: 'unknown practice kind: use one of spot, pay-check, order, form' }]);
  });

  type Case = [name: string, practice: () => Json, path: string, message: RegExp];
  const impossible: Case[] = [
    ['a spot target that is no part', () => setAt(spotJson(), ['targets', 1], 'qr'), 'steps.5.targets.1', /no part with id "qr"/],
    ['a spot target listed twice', () => setAt(spotJson(), ['targets'], ['link', 'link']), 'steps.5.targets.1', /listed twice/],
    ['every part a target', () => setAt(spotJson(), ['targets'], ['sender', 'hello', 'link', 'otp']), 'steps.5.targets', /every part is a target/],
    ['two parts with one id', () => setAt(spotJson(), ['body', 2, 'id'], 'hello'), 'steps.5.body.2.id', /used twice/],
    ['no target at all', () => setAt(spotJson(), ['targets'], []), 'steps.5.targets', /at least one part/],
    ['"pay" although the name differs', () => setAt(payCheckJson(), ['cases', 1, 'answer'], 'pay'), 'steps.5.cases.1.answer', /impossible: the screen differs from the sign, so the answer is "cancel"/],
    ['"pay" although the amount differs', () => setAt(payCheckJson(), ['cases', 2, 'answer'], 'pay'), 'steps.5.cases.2.answer', /answer is "cancel"/],
    ['"cancel" although everything matches', () => setAt(payCheckJson(), ['cases', 0, 'answer'], 'cancel'), 'steps.5.cases.0.answer', /the screen matches the sign, so the answer is "pay"/],
    ['an answer that is neither pay nor cancel', () => setAt(payCheckJson(), ['cases', 0, 'answer'], 'maybe'), 'steps.5.cases.0.answer', /.+/],
    ['an order missing an item', () => setAt(orderJson(), ['answer'], ['a', 'b', 'c']), 'steps.5.answer', /not a permutation of the items: missing "d"/],
    ['an order naming an unknown item', () => setAt(orderJson(), ['answer'], ['a', 'b', 'x', 'd', 'c']), 'steps.5.answer.2', /no item with id "x"/],
    ['an order with an item twice', () => setAt(orderJson(), ['answer'], ['a', 'b', 'b', 'c', 'd']), 'steps.5.answer.2', /listed twice/],
    ['items already shown in order', () => setAt(orderJson(), ['answer'], ['c', 'a', 'd', 'b']), 'steps.5.answer', /already shown in the right order/],
    ['a check of a field that does not exist', () => setAt(formJson(), ['checks', 2, 'field'], 'phone'), 'steps.5.checks.2.field', /no field with id "phone"/],
    ['a tick rule on a choice field', () => setAt(formJson(), ['checks', 3, 'rule'], 'ticked'), 'steps.5.checks.3.rule', /does not apply to a choice field/],
    ['a digits rule on a tick box', () => setAt(formJson(), ['checks', 4], { field: 'declare', rule: 'digits', length: 2, message: bi('m') }), 'steps.5.checks.4.rule', /does not apply to a confirm field/],
    ['a digits check without a length', () => setAt(formJson(), ['checks', 2, 'length'], undefined), 'steps.5.checks.2.length', /needs a length/],
    ['a sample check of a row that does not exist', () => setAt(formJson(), ['checks', 1, 'row'], 'address'), 'steps.5.checks.1.row', /no sample row with id "address"/],
    ['a field no option can pass', () => setAt(formJson(), ['fields', 1, 'options'], ['000 160 012 34', '000 160 01']), 'steps.5.fields.1.options', /no option passes every check of field "id-number"/],
    ['a name no option spells exactly', () => setAt(formJson(), ['fields', 0, 'options'], ['NGUYEN VAN MAU', 'Nguyễn văn mẫu']), 'steps.5.fields.0.options', /cannot be completed/],
  ];

  it.each(impossible)('refuses %s, naming the path', (_name, practice, path, message) => {
    const issues = issuesOf(practice());
    expect(issues.map((issue) => issue.path)).toContain(path);
    expect(issues.find((issue) => issue.path === path)?.message).toMatch(message);
  });

  it('never asks for a password, an OTP or a passcode, not even a simulated one', () => {
    for (const label of ['Mật khẩu', 'Mã OTP', 'Passcode VNeID', 'Mã PIN thẻ']) {
      const issues = issuesOf(setAt(formJson(), ['fields', 0, 'label'], { vi: label, en: label }));
      expect(issues).toContainEqual({ path: 'steps.5.fields.0.label', message: expect.stringMatching(/never asks for a password/) as string });
    }
  });

  it('refuses a number that could be a real ID, phone or account number, and accepts fake ones and amounts', () => {
    const realLooking = setAt(formJson(), ['sample', 'rows', 0, 'value'], '022 160 012 345');
    expect(issuesOf(realLooking)).toContainEqual({ path: 'steps.5', message: expect.stringMatching(/"022 160 012 345" looks like a real ID/) as string });
    expect(issuesOf(setAt(spotJson(), ['body', 0, 'text'], bi('Gọi lại cho mình: 0912345678')))[0]?.message).toMatch(/looks like a real/);
    expect(longNumbers('Số 000 160 012 345, giá 1.000.000.000 đồng, 12.500.000.000 đ')).toEqual(['000 160 012 345']);
  });

  it('refuses a phone number in a practice, confirmed or not: a simulated screen cannot fall back to the safe advice', () => {
    const json = lessonWithPractice(setAt(spotJson(), ['body', 0, 'text'], bi('Gọi tổng đài 156 để nhận quà')));
    json.facts = [{ id: 'dau-so', kind: 'phone', text: '156', status: 'confirmed', checked_on: '2026-12-04', source: 'https://example.gov.vn/tong-dai' }];
    json.steps[5] = { ...json.steps[5], facts: ['dau-so'] };
    const result = parseLesson(json);
    expect(result.ok ? [] : result.issues).toContainEqual({ path: 'steps.5', message: 'a practice step may not give a phone number ("156"): numbers change, and a practice cannot fall back to safe advice' });
  });

  it('checks that a practice states the facts it lists, word for word', () => {
    const json = lessonWithPractice(setAt(orderJson(), ['facts'], ['passcode']));
    json.facts = [{ id: 'passcode', kind: 'rule', text: '6 chữ số', status: 'to_verify', note: 'n' }];
    expect(parseLesson(json).ok).toBe(false);
    json.steps[5] = setAt(orderJson(), ['items', 0, 'text'], bi('Đặt passcode gồm 6 chữ số'));
    json.steps[5] = { ...json.steps[5], facts: ['passcode'] };
    expect(parseLesson(json).ok).toBe(true);
  });

  it('numbers practice steps p1, p2 apart from info steps, and keeps 5 to 8 info steps', () => {
    expect(issuesOf({ ...spotJson(), id: 'p2' })).toContainEqual({ path: 'steps.5.id', message: 'expected id "p1", got "p2"' });
    expect(issuesOf({ ...spotJson(), id: 's6' })).toContainEqual({ path: 'steps.5.id', message: 'expected id "p1", got "s6"' });
    const second = lessonWithPractice(spotJson());
    second.steps.push({ ...orderJson(), id: 'p2' }, { ...formJson(), id: 'p3' });
    const tooMany = parseLesson(second);
    expect(tooMany.ok ? [] : tooMany.issues).toContainEqual({ path: 'steps', message: 'a lesson has at most 2 practice steps, not 3' });
    const tooFewInfo = lessonWithPractice(spotJson());
    tooFewInfo.steps.splice(4, 1);
    expect(parseLesson(tooFewInfo).ok).toBe(false);
  });

  it('refuses a lesson that starts with a practice step', () => {
    const json = lessonWithPractice(spotJson());
    const practice = json.steps.pop()!;
    json.steps.unshift(practice);
    const result = parseLesson(json);
    expect(result.ok ? [] : result.issues).toContainEqual({ path: 'steps.0', message: 'a lesson starts with an info step: practise what was just shown' });
  });
});

describe('pay-check comparison', () => {
  it('compares names the way banking apps write them: upper case, no accents, single spaces', () => {
    expect(normaliseName('  Nguyễn  Thị Bà ')).toBe('NGUYEN THI BA');
    expect(normaliseName('Đặng Văn Đức')).toBe('DANG VAN DUC');
  });

  it('expects "pay" only when name, bank and amount all match', () => {
    const cases = (payCheckJson()['cases'] as PayCheckPractice['cases']).map(expectedPayAnswer);
    expect(cases).toEqual(['pay', 'cancel', 'cancel']);
  });
});
