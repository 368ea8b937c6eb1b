/**
 * Loads eSpeak NG (the npm dev dependency `@echogarden/espeak-ng-emscripten`) in Node for
 * `tram lessons voice`. The kiosk loads the same build, trimmed to Vietnamese, in a Web Worker
 * (renderer/narration/bundled-voice-worker.ts), so the files and the live fallback sound the same.
 */
import { espeakEngine, type EspeakModule } from '../../core/narration/espeak-voice';
import type { SpeechEngine } from '../../core/narration/speech-engine';

export const ESPEAK_PACKAGE = '@echogarden/espeak-ng-emscripten';

/** The eSpeak engine, or an error that says what to install. */
export async function loadEspeakEngine(): Promise<SpeechEngine> {
  let factory: (options?: object) => Promise<EspeakModule>;
  try {
    ({ default: factory } = (await import(ESPEAK_PACKAGE)) as { default: (options?: object) => Promise<EspeakModule> });
  } catch (error) {
    throw new Error(`tram lessons voice needs the npm dev dependency "${ESPEAK_PACKAGE}" (run npm install): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return espeakEngine(await factory());
}
