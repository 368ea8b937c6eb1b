import type { LearnerProgress, LessonSummary, TrackId } from '../../electron/contract/dto';
import { countOf, practiceStrings as p } from '../i18n/practice-strings';
import { ProgressPicture } from './progress-picture';

/**
 * The top of the lesson list (issue #19 item 5): the three tracks as big buttons with each one's
 * count, then for the learner's own track what they finished, a picture of how far they are, and the
 * lesson that comes next. The track is theirs to change with one tap.
 */
export function TrackProgress({ progress, lessons, onChoose }: { progress: LearnerProgress; lessons: readonly LessonSummary[]; onChoose: (track: TrackId) => void }) {
  const current = progress.tracks.find((track) => track.id === progress.track);
  if (!current) return null;
  const passedIds = new Set(lessons.filter((lesson) => lesson.status === 'passed').map((lesson) => lesson.id));
  const next = lessons.find((lesson) => lesson.id === current.nextLessonId);
  return (
    <div className="track-progress" data-testid="track-progress" data-track={current.id}>
      <div className="track-picker" role="group" aria-label={`${p.chooseTrack.vi} / ${p.chooseTrack.en}`}>
        {progress.tracks.map((track) => (
          <button key={track.id} type="button" className={`button track-tab${track.id === current.id ? '' : ' secondary'}`} aria-pressed={track.id === current.id} data-track-tab={track.id} onClick={() => onChoose(track.id)}>
            <span>{track.title.vi}</span>
            <span className="en">
              {track.title.en} · {track.passed}/{track.total}
            </span>
          </button>
        ))}
      </div>
      <div className="track-standing">
        <p className="track-count" data-testid="track-count">
          {p.finished.vi}: <strong>{countOf(current.passed, current.total).vi}</strong> <span className="en">/ {p.finished.en}: {countOf(current.passed, current.total).en}</span>
        </p>
        <ProgressPicture passed={current.passed} total={current.total} next={current.nextLessonId} lessonIds={current.lessonIds} passedIds={passedIds} />
        <p className="track-next" data-testid="track-next">
          {next ? (
            <>
              {/* The card below carries the English title; one line here keeps the cards in view. */}
              {p.nextInTrack.vi}: <strong>{next.title.vi}</strong> <span className="en">/ {p.nextInTrack.en}</span>
            </>
          ) : (
            <>
              {p.trackDone.vi} <span className="en">/ {p.trackDone.en}</span>
            </>
          )}
          {progress.basis === 'birth_year' && (
            <span className="track-note">
              {' '}
              · {p.inferredNote.vi} <span className="en">/ {p.inferredNote.en}</span>
            </span>
          )}
        </p>
      </div>
    </div>
  );
}
