/**
 * Plays one audio file (pack audio, or the bundled voice's WAV) through the page's <audio> element
 * and follows it with the sentence highlight. Resolves once the audio really plays, is blocked by
 * the autoplay policy, or fails (missing, damaged or undecodable file: the next voice takes over).
 */
import type { SpeakHandlers, SpeakOutcome } from './voices';
import { sentenceAt } from './voices';

export function playAudio(element: HTMLAudioElement, url: string, startsMs: readonly number[], rate: number, handlers: SpeakHandlers, cancel: AbortSignal): Promise<SpeakOutcome> {
  return new Promise((resolve) => {
    if (cancel.aborted) return resolve({ kind: 'cancelled' });
    let settled = false;
    const controller = new AbortController();
    const { signal } = controller;
    const stop = () => {
      // Only this reading's own listeners go; the element may already play the next item.
      if (!controller.signal.aborted) element.pause();
      controller.abort();
    };
    cancel.addEventListener('abort', () => {
      controller.abort();
      settle({ kind: 'cancelled' });
    }, { once: true });
    const settle = (outcome: SpeakOutcome) => {
      if (settled) return;
      settled = true;
      if (outcome.kind !== 'speaking') controller.abort();
      resolve(outcome);
    };
    element.addEventListener('playing', () => settle({ kind: 'speaking', speaking: { stop, setRate: (next) => void (element.playbackRate = next) } }), { signal });
    element.addEventListener('timeupdate', () => handlers.onSentence(sentenceAt(startsMs, element.currentTime * 1000)), { signal });
    element.addEventListener('ended', () => {
      controller.abort();
      handlers.onEnd();
    }, { signal });
    element.addEventListener('error', () => settle({ kind: 'failed', reason: element.error?.message || `media error ${element.error?.code ?? ''}` }), { signal });
    element.src = url;
    element.defaultPlaybackRate = rate;
    element.playbackRate = rate;
    handlers.onSentence(0);
    element.play().catch((error: unknown) => {
      if (error instanceof DOMException && error.name === 'NotAllowedError') settle({ kind: 'blocked' });
      else if (!(error instanceof DOMException && error.name === 'AbortError')) settle({ kind: 'failed', reason: String(error) });
    });
  });
}
