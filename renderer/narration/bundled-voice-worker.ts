/**
 * Runs eSpeak NG off the page's thread, so an old PC's screen stays responsive while it speaks. The
 * engine (a trimmed, Vietnamese-only copy of @echogarden/espeak-ng-emscripten that bin/build.mjs
 * puts in voice/) is imported on the first request only. Same engine and settings as the rendered
 * pack audio (core/narration/espeak-voice.ts), so every voice of the bundle sounds alike.
 */
import { espeakEngine, type EspeakModule } from '../../electron/core/narration/espeak-voice';
import { renderSentences, type SpeechEngine } from '../../electron/core/narration/speech-engine';
import { encodeWav } from '../../electron/core/narration/wav';

let engine: Promise<SpeechEngine> | null = null;

function loadEngine(): Promise<SpeechEngine> {
  engine ??= (async () => {
    // The path is built at run time so the bundler leaves the 800 KB engine out of every chunk.
    const url = new URL(['..', 'voice', 'espeak-ng.js'].join('/'), import.meta.url).href;
    const { default: factory } = (await import(/* @vite-ignore */ url)) as { default: () => Promise<EspeakModule> };
    return espeakEngine(await factory());
  })();
  return engine;
}

self.onmessage = async (event: MessageEvent<{ id: number; sentences: string[] }>) => {
  const { id, sentences } = event.data;
  try {
    const speech = await renderSentences(await loadEngine(), sentences);
    const wav = encodeWav(speech.samples, speech.sampleRate);
    self.postMessage({ id, wav: wav.buffer, startsMs: speech.sentenceStartsMs }, { transfer: [wav.buffer] });
  } catch (error) {
    engine = null;
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
