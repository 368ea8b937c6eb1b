import { lessonStrings } from '../i18n/strings';
import { narrationStrings } from '../i18n/narration-strings';
import { InlineBilingual } from '../components/inline-bilingual';
import type { Narration } from './use-narration';
import { SLOW_RATE } from './narration-settings';

/**
 * "Nghe lại" (read again from the start), "Đọc chậm" (0.8×, kept for the visit), and a visible note
 * when the pack's audio was skipped or nothing can speak. Holds the page's one <audio> element.
 */
export function NarrationControls({ narration }: { narration: Narration }) {
  const { state, rate } = narration;
  const isSlow = rate === SLOW_RATE;
  return (
    <div className="read-aloud narration" data-narration-status={state.status} data-narration-voice={state.voice ?? ''} data-narration-sentence={state.sentence ?? ''}>
      <audio ref={narration.audioRef} preload="auto" data-testid="narration-audio" />
      <div className="narration-buttons">
        <button type="button" className="button secondary" onClick={narration.play} data-testid="read-aloud">
          <svg aria-hidden="true" viewBox="0 0 24 24" width="28" height="28" className="icon">
            <path d="M3 9v6h4l5 4V5L7 9H3zm13.5 3a4.5 4.5 0 0 0-2.5-4v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z" fill="currentColor" />
          </svg>
          <InlineBilingual text={lessonStrings.listenAgain} />
        </button>
        <button type="button" className="button secondary" aria-pressed={isSlow} onClick={() => narration.setRate(isSlow ? 1 : SLOW_RATE)} data-testid="read-slower">
          <InlineBilingual text={narrationStrings.slower} /> <span className="rate">0,8×</span>
        </button>
      </div>
      {state.note !== null && (
        <p className="note" role="status" data-testid="narration-note">
          {state.note.vi} <span className="en">/ {state.note.en}</span>
        </p>
      )}
    </div>
  );
}
