import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACT_FRESH_MONTHS, factRows, reviewFact, withheldPhoneFacts } from '../../../electron/core/lessons/fact-review';
import { parseIsoDate, type IsoDate } from '../../../electron/core/lessons/iso-date';
import { parseLesson, type Lesson } from '../../../electron/core/lessons/lesson-schema';
import { lessonWithPhoneJson } from '../../support/lesson-json';

const d = (text: string): IsoDate => parseIsoDate(text) ?? (() => { throw new Error(text); })();
const TODAY = d('2026-12-04');

function lessonOf(json: unknown): Lesson {
  const result = parseLesson(json);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

function realLesson(id: string): Lesson {
  return lessonOf(JSON.parse(readFileSync(join(import.meta.dirname, '../../../lessons', id, 'lesson.json'), 'utf8')));
}

const step = (lesson: Lesson, id: string) => lesson.steps.find((s) => s.id === id)!;

describe('reviewFact', () => {
  const confirmedOn = (date: string) => lessonOf(lessonWithPhoneJson('confirmed', date)).facts![0]!;

  it('is to_verify for a to-verify fact, whatever the date', () => {
    expect(reviewFact(lessonOf(lessonWithPhoneJson('to_verify')).facts![0]!, TODAY)).toBe('to_verify');
  });

  it(`is ok up to ${FACT_FRESH_MONTHS} months after checked_on, stale the day after`, () => {
    expect(FACT_FRESH_MONTHS).toBe(12);
    const fact = confirmedOn('2025-12-04');
    expect(reviewFact(fact, d('2025-12-04'))).toBe('ok');
    expect(reviewFact(fact, d('2026-12-04'))).toBe('ok');
    expect(reviewFact(fact, d('2026-12-05'))).toBe('stale');
    expect(reviewFact(confirmedOn('2024-02-29'), d('2025-02-28'))).toBe('ok');
    expect(reviewFact(confirmedOn('2024-02-29'), d('2025-03-01'))).toBe('stale');
  });

  it('flags a checked_on after today (a typo, or a clock that is behind)', () => {
    expect(reviewFact(confirmedOn('2062-12-04'), TODAY)).toBe('dated_after_today');
  });
});

describe('withheldPhoneFacts (what the kiosk must not present as certain)', () => {
  it('withholds the 156 step of the fake-police lesson while the number is to verify', () => {
    const lesson = realLesson('cuoc-goi-gia-danh-cong-an');
    const s7 = step(lesson, 's7');
    expect(s7.type !== 'practice' && s7.text.vi).toContain('156');
    expect(withheldPhoneFacts(lesson, step(lesson, 's7'), TODAY).map((fact) => fact.id)).toEqual(['dau-so-156']);
    for (const other of lesson.steps.filter((s) => s.id !== 's7')) expect(withheldPhoneFacts(lesson, other, TODAY)).toEqual([]);
  });

  it('withholds the 5656 step of the fake-gift lesson while the number is to verify', () => {
    const lesson = realLesson('tin-nhan-nhan-qua-shipper-gia');
    expect(withheldPhoneFacts(lesson, step(lesson, 's7'), TODAY).map((fact) => fact.id)).toEqual(['dau-so-5656']);
  });

  it('shows the number once a reviewer confirms it, until the confirmation is 12 months old', () => {
    const lesson = lessonOf(lessonWithPhoneJson('confirmed', '2026-12-04'));
    expect(withheldPhoneFacts(lesson, step(lesson, 's5'), d('2027-12-04'))).toEqual([]);
    expect(withheldPhoneFacts(lesson, step(lesson, 's5'), d('2027-12-05')).map((fact) => fact.id)).toEqual(['tong-dai']);
  });

  it('shows a confirmed number dated after today (the station clock is behind, not the fact)', () => {
    const lesson = lessonOf(lessonWithPhoneJson('confirmed', '2026-12-04'));
    expect(withheldPhoneFacts(lesson, step(lesson, 's5'), d('2005-01-01'))).toEqual([]);
  });

  it('never withholds a step for a fact that is not a phone number', () => {
    const lesson = realLesson('so-suc-khoe-dien-tu');
    expect(lesson.facts!.some((fact) => fact.status === 'to_verify')).toBe(true);
    for (const s of lesson.steps) expect(withheldPhoneFacts(lesson, s, TODAY)).toEqual([]);
  });
});

describe('factRows', () => {
  it('lists every fact of the shipped lessons with its review, and the 156 and 5656 steps as to verify', () => {
    const lessons = ['cuoc-goi-gia-danh-cong-an', 'tin-nhan-nhan-qua-shipper-gia'].map(realLesson);
    const rows = factRows(lessons, TODAY);
    expect(rows).toHaveLength(lessons.reduce((sum, lesson) => sum + lesson.facts!.length, 0));
    expect(rows.filter((row) => row.withheld_at_kiosk)).toEqual([
      expect.objectContaining({ lesson: 'cuoc-goi-gia-danh-cong-an', lesson_version: 2, fact: 'dau-so-156', kind: 'phone', text: '156', status: 'to_verify', checked_on: null, used_in: ['s7'], review: 'to_verify' }),
      expect.objectContaining({ lesson: 'tin-nhan-nhan-qua-shipper-gia', fact: 'dau-so-5656', text: '5656', used_in: ['s7'], review: 'to_verify' }),
    ]);
  });

  it('names the steps and questions that state each fact, with the date and source of a confirmed one', () => {
    const rows = factRows([realLesson('vneid-kich-hoat-muc-2')], TODAY);
    expect(rows.find((row) => row.fact === 'passcode-6-so')).toEqual({
      lesson: 'vneid-kich-hoat-muc-2',
      lesson_version: 3,
      fact: 'passcode-6-so',
      kind: 'rule',
      text: '6 chữ số',
      status: 'confirmed',
      checked_on: '2026-12-04',
      source: 'https://dean06.hanam.gov.vn/tailieu/dk_t5.html',
      note: null,
      // p1 is the practice step that puts the activation steps in order.
      used_in: ['s7', 'p1', 'q2'],
      review: 'ok',
      withheld_at_kiosk: false,
    });
    expect(factRows([realLesson('vneid-kich-hoat-muc-2')], d('2027-12-05')).every((row) => row.review !== 'ok')).toBe(true);
  });
});
