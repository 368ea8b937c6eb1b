/**
 * Scoring of practice steps (practice-schema.ts). Pure: the station calls it with the learner's answer
 * and records only whether it was right, never the answer itself.
 *
 * An answer is ids and indices from the pack, never text. An id or index the step does not have is a
 * bug in the caller (or a forged message), not a wrong answer, so it is refused with a typed error
 * rather than scored: counting it as wrong would record a mistake the learner never made.
 *
 * What comes back is what the kind feedback needs: which parts were found and which taps were on
 * ordinary parts, which cases were right, which items are in their place, and the portal's message
 * for each field that failed its checks.
 */
import { expectedPayAnswer, passesCheck, type FormPractice, type OrderPractice, type PayCheckPractice, type PracticeKind, type PracticeStep, type SpotPractice } from './practice-schema';

type Bilingual = { readonly vi: string; readonly en: string };

export type PracticeAnswer =
  | { readonly kind: 'spot'; readonly tapped: readonly string[] }
  | { readonly kind: 'pay-check'; readonly choices: readonly ('pay' | 'cancel')[] }
  | { readonly kind: 'order'; readonly order: readonly string[] }
  | { readonly kind: 'form'; readonly values: Readonly<Record<string, number | boolean | null>> };

export type PracticeScore =
  | { readonly kind: 'spot'; readonly correct: boolean; readonly found: readonly string[]; readonly missed: readonly string[]; readonly wrong: readonly string[] }
  | { readonly kind: 'pay-check'; readonly correct: boolean; readonly cases: readonly boolean[] }
  | { readonly kind: 'order'; readonly correct: boolean; readonly inPlace: readonly boolean[] }
  | { readonly kind: 'form'; readonly correct: boolean; readonly failed: readonly { readonly field: string; readonly message: Bilingual }[] };

export type PracticeErrorCode = 'kind_mismatch' | 'unknown_id' | 'answer_count' | 'bad_value';
export type PracticeResult = { readonly ok: true; readonly value: PracticeScore } | { readonly ok: false; readonly code: PracticeErrorCode; readonly message: string };

function fail(code: PracticeErrorCode, message: string): PracticeResult {
  return { ok: false, code, message };
}

/** Scores one attempt at a practice step. */
export function scorePractice(step: PracticeStep, answer: PracticeAnswer): PracticeResult {
  if (answer.kind !== step.kind) return fail('kind_mismatch', `step ${step.id} is a practice of kind ${step.kind}, the answer is for ${answer.kind}`);
  switch (step.kind) {
    case 'spot':
      return scoreSpot(step, answer as Extract<PracticeAnswer, { kind: 'spot' }>);
    case 'pay-check':
      return scorePayCheck(step, answer as Extract<PracticeAnswer, { kind: 'pay-check' }>);
    case 'order':
      return scoreOrder(step, answer as Extract<PracticeAnswer, { kind: 'order' }>);
    case 'form':
      return scoreForm(step, answer as Extract<PracticeAnswer, { kind: 'form' }>);
  }
}

function scoreSpot(step: SpotPractice, answer: { readonly tapped: readonly string[] }): PracticeResult {
  const ids = [step.sender.id, ...step.body.map((part) => part.id)];
  const unknown = answer.tapped.find((id) => !ids.includes(id));
  if (unknown !== undefined) return fail('unknown_id', `step ${step.id} has no part "${unknown.slice(0, 32)}"`);
  const tapped = new Set(answer.tapped);
  const found = step.targets.filter((id) => tapped.has(id));
  const missed = step.targets.filter((id) => !tapped.has(id));
  const wrong = ids.filter((id) => tapped.has(id) && !step.targets.includes(id));
  return { ok: true, value: { kind: 'spot', correct: missed.length === 0 && wrong.length === 0, found, missed, wrong } };
}

function scorePayCheck(step: PayCheckPractice, answer: { readonly choices: readonly ('pay' | 'cancel')[] }): PracticeResult {
  if (answer.choices.length !== step.cases.length) return fail('answer_count', `step ${step.id} has ${step.cases.length} cases, the answer has ${answer.choices.length} choices`);
  const cases = step.cases.map((payCase, index) => answer.choices[index] === expectedPayAnswer(payCase));
  return { ok: true, value: { kind: 'pay-check', correct: cases.every(Boolean), cases } };
}

function scoreOrder(step: OrderPractice, answer: { readonly order: readonly string[] }): PracticeResult {
  const ids = step.items.map((item) => item.id);
  const isPermutation = answer.order.length === ids.length && new Set(answer.order).size === ids.length && answer.order.every((id) => ids.includes(id));
  if (!isPermutation) return fail('unknown_id', `the answer to step ${step.id} does not place each of its ${ids.length} items exactly once`);
  const inPlace = answer.order.map((id, index) => id === step.answer[index]);
  return { ok: true, value: { kind: 'order', correct: inPlace.every(Boolean), inPlace } };
}

function scoreForm(step: FormPractice, answer: { readonly values: Readonly<Record<string, number | boolean | null>> }): PracticeResult {
  for (const [id, value] of Object.entries(answer.values)) {
    const field = step.fields.find((candidate) => candidate.id === id);
    if (field === undefined) return fail('unknown_id', `step ${step.id} has no field "${id.slice(0, 32)}"`);
    const fits = field.type === 'confirm' ? typeof value === 'boolean' : value === null || (Number.isInteger(value) && (value as number) >= 0 && (value as number) < field.options.length);
    if (!fits) return fail('bad_value', `field "${id}" of step ${step.id} got a value that is not ${field.type === 'confirm' ? 'a tick' : 'one of its options'}`);
  }
  const failed: { field: string; message: Bilingual }[] = [];
  for (const field of step.fields) {
    const value = answer.values[field.id];
    const firstFailed = step.checks.find((check) => {
      if (check.field !== field.id) return false;
      if (field.type === 'confirm') return value !== true;
      const option = typeof value === 'number' ? (field.options[value] ?? null) : null;
      return !passesCheck(check, option, step.sample.rows);
    });
    if (firstFailed !== undefined) failed.push({ field: field.id, message: firstFailed.message });
  }
  return { ok: true, value: { kind: 'form', correct: failed.length === 0, failed } };
}

/** The kinds, for the event payload schema and the hub. */
export type { PracticeKind };
