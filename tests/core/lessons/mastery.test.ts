import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseLesson, type Lesson } from '../../../electron/core/lessons/lesson-schema';
import { certificateCode, isMastered, practiceStepIds, scoreQuiz, suggestNext, type CertificateParts, type LessonProgress } from '../../../electron/core/lessons/mastery';

const bi = (label: string) => ({ vi: label, en: label });

/** A valid lesson whose quiz has the given right answers (3 choices each) and pass mark. */
function lesson(id: string, next: string[] = [], answers: number[] = [0, 2, 1, 1], passMark = 3): Lesson {
  const result = parseLesson({
    id,
    version: 1,
    title: bi(id),
    summary: bi(id),
    competencies: ['4.2'],
    qd757: { codes: ['4.2'], status: 'to_verify', note: 'n' },
    targetGroups: ['adult'],
    minutes: 6,
    steps: [1, 2, 3, 4, 5].map((n) => ({ id: `s${n}`, text: bi('t'), image: `s${n}.svg`, imageAlt: bi('a') })),
    quiz: {
      passMark,
      questions: answers.map((answer, i) => ({ id: `q${i + 1}`, prompt: bi('p'), choices: [bi('a'), bi('b'), bi('c')], answer, explanation: bi('e') })),
    },
    sources: [{ title: 'S', url: 'https://example.vn/bai-viet' }],
    reviewNotes: [],
    next,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

describe('scoreQuiz', () => {
  const quiz = lesson('bai', [], [0, 2, 1, 1], 3);

  it('counts correct answers and marks each question', () => {
    expect(scoreQuiz(quiz, [0, 2, 1, 1])).toEqual({ ok: true, value: { score: 4, total: 4, passed: true, correct: [true, true, true, true] } });
    expect(scoreQuiz(quiz, [1, 0, 0, 0])).toEqual({ ok: true, value: { score: 0, total: 4, passed: false, correct: [false, false, false, false] } });
  });

  it('passes exactly at the pass mark', () => {
    expect(scoreQuiz(quiz, [0, 2, 1, 0])).toEqual({ ok: true, value: { score: 3, total: 4, passed: true, correct: [true, true, true, false] } });
    expect(scoreQuiz(quiz, [0, 2, 0, 0])).toMatchObject({ ok: true, value: { score: 2, passed: false } });
  });

  it('refuses a wrong number of answers', () => {
    expect(scoreQuiz(quiz, [0, 2, 1])).toEqual({ ok: false, code: 'answer_count', message: 'expected 4 answers, got 3' });
    expect(scoreQuiz(quiz, [0, 2, 1, 1, 0])).toMatchObject({ ok: false, code: 'answer_count' });
  });

  it.each([[3], [-1], [1.5], [Number.NaN]])('refuses the answer %s, which is not a choice index', (bad) => {
    expect(scoreQuiz(quiz, [0, 2, bad, 1])).toMatchObject({ ok: false, code: 'bad_answer', message: expect.stringContaining('question q3') as string });
  });
});

describe('suggestNext', () => {
  const a = lesson('a', ['c']);
  const b = lesson('b');
  const c = lesson('c', ['a', 'b']);
  const d = lesson('d');
  const all = [a, b, c, d];
  const progress = (entries: [string, LessonProgress][]) => new Map(entries);

  it('suggests the first lesson for a new learner', () => {
    expect(suggestNext(all, progress([]), null)).toBe('a');
  });

  it("prefers the finished lesson's next lesson over list order", () => {
    expect(suggestNext(all, progress([['a', 'passed']]), 'a')).toBe('c');
  });

  it('skips next lessons already passed, in next order', () => {
    expect(suggestNext(all, progress([['c', 'passed'], ['a', 'passed']]), 'c')).toBe('b');
    expect(suggestNext(all, progress([['c', 'passed']]), 'c')).toBe('a');
  });

  it('falls back to the first lesson not passed in list order', () => {
    expect(suggestNext(all, progress([['a', 'passed'], ['c', 'passed'], ['b', 'started']]), 'a')).toBe('b');
    expect(suggestNext(all, progress([['a', 'passed'], ['b', 'failed']]), null)).toBe('b');
  });

  it('moves on from a failed lesson rather than suggesting it again, unless it is the last one left', () => {
    expect(suggestNext([b, d], progress([['b', 'failed']]), 'b')).toBe('d');
    expect(suggestNext([b, d], progress([['b', 'failed'], ['d', 'passed']]), 'b')).toBe('b');
  });

  it('returns null when everything is passed', () => {
    expect(suggestNext(all, progress(all.map((l) => [l.id, 'passed'])), 'd')).toBeNull();
    expect(suggestNext([], progress([]), null)).toBeNull();
  });

  it('ignores ids that are not in the lesson list (a removed pack)', () => {
    const withGhost = lesson('e', ['gone', 'd']);
    expect(suggestNext([withGhost, d], progress([['e', 'passed'], ['gone', 'failed']]), 'e')).toBe('d');
    expect(suggestNext(all, progress([]), 'gone')).toBe('a');
  });

  it('does not change the progress map', () => {
    const map = progress([['a', 'passed']]);
    suggestNext(all, map, 'a');
    expect([...map]).toEqual([['a', 'passed']]);
  });
});

describe('certificateCode', () => {
  const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
  const parts: CertificateParts = { stationId: 'st-01', learnerKey: 'k'.repeat(43), lessonIds: ['mat-khau-otp', 'zalo-an-toan'], headHash: 'ab'.repeat(32) };
  const code = (p: CertificateParts) => {
    const result = certificateCode(sha256Hex, p);
    if (!result.ok) throw new Error(result.message);
    return result.value;
  };

  it('is ten base32 characters in two groups of five, and deterministic', () => {
    expect(code(parts)).toMatch(/^[A-Z2-7]{5}-[A-Z2-7]{5}$/);
    expect(code(parts)).toBe(code({ ...parts, lessonIds: [...parts.lessonIds] }));
  });

  it('encodes the top 50 bits of the hash', () => {
    // 0x00000000000 0 → all 'A'; 0xfffffffffffff → all '7'.
    expect(certificateCode(() => '0'.repeat(64), parts)).toEqual({ ok: true, value: 'AAAAA-AAAAA' });
    expect(certificateCode(() => 'f'.repeat(64), parts)).toEqual({ ok: true, value: '77777-77777' });
    // 0x08421 0842 1084 → 00001 00001 … : every 5-bit group is 1 → 'B'.
    expect(certificateCode(() => `0842108421084${'0'.repeat(51)}`, parts)).toEqual({ ok: true, value: 'BBBBB-BBBBB' });
  });

  it('changes when any part changes', () => {
    const base = code(parts);
    const variants: CertificateParts[] = [
      { ...parts, stationId: 'st-02' },
      { ...parts, learnerKey: `${'k'.repeat(42)}j` },
      { ...parts, lessonIds: ['mat-khau-otp'] },
      { ...parts, lessonIds: [...parts.lessonIds, 'lua-dao-dau-tu'] },
      { ...parts, headHash: `${'ab'.repeat(31)}ac` },
    ];
    const codes = variants.map(code);
    for (const other of codes) expect(other).not.toBe(base);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('treats lesson ids as a set: order and repeats do not matter', () => {
    expect(code({ ...parts, lessonIds: ['zalo-an-toan', 'mat-khau-otp', 'zalo-an-toan'] })).toBe(code(parts));
  });

  it('cannot be confused by shifting text between parts', () => {
    expect(code({ ...parts, stationId: 'st-0', learnerKey: `1${'k'.repeat(43)}` })).not.toBe(code(parts));
    expect(code({ ...parts, lessonIds: ['a,b'] })).not.toBe(code({ ...parts, lessonIds: ['a', 'b'] }));
  });

  it.each<[string, Partial<CertificateParts>]>([
    ['an empty station id', { stationId: '' }],
    ['an empty learner key', { learnerKey: '' }],
    ['no lessons', { lessonIds: [] }],
    ['an empty lesson id', { lessonIds: ['mat-khau-otp', ''] }],
    ['a short head hash', { headHash: 'ab' }],
    ['an uppercase head hash', { headHash: 'AB'.repeat(32) }],
  ])('refuses %s', (_name, change) => {
    expect(certificateCode(sha256Hex, { ...parts, ...change })).toMatchObject({ ok: false, code: 'bad_certificate_parts' });
  });

  it('refuses a hash function that does not return hex SHA-256', () => {
    expect(certificateCode(() => 'not-a-hash', parts)).toMatchObject({ ok: false, code: 'bad_hash' });
  });
});

describe('mastery with practice steps', () => {
  it('passes a lesson when the quiz is passed AND every practice step was done right at least once', () => {
    expect(isMastered(true, ['p1', 'p2'], new Set(['p1', 'p2']))).toBe(true);
    expect(isMastered(true, ['p1', 'p2'], new Set(['p2']))).toBe(false);
    expect(isMastered(false, ['p1'], new Set(['p1']))).toBe(false);
  });

  it('passes a lesson without practice steps on its quiz alone, as before', () => {
    expect(isMastered(true, [], new Set())).toBe(true);
    expect(isMastered(false, [], new Set())).toBe(false);
  });

  it('ignores practice done in steps the lesson no longer has', () => {
    expect(isMastered(true, ['p1'], new Set(['p2']))).toBe(false);
  });

  it('finds the practice steps of a lesson in order', () => {
    const base = lesson('bai');
    const withPractice = { ...base, steps: [...base.steps, { type: 'practice', id: 'p1' }, { type: 'practice', id: 'p2' }] } as unknown as Lesson;
    expect(practiceStepIds(withPractice)).toEqual(['p1', 'p2']);
    expect(practiceStepIds(base)).toEqual([]);
  });
});
