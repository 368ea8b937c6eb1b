/**
 * The bundled offline voice: eSpeak NG in a Web Worker (bundled-voice-worker.ts), loaded only when a
 * step has no pack audio and the system has no Vietnamese voice — never in the main bundle. The
 * worker returns a WAV with the start of every sentence; it plays through the same <audio> element
 * as pack audio, so speed and highlight work the same way.
 */
import type { SpokenSentence } from '../../electron/core/narration/speech-sentences';
import { playAudio } from './audio-voice';
import type { SpeakHandlers, SpeakOutcome, Voice } from './voices';

type Rendered = { readonly url: string; readonly startsMs: readonly number[] };
type Reply = { readonly id: number; readonly wav?: ArrayBuffer; readonly startsMs?: number[]; readonly error?: string };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, (reply: Reply) => void>();
/** Recent renders by script, so "Nghe lại" does not synthesise again. */
const cache = new Map<string, Rendered>();
const CACHE_SIZE = 8;

function theWorker(): Worker {
  if (worker === null) {
    worker = new Worker(new URL('./bundled-voice-worker.ts', import.meta.url), { type: 'module', name: 'bundled-voice' });
    worker.onmessage = (event: MessageEvent<Reply>) => {
      pending.get(event.data.id)?.(event.data);
      pending.delete(event.data.id);
    };
    worker.onerror = (event) => {
      for (const settle of pending.values()) settle({ id: 0, error: event.message || 'the voice could not start' });
      pending.clear();
      worker = null;
    };
  }
  return worker;
}

async function render(sentences: readonly string[]): Promise<Rendered> {
  const key = sentences.join('\n');
  const cached = cache.get(key);
  if (cached) return cached;
  const id = nextId++;
  const reply = await new Promise<Reply>((resolve) => {
    pending.set(id, resolve);
    theWorker().postMessage({ id, sentences });
  });
  if (reply.error !== undefined || reply.wav === undefined || reply.startsMs === undefined) throw new Error(reply.error ?? 'no audio');
  const rendered = { url: URL.createObjectURL(new Blob([reply.wav], { type: 'audio/wav' })), startsMs: reply.startsMs };
  cache.set(key, rendered);
  for (const [old, value] of cache) {
    if (cache.size <= CACHE_SIZE) break;
    URL.revokeObjectURL(value.url);
    cache.delete(old);
  }
  return rendered;
}

/** The bundled voice, playing through `element`. */
export function bundledVoice(element: HTMLAudioElement): Voice {
  return {
    kind: 'bundled',
    async speak(sentences: readonly SpokenSentence[], rate: number, handlers: SpeakHandlers, signal: AbortSignal): Promise<SpeakOutcome> {
      try {
        const { url, startsMs } = await render(sentences.map((sentence) => sentence.speech));
        // Superseded while the worker spoke: the element belongs to the next item now.
        if (signal.aborted) return { kind: 'cancelled' };
        return await playAudio(element, url, startsMs, rate, handlers, signal);
      } catch (error) {
        return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
