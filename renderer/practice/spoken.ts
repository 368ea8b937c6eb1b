import type { SpokenSentence } from '../../electron/core/narration/speech-sentences';

/** A text on the simulated phone as part `part` of the step's narration (the sentence being read is highlighted). */
export interface Spoken {
  readonly sentences: readonly SpokenSentence[];
  readonly part: number;
  readonly active: number | null;
}
