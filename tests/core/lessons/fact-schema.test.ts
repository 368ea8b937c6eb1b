import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../../electron/core/lessons/lesson-schema';
import { bi, lessonWithPhoneJson, validLessonJson, type LessonJson } from '../../support/lesson-json';

function issuesOf(json: unknown): { path: string; message: string }[] {
  const result = parseLesson(json);
  expect(result.ok).toBe(false);
  return result.ok ? [] : [...result.issues];
}

/** A lesson whose step s2 states the rule fact "luat" ("Thông tư 02/2025"). */
function withRuleFact(fact: Record<string, unknown>): LessonJson {
  const json = validLessonJson();
  json.steps[1] = { ...json.steps[1], text: { vi: 'Theo Thông tư 02/2025, AI là …', en: 'Under Circular 02/2025, AI is …' }, facts: ['luat'] };
  json.facts = [{ id: 'luat', kind: 'rule', text: 'Thông tư 02/2025', ...fact }];
  return json;
}

const CONFIRMED = { status: 'confirmed', checked_on: '2026-12-04', source: 'https://thuvienphapluat.vn/van-ban/thong-tu-02-2025' };

describe('lesson facts: each fact', () => {
  it('accepts a confirmed fact with its date and article, and a to-verify fact with its note', () => {
    expect(parseLesson(withRuleFact(CONFIRMED)).ok).toBe(true);
    expect(parseLesson(withRuleFact({ status: 'to_verify', note: 'find the official text' })).ok).toBe(true);
    expect(parseLesson(lessonWithPhoneJson('to_verify')).ok).toBe(true);
  });

  it('accepts a lesson that states no fact (the field is optional)', () => {
    const result = parseLesson(validLessonJson());
    expect(result.ok && result.value.facts).toBeUndefined();
  });

  it('refuses a fact without a status, with a message that names the two statuses', () => {
    const { status: _status, ...withoutStatus } = CONFIRMED;
    expect(issuesOf(withRuleFact(withoutStatus))).toEqual([
      { path: 'facts.0.status', message: 'a fact needs a status: "confirmed" (with checked_on and source) or "to_verify" (with a note of what to check)' },
    ]);
  });

  type Case = [name: string, fact: Record<string, unknown>, path: string];
  const cases: Case[] = [
    ['an unknown status', { status: 'probably' }, 'facts.0.status'],
    ['a confirmed fact without checked_on', { ...CONFIRMED, checked_on: undefined }, 'facts.0.checked_on'],
    ['a confirmed fact without a source', { ...CONFIRMED, source: undefined }, 'facts.0.source'],
    ['a date that does not exist', { ...CONFIRMED, checked_on: '2026-02-30' }, 'facts.0.checked_on'],
    ['a date written d/m/yyyy', { ...CONFIRMED, checked_on: '4/12/2026' }, 'facts.0.checked_on'],
    ['a date with a time', { ...CONFIRMED, checked_on: '2026-12-04T10:00:00Z' }, 'facts.0.checked_on'],
    ['a source that is a home page', { ...CONFIRMED, source: 'https://thuvienphapluat.vn/' }, 'facts.0.source'],
    ['an http source', { ...CONFIRMED, source: 'http://thuvienphapluat.vn/van-ban/tt-02' }, 'facts.0.source'],
    ['a to-verify fact without a note', { status: 'to_verify' }, 'facts.0.note'],
    ['a to-verify fact with a blank note', { status: 'to_verify', note: '  ' }, 'facts.0.note'],
    ['a checked_on on a to-verify fact (a typo of status)', { status: 'to_verify', note: 'x', checked_on: '2026-12-04' }, 'facts.0'],
    ['an unknown kind', { ...CONFIRMED, kind: 'rumour' }, 'facts.0.kind'],
    ['a fact id that is not kebab-case', { ...CONFIRMED, id: 'Luat_02' }, 'facts.0.id'],
    ['an empty text', { ...CONFIRMED, text: ' ' }, 'facts.0.text'],
  ];

  it.each(cases)('refuses %s at its path', (_name, fact, path) => {
    const issues = issuesOf(withRuleFact(fact));
    expect(issues.map((issue) => issue.path)).toContain(path);
  });

  it('refuses a phone fact whose text is not a number as written', () => {
    const json = lessonWithPhoneJson('to_verify');
    json.facts![0] = { ...json.facts![0], text: 'số 156' };
    expect(issuesOf(json).map((issue) => issue.path)).toContain('facts.0.text');
  });
});

describe('lesson facts: links between facts, steps and questions', () => {
  it('refuses a reference to a fact that is not declared', () => {
    const json = withRuleFact(CONFIRMED);
    json.steps[1] = { ...json.steps[1], facts: ['luat', 'khong-co'] };
    expect(issuesOf(json)).toEqual([{ path: 'steps.1.facts.1', message: 'no fact with id "khong-co" in "facts"' }]);
  });

  it('refuses a step that lists a fact whose text it does not contain (an edited step)', () => {
    const json = withRuleFact(CONFIRMED);
    json.steps[1] = { ...json.steps[1], text: { vi: 'Theo Thông tư 03/2025, AI là …', en: 'x' } };
    expect(issuesOf(json)).toEqual([{ path: 'steps.1.facts.0', message: 's2 does not contain the fact\'s text "Thông tư 02/2025" (Vietnamese, word for word)' }]);
  });

  it('finds a question fact in the prompt, a choice or the explanation', () => {
    const json = withRuleFact(CONFIRMED);
    json.quiz.questions[1] = { ...json.quiz.questions[1], choices: [bi('a'), { vi: 'Theo Thông tư 02/2025', en: 'x' }, bi('c')], facts: ['luat'] };
    expect(parseLesson(json).ok).toBe(true);
  });

  it('refuses a declared fact that no step or question states', () => {
    const json = withRuleFact(CONFIRMED);
    json.steps[1] = { ...json.steps[1], facts: undefined };
    delete json.steps[1]!['facts'];
    expect(issuesOf(json)).toEqual([{ path: 'facts.0', message: 'fact "luat" is not stated by any step or question' }]);
  });

  it('refuses two facts with one id, and one fact listed twice by a step', () => {
    const json = withRuleFact(CONFIRMED);
    json.facts!.push({ ...json.facts![0] });
    json.steps[1] = { ...json.steps[1], facts: ['luat', 'luat'] };
    expect(issuesOf(json).map((issue) => issue.path).sort()).toEqual(['facts.1.id', 'steps.1.facts.1']);
  });

  it('refuses an empty facts list on a step (leave it out instead)', () => {
    const json = validLessonJson();
    json.steps[0] = { ...json.steps[0], facts: [] };
    expect(issuesOf(json).map((issue) => issue.path)).toEqual(['steps.0.facts']);
  });

  it('refuses a step that gives a number looking dialable without declaring it as a phone fact', () => {
    const json = validLessonJson();
    json.steps[2] = { ...json.steps[2], text: { vi: 'Gặp chuyện, bác gọi 113 ngay.', en: 'Call 113 at once.' } };
    expect(issuesOf(json)).toEqual([{ path: 'steps.2', message: 's3 seems to give the phone number "113": declare it as a "phone" fact and list it in the item\'s "facts"' }]);
  });

  it('refuses a step that writes a declared phone number but does not list the fact (it would escape the safe advice)', () => {
    const json = lessonWithPhoneJson('to_verify');
    json.steps[0] = { ...json.steps[0], text: { vi: 'Số 156 sẽ học ở bước 5.', en: 'See 156 in step 5.' } };
    expect(issuesOf(json)).toEqual([{ path: 'steps.0.facts', message: 's1 gives the phone number "156" and must list the fact "tong-dai"' }]);
  });

  it('finds the declared number in the English text too', () => {
    const json = lessonWithPhoneJson('confirmed');
    json.steps[0] = { ...json.steps[0], text: { vi: 'Bước 5 có số để báo.', en: 'Step 5 gives 156 to report.' } };
    expect(issuesOf(json).map((issue) => issue.path)).toEqual(['steps.0.facts']);
  });

  it('refuses a quiz question that gives a phone number, confirmed or not', () => {
    for (const status of ['confirmed', 'to_verify'] as const) {
      const json = lessonWithPhoneJson(status);
      json.quiz.questions[0] = { ...json.quiz.questions[0], prompt: { vi: 'Báo lừa đảo ở số nào? 156?', en: 'Report to 156?' }, facts: ['tong-dai'] };
      expect(issuesOf(json).map((issue) => issue.message)).toEqual(['a quiz question may not give a phone number ("156"): numbers change, and a question cannot fall back to safe advice']);
    }
  });

  it('does not take 1560 for 156', () => {
    const json = lessonWithPhoneJson('to_verify');
    json.steps[0] = { ...json.steps[0], text: { vi: 'Năm 1560 chưa có điện thoại.', en: 'No phones in 1560.' } };
    expect(parseLesson(json).ok).toBe(true);
  });
});
