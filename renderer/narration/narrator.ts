/**
 * Reads one spoken item aloud with the first voice that works: pack audio → system Vietnamese
 * voice → bundled eSpeak NG. A broken pack file (reported by the station, or failing to decode
 * here) shows a note and the next voice reads on; when no voice can speak, a note says so. Every
 * call to play() supersedes the previous one, so a quick "Tiếp theo" never leaves two voices talking.
 */
import type { Bilingual, NarrationView } from '../../electron/contract/dto';
import type { SpokenSentence } from '../../electron/core/narration/speech-sentences';
import { narrationStrings } from '../i18n/narration-strings';
import { playAudio } from './audio-voice';
import type { Speaking, Voice, VoiceKind } from './voices';

export type NarrationState = {
  readonly status: 'idle' | 'loading' | 'playing' | 'ended';
  /** Index of the sentence being read, or null when none is. */
  readonly sentence: number | null;
  readonly voice: VoiceKind | null;
  readonly note: Bilingual | null;
};

export const IDLE: NarrationState = { status: 'idle', sentence: null, voice: null, note: null };

export class Narrator {
  /** One voice at a time on the page: a narration that starts stops the one before. */
  static #active: Narrator | null = null;
  #run = 0;
  /** Aborted when the reading under way is superseded or stopped. */
  #current = new AbortController();
  #speaking: Speaking | null = null;
  #rate = 1;
  #state: NarrationState = IDLE;

  constructor(
    private readonly element: HTMLAudioElement,
    private readonly fallbacks: readonly Voice[],
    private readonly onChange: (state: NarrationState) => void,
  ) {}

  get state(): NarrationState {
    return this.#state;
  }

  #set(next: Partial<NarrationState>): void {
    this.#state = { ...this.#state, ...next };
    this.onChange(this.#state);
  }

  /** Starts reading from the first sentence. */
  async play(sentences: readonly SpokenSentence[], narration: NarrationView, rate: number): Promise<void> {
    if (Narrator.#active !== this) Narrator.#active?.stop();
    Narrator.#active = this;
    this.stop();
    const run = ++this.#run;
    const { signal } = this.#current;
    this.#rate = rate;
    const current = () => run === this.#run;
    const handlers = {
      onSentence: (index: number) => current() && this.#state.sentence !== index && this.#set({ sentence: index }),
      onEnd: () => current() && this.#set({ status: 'ended', sentence: null }),
    };
    let note = narration.skipped;
    this.#set({ status: 'loading', sentence: null, voice: null, note });
    const tries: Array<{ kind: VoiceKind; start: () => ReturnType<Voice['speak']> }> = [];
    const audio = narration.audio;
    if (audio !== null) tries.push({ kind: 'pack', start: () => playAudio(this.element, audio.url, audio.sentenceStartsMs, rate, handlers, signal) });
    for (const voice of this.fallbacks) tries.push({ kind: voice.kind, start: () => voice.speak(sentences, rate, handlers, signal) });
    for (const attempt of tries) {
      const outcome = await attempt.start();
      if (!current() || outcome.kind === 'cancelled') {
        if (outcome.kind === 'speaking') outcome.speaking.stop();
        return;
      }
      if (outcome.kind === 'speaking') {
        this.#speaking = outcome.speaking;
        this.#set({ status: 'playing', voice: attempt.kind, note });
        return;
      }
      if (outcome.kind === 'blocked') {
        // The autoplay policy wants a tap first: not a fault, "Nghe lại" starts it.
        this.#set({ status: 'idle', sentence: null });
        return;
      }
      if (attempt.kind === 'pack') note = narrationStrings.packFailed;
    }
    this.#set({ status: 'idle', sentence: null, voice: null, note: narrationStrings.noVoice });
  }

  /** Changes the speed, also of the reading under way. */
  setRate(rate: number): void {
    this.#rate = rate;
    this.#speaking?.setRate(rate);
  }

  get rate(): number {
    return this.#rate;
  }

  stop(): void {
    this.#run++;
    this.#current.abort();
    this.#current = new AbortController();
    this.#speaking?.stop();
    this.#speaking = null;
    this.element.pause();
    if (this.#state.status === 'playing' || this.#state.status === 'loading') this.#set({ status: 'idle', sentence: null });
  }
}
