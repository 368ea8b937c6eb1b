import { useEffect, useState } from 'react';
import type { LearnerProgress, LessonStatus, LessonSummary, TrackId } from '../../electron/contract/dto';
import { lessonStrings as s } from '../i18n/strings';
import { practiceStrings as p } from '../i18n/practice-strings';
import { kiosk } from '../kiosk-api';
import { InlineBilingual } from '../components/inline-bilingual';
import { TrackProgress } from '../progress/track-progress';

const STATUS_LABEL: Record<LessonStatus, { vi: string; en: string }> = {
  new: s.statusNew,
  started: s.statusStarted,
  passed: s.statusPassed,
  failed: s.statusFailed,
};

/**
 * Big cards, one per lesson of the learner's track, with their own progress on each and, above them,
 * how far they are in the track and what comes next (issue #19 item 5). `track` is a guest's choice,
 * which the station does not keep; a registered learner's choice is saved by `onChooseTrack`.
 */
export function LessonList({ track, onChooseTrack, onOpen }: { track: TrackId | null; onChooseTrack: (track: TrackId) => void; onOpen: (lesson: LessonSummary) => void }) {
  const [lessons, setLessons] = useState<readonly LessonSummary[] | null>(null);
  const [progress, setProgress] = useState<LearnerProgress | null>(null);
  useEffect(() => {
    let alive = true;
    void Promise.all([kiosk().listLessons({}), kiosk().getProgress({ track })]).then(([list, standing]) => {
      if (!alive) return;
      setLessons(list.ok ? list.value : []);
      setProgress(standing.ok ? standing.value : null);
    });
    return () => {
      alive = false;
    };
  }, [track]);
  if (lessons === null) return null;
  const current = progress?.tracks.find((entry) => entry.id === progress.track);
  // Without tracks (no tracks.json) every lesson is listed, as before.
  const shown = current ? current.lessonIds.flatMap((id) => lessons.filter((lesson) => lesson.id === id)) : lessons;
  const suggestedId = current ? current.nextLessonId : (shown.find((lesson) => lesson.status === 'started') ?? shown.find((lesson) => lesson.status !== 'passed'))?.id;
  return (
    <section className="lesson-list" aria-label={`${s.chooseLesson.vi} / ${s.chooseLesson.en}`}>
      {/* With tracks, the track buttons and "next lesson" lead the way; the heading would only push the cards down. */}
      {current && progress ? (
        <TrackProgress progress={progress} lessons={lessons} onChoose={onChooseTrack} />
      ) : (
        <h2 className="section-title">
          <InlineBilingual text={s.chooseLesson} />
        </h2>
      )}
      <div className="lesson-grid">
        {shown.map((lesson) => (
          <button
            key={lesson.id}
            type="button"
            className={`lesson-card status-${lesson.status}${lesson.id === suggestedId ? ' suggested' : ''}`}
            data-lesson={lesson.id}
            data-status={lesson.status}
            // The suggested lesson may be far down the list (many passed): bring it into view.
            ref={lesson.id === suggestedId ? (card) => card?.scrollIntoView({ block: 'nearest' }) : undefined}
            onClick={() => onOpen(lesson)}
          >
            <span className="lesson-title">
              {lesson.status === 'passed' && <span aria-hidden="true">✔ </span>}
              {lesson.title.vi}
            </span>
            <span className="en">{lesson.title.en}</span>
            <span className="lesson-meta">
              {STATUS_LABEL[lesson.status].vi}
              {lesson.status === 'started' && ` · ${s.step.vi} ${lesson.resumeStep + 1}/${lesson.stepCount}`} · {lesson.minutes} {s.minutes.vi}
              {lesson.practiceSteps > 0 && ` · ${p.hasPractice.vi}`}
              {lesson.id === suggestedId && <strong> · {s.suggested.vi}</strong>}
            </span>
          </button>
        ))}
      </div>
    </section>
  );
}
