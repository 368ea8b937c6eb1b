/**
 * The operating system's Vietnamese voice through speechSynthesis (Windows "An", macOS "Linh", …),
 * sentence by sentence so the highlight follows. Absent on a stock Linux kiosk and many Windows
 * installs, where getVoices() stays empty: the bundled voice takes over.
 */
import type { SpokenSentence } from '../../electron/core/narration/speech-sentences';
import type { SpeakHandlers, SpeakOutcome, Voice } from './voices';

/** Speech rate 1.0 is brisk for older listeners; the player's 0.8× multiplies this. */
const BASE_RATE = 0.9;
const VOICES_WAIT_MS = 400;

/** Set once the page has waited for the voice list: an empty list then stays empty (a stock Linux kiosk). */
let waited: Promise<void> | null = null;

async function vietnameseVoice(): Promise<SpeechSynthesisVoice | null> {
  if (typeof speechSynthesis === 'undefined') return null;
  const find = () => speechSynthesis.getVoices().find((voice) => voice.lang.toLowerCase().replace('_', '-').startsWith('vi')) ?? null;
  const now = find();
  if (now !== null || speechSynthesis.getVoices().length > 0) return now;
  // Chromium fills the list asynchronously on first use: wait for it once per page, not at every step.
  waited ??= new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, VOICES_WAIT_MS);
    speechSynthesis.addEventListener('voiceschanged', () => (clearTimeout(timer), resolve()), { once: true });
  });
  await waited;
  return find();
}

export const systemVoice: Voice = {
  kind: 'system',
  async speak(sentences: readonly SpokenSentence[], rate: number, handlers: SpeakHandlers, signal: AbortSignal): Promise<SpeakOutcome> {
    const voice = await vietnameseVoice();
    if (voice === null) return { kind: 'failed', reason: 'no Vietnamese system voice' };
    if (signal.aborted) return { kind: 'cancelled' };
    let stopped = false;
    let current = 0;
    let speed = rate;
    const say = (index: number) => {
      const sentence = sentences[index];
      if (stopped || sentence === undefined) {
        if (!stopped) handlers.onEnd();
        return;
      }
      current = index;
      const utterance = new SpeechSynthesisUtterance(sentence.speech);
      utterance.voice = voice;
      utterance.lang = voice.lang;
      utterance.rate = BASE_RATE * speed;
      utterance.onstart = () => handlers.onSentence(index);
      utterance.onend = () => say(index + 1);
      speechSynthesis.speak(utterance);
    };
    speechSynthesis.cancel();
    say(0);
    return {
      kind: 'speaking',
      speaking: {
        stop: () => {
          stopped = true;
          speechSynthesis.cancel();
        },
        setRate: (next) => {
          // An utterance's rate is fixed once spoken: say the current sentence again at the new speed.
          speed = next;
          speechSynthesis.cancel();
          say(current);
        },
      },
    };
  },
};
