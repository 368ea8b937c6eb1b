/**
 * What a content reviewer has to look at, and what the kiosk may present as certain, on a given day.
 * "Today" is always a parameter: the CLI passes the calendar day (or `--today`), the station passes
 * the day of its clock in Vietnam, tests pass a constant.
 *
 * A fact needs review when it is `to_verify`, when it was confirmed more than FACT_FRESH_MONTHS ago
 * (apps rename buttons, agencies merge, hotlines are reassigned), or when its `checked_on` is after
 * today (a typo such as 2062 would otherwise keep it "fresh" for decades).
 *
 * The kiosk withholds a phone number that needs review for the first two reasons: the step shows the
 * standard safe advice instead (safe-advice.ts). A number dated after today is still shown — that
 * happens when a station's clock is behind, and the number was confirmed.
 */
import { addMonths, compareIsoDates, type IsoDate } from './iso-date';
import type { Fact, FactKind } from './fact-schema';
import type { Lesson, LessonStep } from './lesson-schema';

export const FACT_FRESH_MONTHS = 12;

export type FactReview = 'ok' | 'to_verify' | 'stale' | 'dated_after_today';

/** One fact as the check and the hub's review page list it (snake_case: it is printed as JSON). */
export type FactRow = {
  readonly lesson: string;
  readonly lesson_version: number;
  readonly fact: string;
  readonly kind: FactKind;
  readonly text: string;
  readonly status: Fact['status'];
  readonly checked_on: string | null;
  readonly source: string | null;
  readonly note: string | null;
  /** Step and question ids that state the fact ("s7", "q2"). */
  readonly used_in: readonly string[];
  readonly review: FactReview;
  /** True when the kiosk shows the safe advice instead of the steps that give this number. */
  readonly withheld_at_kiosk: boolean;
};

/** Why `fact` needs a reviewer on `today`, or 'ok'. */
export function reviewFact(fact: Fact, today: IsoDate): FactReview {
  if (fact.status === 'to_verify') return 'to_verify';
  if (compareIsoDates(fact.checked_on, today) > 0) return 'dated_after_today';
  return compareIsoDates(addMonths(fact.checked_on, FACT_FRESH_MONTHS), today) < 0 ? 'stale' : 'ok';
}

function isWithheld(fact: Fact, today: IsoDate): boolean {
  if (fact.kind !== 'phone') return false;
  const review = reviewFact(fact, today);
  return review === 'to_verify' || review === 'stale';
}

/** The phone facts `step` gives that the kiosk must not present as certain on `today` (empty: show the step as written). */
export function withheldPhoneFacts(lesson: Lesson, step: LessonStep, today: IsoDate): Fact[] {
  const refs = new Set(step.facts ?? []);
  return (lesson.facts ?? []).filter((fact) => refs.has(fact.id) && isWithheld(fact, today));
}

/** Every fact of the lessons, in lesson order and then in the order each lesson declares them. */
export function factRows(lessons: readonly Lesson[], today: IsoDate): FactRow[] {
  return lessons.flatMap((lesson) => {
    const items = [...lesson.steps, ...lesson.quiz.questions];
    return (lesson.facts ?? []).map((fact) => ({
      lesson: lesson.id,
      lesson_version: lesson.version,
      fact: fact.id,
      kind: fact.kind,
      text: fact.text,
      status: fact.status,
      checked_on: fact.status === 'confirmed' ? fact.checked_on : null,
      source: fact.source ?? null,
      note: fact.note ?? null,
      used_in: items.filter((item) => item.facts?.includes(fact.id)).map((item) => item.id),
      review: reviewFact(fact, today),
      withheld_at_kiosk: isWithheld(fact, today),
    }));
  });
}
