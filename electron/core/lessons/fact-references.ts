/**
 * Cross-checks between a lesson's facts and the steps and quiz questions that state them. Together
 * they make a fact impossible to lose track of:
 * - every reference names a declared fact, and every declared fact is stated somewhere;
 * - a fact's `text` stands word for word in each item that refers to it, so an edited step cannot keep
 *   pointing at a fact it no longer states;
 * - a number that looks dialable ("gọi 113") must be a declared `phone` fact, and a step that writes a
 *   declared phone number must refer to it: that reference is what makes the kiosk show the safe
 *   advice while the number is unconfirmed (fact-review.ts), so it cannot be left out;
 * - quiz questions and practice steps never state phone numbers. Neither can fall back to advice
 *   without changing the score, and whether a number is confirmed must be able to change without
 *   making the pack invalid.
 */
import type { z } from 'zod';
import type { Bilingual } from '../bilingual';
import type { Fact } from './fact-schema';
import { containsNumber, phoneDigits, phoneMentions } from './phone-mentions';
import { practiceStrings, type PracticeStep } from './practice-schema';

type Referrer = { readonly id: string; readonly facts?: readonly string[] | undefined };
type StepLike = (Referrer & { readonly type?: 'info' | undefined; readonly text: Bilingual }) | PracticeStep;
type QuestionLike = Referrer & { readonly prompt: Bilingual; readonly choices: readonly Bilingual[]; readonly explanation: Bilingual };

/**
 * `fixed` marks items that may not give a phone number: quiz questions, and practice steps, whose
 * simulated screens cannot fall back to the safe advice either.
 */
type Item = { readonly id: string; readonly path: (string | number)[]; readonly refs: readonly string[]; readonly vi: string; readonly en: string; readonly fixed: 'a quiz question' | 'a practice step' | null };

function stepItem(step: StepLike, index: number): Item {
  if (step.type === 'practice') {
    const texts = practiceStrings(step);
    return { id: step.id, path: ['steps', index], refs: step.facts ?? [], vi: texts.vi.join('\n'), en: texts.en.join('\n'), fixed: 'a practice step' as const };
  }
  return { id: step.id, path: ['steps', index], refs: step.facts ?? [], vi: step.text.vi, en: step.text.en, fixed: null };
}

function items(steps: readonly StepLike[], questions: readonly QuestionLike[]): Item[] {
  return [
    ...steps.map(stepItem),
    ...questions.map((question, index) => {
      const parts = [question.prompt, ...question.choices, question.explanation];
      return { id: question.id, path: ['quiz', 'questions', index], refs: question.facts ?? [], vi: parts.map((p) => p.vi).join('\n'), en: parts.map((p) => p.en).join('\n'), fixed: 'a quiz question' as const };
    }),
  ];
}

function states(item: Item, fact: Fact): boolean {
  return fact.kind === 'phone' ? containsNumber(item.vi, fact.text) : item.vi.includes(fact.text);
}

/** Adds an issue for every broken link between `facts` and the items; see the header for the rules. */
export function checkFactReferences(lesson: { readonly facts?: readonly Fact[] | undefined; readonly steps: readonly StepLike[]; readonly quiz: { readonly questions: readonly QuestionLike[] } }, ctx: z.RefinementCtx): void {
  const facts = lesson.facts ?? [];
  const byId = new Map<string, Fact>();
  facts.forEach((fact, index) => {
    if (byId.has(fact.id)) ctx.addIssue({ code: 'custom', path: ['facts', index, 'id'], message: `fact id "${fact.id}" is used twice` });
    else byId.set(fact.id, fact);
  });

  const referenced = new Set<string>();
  const phoneFacts = facts.filter((fact) => fact.kind === 'phone');
  for (const item of items(lesson.steps, lesson.quiz.questions)) {
    item.refs.forEach((id, index) => {
      const path = [...item.path, 'facts', index];
      const fact = byId.get(id);
      if (item.refs.indexOf(id) !== index) ctx.addIssue({ code: 'custom', path, message: `"${id}" is listed twice` });
      else if (fact === undefined) ctx.addIssue({ code: 'custom', path, message: `no fact with id "${id}" in "facts"` });
      else {
        referenced.add(id);
        if (!states(item, fact)) ctx.addIssue({ code: 'custom', path, message: `${item.id} does not contain the fact's text "${fact.text}" (Vietnamese, word for word)` });
      }
    });

    for (const fact of phoneFacts) {
      const written = containsNumber(item.vi, fact.text) || containsNumber(item.en, fact.text);
      if (!written) continue;
      if (item.fixed !== null) ctx.addIssue({ code: 'custom', path: item.path, message: `${item.fixed} may not give a phone number ("${fact.text}"): numbers change, and ${item.fixed === 'a quiz question' ? 'a question' : 'a practice'} cannot fall back to safe advice` });
      else if (!item.refs.includes(fact.id)) ctx.addIssue({ code: 'custom', path: [...item.path, 'facts'], message: `${item.id} gives the phone number "${fact.text}" and must list the fact "${fact.id}"` });
    }

    const declared = new Set(phoneFacts.map((fact) => phoneDigits(fact.text)));
    for (const digits of new Set(phoneMentions(item.vi))) {
      if (!declared.has(digits)) ctx.addIssue({ code: 'custom', path: item.path, message: `${item.id} seems to give the phone number "${digits}": declare it as a "phone" fact and list it in the item's "facts"` });
    }
  }

  facts.forEach((fact, index) => {
    if (byId.get(fact.id) === fact && !referenced.has(fact.id)) ctx.addIssue({ code: 'custom', path: ['facts', index], message: `fact "${fact.id}" is not stated by any step or question` });
  });
}
