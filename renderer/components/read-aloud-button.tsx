import { useEffect, useRef, useState } from 'react';
import { lessonStrings, strings, type Bilingual } from '../i18n/strings';
import { InlineBilingual } from './inline-bilingual';

function vietnameseVoice(): SpeechSynthesisVoice | null {
  if (typeof speechSynthesis === 'undefined') return null;
  return speechSynthesis.getVoices().find((voice) => voice.lang.toLowerCase().startsWith('vi')) ?? null;
}

/**
 * Reads a text aloud: the pack's recorded audio first, else the system's Vietnamese voice. When
 * neither exists it says so on screen instead of failing silently, so a volunteer knows to install a
 * voice or record the lesson.
 */
export function ReadAloudButton({ text, audioUrl = null, label = strings.listen }: { text: Bilingual; audioUrl?: string | null; label?: Bilingual }) {
  const [missingVoice, setMissingVoice] = useState(false);
  const audio = useRef<HTMLAudioElement | null>(null);
  useEffect(
    () => () => {
      audio.current?.pause();
      if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
    },
    [text.vi],
  );
  const speak = () => {
    if (audioUrl) {
      audio.current?.pause();
      audio.current = new Audio(audioUrl);
      void audio.current.play().catch(() => setMissingVoice(true));
      return;
    }
    const voice = vietnameseVoice();
    if (!voice) {
      setMissingVoice(true);
      return;
    }
    speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(text.vi);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = 0.85;
    speechSynthesis.speak(utterance);
  };
  return (
    <div className="read-aloud">
      <button type="button" className="button secondary" onClick={speak} data-testid="read-aloud">
        <svg aria-hidden="true" viewBox="0 0 24 24" width="28" height="28" className="icon">
          <path d="M3 9v6h4l5 4V5L7 9H3zm13.5 3a4.5 4.5 0 0 0-2.5-4v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z" fill="currentColor" />
        </svg>
        <InlineBilingual text={label} />
      </button>
      {missingVoice && (
        <p className="note" role="status" data-testid="no-voice">
          {(audioUrl ? lessonStrings.noAudio : strings.noVoice).vi} / {(audioUrl ? lessonStrings.noAudio : strings.noVoice).en}
        </p>
      )}
    </div>
  );
}
