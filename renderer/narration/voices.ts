/**
 * The voices the player can read with, in the order it tries them (lessons/README.md, "Narration"):
 * the pack's audio (the author's recording or the rendered narration), the system's Vietnamese
 * voice, then the bundled eSpeak NG voice, which needs nothing installed. Each is behind the same
 * small interface, so the order and the player logic live in one place (narrator.ts).
 */
import type { SpokenSentence } from '../../electron/core/narration/speech-sentences';

export type VoiceKind = 'pack' | 'system' | 'bundled';

export type SpeakHandlers = {
  /** The sentence now being read (index into the item's sentences). */
  readonly onSentence: (index: number) => void;
  readonly onEnd: () => void;
};

/** A voice that is speaking: its speed can change, and it can be stopped. */
export type Speaking = { readonly setRate: (rate: number) => void; readonly stop: () => void };

/** What starting a voice gave: speaking, blocked by the autoplay policy (wait for a tap), or failed (try the next voice). */
export type SpeakOutcome =
  | { readonly kind: 'speaking'; readonly speaking: Speaking }
  | { readonly kind: 'blocked' }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'cancelled' };

export type Voice = {
  readonly kind: VoiceKind;
  /** `signal` aborts when the reading is superseded: the voice must then leave the page's audio alone. */
  speak(sentences: readonly SpokenSentence[], rate: number, handlers: SpeakHandlers, signal: AbortSignal): Promise<SpeakOutcome>;
};

/** The index of the sentence playing at `ms`: the last one started. */
export function sentenceAt(startsMs: readonly number[], ms: number): number {
  let index = 0;
  startsMs.forEach((start, i) => {
    if (start <= ms) index = i;
  });
  return index;
}
