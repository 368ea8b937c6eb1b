/**
 * The small interface every offline voice sits behind, so eSpeak NG can be replaced (by a better
 * Vietnamese voice, a different build, a native binary at build time) without touching the renderer
 * of narration files or the player: an engine turns the words of one sentence into 16-bit mono PCM.
 */
export interface SpeechEngine {
  /** Engine and build, recorded in the narration sidecar ("espeak-ng 1.52 wasm2js (…)"). */
  readonly engine: string;
  /** Voice and settings, recorded beside it ("vi, 145 wpm"). */
  readonly voice: string;
  readonly sampleRate: number;
  /** PCM of one normalised sentence (normalize-speech.ts); never throws for ordinary text. */
  synthesize(speech: string): Promise<Int16Array>;
}

export type RenderedSpeech = {
  readonly samples: Int16Array;
  readonly sampleRate: number;
  /** Start of each sentence in ms, exactly where it was placed. */
  readonly sentenceStartsMs: number[];
  readonly durationMs: number;
};

/** Silence between sentences: a clear pause for slow listeners, the same whatever the engine adds. */
export const SENTENCE_GAP_MS = 350;
/** Below this level (of 32767) a sample counts as silence when trimming an engine's own padding. */
const SILENCE_LEVEL = 64;

/** Without the leading and trailing silence the engine put around a sentence. */
function trimSilence(samples: Int16Array): Int16Array {
  let start = 0;
  let end = samples.length;
  while (start < end && Math.abs(samples[start] ?? 0) <= SILENCE_LEVEL) start++;
  while (end > start && Math.abs(samples[end - 1] ?? 0) <= SILENCE_LEVEL) end--;
  return samples.subarray(start, end);
}

/**
 * Speaks each sentence on its own and joins them with a fixed gap, so every sentence's start time is
 * known exactly (for the highlight) and the same for the build-time files and the runtime voice.
 */
export async function renderSentences(engine: SpeechEngine, sentences: readonly string[]): Promise<RenderedSpeech> {
  const rate = engine.sampleRate;
  const gap = Math.round((SENTENCE_GAP_MS * rate) / 1000);
  const pieces: Int16Array[] = [];
  const startsAt: number[] = [];
  let length = 0;
  for (const [index, sentence] of sentences.entries()) {
    const speech = trimSilence(await engine.synthesize(sentence));
    if (index > 0) length += gap;
    startsAt.push(length);
    pieces.push(speech);
    length += speech.length;
  }
  // A short tail, so the last word is not cut by a player that stops at the very end.
  length += Math.round(gap / 2);
  const samples = new Int16Array(length);
  pieces.forEach((piece, index) => samples.set(piece, startsAt[index] ?? 0));
  return {
    samples,
    sampleRate: rate,
    sentenceStartsMs: startsAt.map((start) => Math.round((start * 1000) / rate)),
    durationMs: Math.round((length * 1000) / rate),
  };
}
