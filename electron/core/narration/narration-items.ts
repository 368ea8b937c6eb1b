/**
 * What a lesson speaks: one item per step, per question (the prompt, then its choices), per
 * question's explanation, and the standard safe advice when a step gives a phone number (the kiosk
 * may show that advice in the step's place, fact-review.ts). Items are what `tram lessons voice`
 * renders and what the player speaks; their keys name files in the narration sidecar.
 *
 * A new kind of step (e.g. a practice step) adds its spoken text here, and nothing else changes:
 * the renderer, the check and the loader all work from these items.
 */
import type { Lesson } from '../lessons/lesson-schema';
import { SAFE_ADVICE } from '../lessons/safe-advice';
import { spokenSentences, speechScript, type SpokenSentence } from './speech-sentences';

export type NarrationItem = {
  /** "s1"…, "p1"…, "q1"…, "q1-explanation"…, "safe-advice". */
  readonly key: string;
  /** The displayed Vietnamese texts, in the order spoken (see SpokenSentence.part). */
  readonly parts: readonly string[];
  readonly sentences: readonly SpokenSentence[];
  /** What is spoken, one sentence a line; its SHA-256 identifies the audio made from it. */
  readonly script: string;
};

export const SAFE_ADVICE_KEY = 'safe-advice';
/** Keys are plain names: they become file names in the sidecar folder. */
export const NARRATION_KEY = /^(?:[sp]\d{1,2}|q\d{1,2}(?:-explanation)?|safe-advice)$/;

/** One spoken item from its displayed parts. */
export function narrationItem(key: string, parts: readonly string[]): NarrationItem {
  const sentences = spokenSentences(parts);
  return { key, parts, sentences, script: speechScript(sentences) };
}

type Shown = { readonly text: { readonly vi: string } };
/** What a practice step shows that is read aloud: the pack's step and the player's view both fit. */
export type SpokenPractice =
  | { readonly kind: 'spot'; readonly sender: Shown; readonly body: readonly Shown[] }
  | { readonly kind: 'order'; readonly items: readonly Shown[] }
  | { readonly kind: 'pay-check' | 'form' };

/**
 * What a practice step reads aloud: its instruction, then the words on the simulated phone a learner
 * who reads slowly needs to hear — the message of a `spot` step (sender, then each part) and the
 * items of an `order` step, in the order shown (sentence part i + 1 is the i-th of them). A pay-check
 * compares names and amounts by eye and a form is filled from the sample paper, so those read only
 * their instruction. The player calls this with its view, so it highlights the same sentences.
 */
export function practiceNarrationParts(instruction: string, shown: SpokenPractice): string[] {
  switch (shown.kind) {
    case 'spot':
      return [instruction, shown.sender.text.vi, ...shown.body.map((part) => part.text.vi)];
    case 'order':
      return [instruction, ...shown.items.map((item) => item.text.vi)];
    case 'pay-check':
    case 'form':
      return [instruction];
  }
}

/** Every item a lesson speaks, in lesson order. Items with nothing to say are left out. */
export function narrationItems(lesson: Lesson): NarrationItem[] {
  const items = [
    ...lesson.steps.map((step) => narrationItem(step.id, step.type === 'practice' ? practiceNarrationParts(step.instruction.vi, step) : [step.text.vi])),
    ...lesson.quiz.questions.map((question) => narrationItem(question.id, [question.prompt.vi, ...question.choices.map((choice) => choice.vi)])),
    ...lesson.quiz.questions.map((question) => narrationItem(`${question.id}-explanation`, [question.explanation.vi])),
  ];
  const phoneFacts = new Set((lesson.facts ?? []).filter((fact) => fact.kind === 'phone').map((fact) => fact.id));
  if (lesson.steps.some((step) => (step.facts ?? []).some((id) => phoneFacts.has(id)))) items.push(narrationItem(SAFE_ADVICE_KEY, [SAFE_ADVICE.text.vi]));
  return items.filter((item) => item.sentences.length > 0);
}

/** Syllables spoken (Vietnamese writes one syllable a word), for judging whether audio fits its text. */
export function syllableCount(item: Pick<NarrationItem, 'sentences'>): number {
  return item.sentences.reduce((sum, sentence) => sum + sentence.speech.split(/\s+/).filter((word) => /\p{L}/u.test(word)).length, 0);
}

/** The longest audio that can be a reading of `syllables` syllables: 5 s plus 1 s a syllable, slower than any narrator. */
export function maxNarrationMs(syllables: number): number {
  return 5000 + 1000 * syllables;
}

/** The shortest: 80 ms a syllable, faster than anyone speaks (a shorter file is cut off or the wrong file). */
export function minNarrationMs(syllables: number): number {
  return 80 * syllables;
}
