/**
 * One spoken item in a screen: starts reading by itself when the item opens (unless the kiosk
 * config turns autoplay off), keeps the learner's speed choice for the rest of the visit, and stops
 * when the item goes away. Returns what the controls and the highlighted text need.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { NarrationView } from '../../electron/contract/dto';
import { spokenSentences, type SpokenSentence } from '../../electron/core/narration/speech-sentences';
import { bundledVoice } from './bundled-voice';
import { IDLE, Narrator, type NarrationState } from './narrator';
import { narrationSettings } from './narration-settings';
import { systemVoice } from './system-voice';

export type Narration = {
  readonly sentences: readonly SpokenSentence[];
  readonly state: NarrationState;
  readonly rate: number;
  readonly audioRef: React.RefObject<HTMLAudioElement | null>;
  readonly play: () => void;
  readonly setRate: (rate: number) => void;
};

/**
 * `parts` are the displayed Vietnamese texts (a step's text; or a prompt and its choices).
 * `autoplay: false` for texts read only on a tap (the attract, consent and result screens).
 */
export function useNarration(parts: readonly string[], narration: NarrationView, options: { readonly autoplay?: boolean } = {}): Narration {
  const autoplay = options.autoplay ?? true;
  const key = parts.join('\u0000');
  const sentences = useMemo(() => spokenSentences(parts), [key]);
  const audioRef = useRef<HTMLAudioElement | null>(null);
  const narrator = useRef<Narrator | null>(null);
  const [state, setState] = useState<NarrationState>(IDLE);
  const [rate, setRateState] = useState(narrationSettings.rate);

  useEffect(() => {
    const element = audioRef.current;
    if (element === null) return;
    const current = new Narrator(element, [systemVoice, bundledVoice(element)], setState);
    narrator.current = current;
    setState(IDLE);
    // Started after the step is painted: the learner sees the new words first, and the step's
    // render is not doubled by the narration's own state changes.
    const start = autoplay && narrationSettings.autoplay ? setTimeout(() => void current.play(sentences, narration, narrationSettings.rate), 0) : undefined;
    return () => {
      clearTimeout(start);
      current.stop();
    };
    // The item is identified by its text and its audio.
  }, [key, narration.audio?.url]);

  return {
    sentences,
    state,
    rate,
    audioRef,
    play: () => void narrator.current?.play(sentences, narration, narrationSettings.rate),
    setRate: (next) => {
      narrationSettings.rate = next;
      setRateState(next);
      narrator.current?.setRate(next);
    },
  };
}
