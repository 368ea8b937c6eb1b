/**
 * eSpeak NG as a SpeechEngine, over the Emscripten build published on npm as
 * `@echogarden/espeak-ng-emscripten` (GPL-3.0; eSpeak NG 1.52-dev compiled to plain JavaScript with
 * wasm2js). The module is loaded by the host — Node for `tram lessons voice`, a Web Worker in the
 * kiosk — and injected here, so this adapter stays pure and both hosts speak with the same settings.
 *
 * Why this build (lessons/README.md, "Narration"): it exposes a synthesis API (not a command line),
 * runs in Node and in a worker alike, needs no WebAssembly compilation (so the kiosk's CSP needs no
 * 'wasm-unsafe-eval'), and its voice data is a separate file that the build trims to Vietnamese.
 */
import type { SpeechEngine } from './speech-engine';

/** The part of the Emscripten module's API this adapter uses. */
export type EspeakModule = {
  readonly eSpeakNGWorker: new () => EspeakWorker;
};

type EspeakWorker = {
  readonly samplerate: number;
  set_voice(name: string): number;
  set_rate(wordsPerMinute: number): void;
  synthesize(text: string, callback: (samples: Int16Array | null, events: unknown[]) => boolean): void;
};

/** eSpeak's Northern Vietnamese voice ("aav/vi"); Central and Southern exist as "vi-VN-x-central"/"-south". */
export const ESPEAK_VOICE = 'vi';
/** Slower than eSpeak's default 175 for older listeners; the player's 0.8× slows it further. */
export const ESPEAK_WORDS_PER_MINUTE = 145;
export const ESPEAK_ENGINE = 'espeak-ng 1.52-dev wasm2js (@echogarden/espeak-ng-emscripten 0.3.5)';

/** A SpeechEngine over a loaded eSpeak NG module. */
export function espeakEngine(module: EspeakModule): SpeechEngine {
  const worker = new module.eSpeakNGWorker();
  worker.set_voice(ESPEAK_VOICE);
  worker.set_rate(ESPEAK_WORDS_PER_MINUTE);
  return {
    engine: ESPEAK_ENGINE,
    voice: `${ESPEAK_VOICE}, ${ESPEAK_WORDS_PER_MINUTE} wpm`,
    sampleRate: worker.samplerate,
    synthesize(speech) {
      const chunks: Int16Array[] = [];
      worker.synthesize(speech, (samples) => {
        if (samples !== null && samples.length > 0) chunks.push(samples);
        return false;
      });
      const out = new Int16Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
      let at = 0;
      for (const chunk of chunks) {
        out.set(chunk, at);
        at += chunk.length;
      }
      return Promise.resolve(out);
    },
  };
}
