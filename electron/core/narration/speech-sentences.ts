/**
 * Splits a text into the sentences the player highlights one at a time, and gives each the words a
 * speech engine says for it (normalize-speech.ts). Narration is rendered sentence by sentence, so
 * the start time of each highlighted sentence is known exactly, for every engine.
 *
 * A sentence ends at . ! ? or … (with any closing quote or bracket after it) followed by a space and
 * a capital letter, a digit or an opening quote; or at a line break; or at the end. So "22.000",
 * "dichvucong.gov.vn" and "v.v. và" do not split, and "… nhận quà.” Bác" does.
 */
import { normalizeSpeech } from './normalize-speech';

export type SpokenSentence = {
  /** Which displayed text the sentence is in: 0 for a step's text or a question's prompt, i + 1 for choice i. */
  readonly part: number;
  /** Code-unit offsets of the sentence in that displayed text (for the highlight). */
  readonly start: number;
  readonly end: number;
  /** What the engines say. */
  readonly speech: string;
};

const SENTENCE_END = /[.!?…]+["”’)\]]*(?=\s+["“‘(\p{Lu}\p{N}])|\n+/gu;

/** [start, end) ranges of the sentences of `text`, without surrounding spaces; empty ones dropped. */
export function sentenceRanges(text: string): Array<readonly [number, number]> {
  const ranges: Array<readonly [number, number]> = [];
  let start = 0;
  const push = (end: number) => {
    const slice = text.slice(start, end);
    const lead = slice.length - slice.trimStart().length;
    const trimmed = slice.trim();
    if (trimmed !== '') ranges.push([start + lead, start + lead + trimmed.length]);
  };
  for (const match of text.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    push(end);
    start = end;
  }
  push(text.length);
  return ranges;
}

/**
 * The sentences of one spoken item: each displayed part in order (a step's text; or a question's
 * prompt, then its choices), split and normalised. Sentences with nothing to say are dropped.
 */
export function spokenSentences(parts: readonly string[]): SpokenSentence[] {
  return parts.flatMap((text, part) =>
    sentenceRanges(text).flatMap(([start, end]) => {
      const speech = normalizeSpeech(text.slice(start, end));
      return speech === '' ? [] : [{ part, start, end, speech }];
    }),
  );
}

/**
 * The exact text a narration file is made from, one sentence a line. Its SHA-256 is recorded beside
 * the file: when a lesson's words or the normalisation change, the hash changes and the audio is stale.
 */
export function speechScript(sentences: readonly SpokenSentence[]): string {
  return sentences.map((sentence) => sentence.speech).join('\n');
}
