import { strings, type Bilingual } from '../i18n/strings';
import { useNarration } from '../narration/use-narration';
import { InlineBilingual } from './inline-bilingual';

/**
 * Reads a screen's text aloud on a tap (attract, consent, notices, result), with the same voices as
 * the lessons (renderer/narration/): recorded audio when given, else the system's Vietnamese voice,
 * else the bundled one. When none can speak it says so on screen instead of failing silently.
 */
export function ReadAloudButton({ text, audioUrl = null, label = strings.listen }: { text: Bilingual; audioUrl?: string | null; label?: Bilingual }) {
  const narration = useNarration([text.vi], { audio: audioUrl === null ? null : { url: audioUrl, sentenceStartsMs: [0] }, skipped: null }, { autoplay: false });
  const note = narration.state.note;
  return (
    <div className="read-aloud">
      <audio ref={narration.audioRef} preload="none" />
      <button type="button" className="button secondary" onClick={narration.play} data-testid="read-aloud">
        <svg aria-hidden="true" viewBox="0 0 24 24" width="28" height="28" className="icon">
          <path d="M3 9v6h4l5 4V5L7 9H3zm13.5 3a4.5 4.5 0 0 0-2.5-4v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z" fill="currentColor" />
        </svg>
        <InlineBilingual text={label} />
      </button>
      {note !== null && (
        <p className="note" role="status" data-testid="no-voice">
          {note.vi} / {note.en}
        </p>
      )}
    </div>
  );
}
