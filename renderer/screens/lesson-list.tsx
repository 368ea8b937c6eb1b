import { useEffect, useState } from 'react';
import type { LessonStatus, LessonSummary } from '../../electron/contract/dto';
import { lessonStrings as s } from '../i18n/strings';
import { kiosk } from '../kiosk-api';
import { InlineBilingual } from '../components/inline-bilingual';

const STATUS_LABEL: Record<LessonStatus, { vi: string; en: string }> = {
  new: s.statusNew,
  started: s.statusStarted,
  passed: s.statusPassed,
  failed: s.statusFailed,
};

/** Big cards, one per lesson, with the learner's own progress on each. */
export function LessonList({ onOpen }: { onOpen: (lesson: LessonSummary) => void }) {
  const [lessons, setLessons] = useState<readonly LessonSummary[] | null>(null);
  useEffect(() => {
    void kiosk()
      .listLessons({})
      .then((result) => setLessons(result.ok ? result.value : []));
  }, []);
  if (lessons === null) return null;
  const suggested = lessons.find((lesson) => lesson.status === 'started') ?? lessons.find((lesson) => lesson.status !== 'passed');
  return (
    <section className="lesson-list" aria-label={`${s.chooseLesson.vi} / ${s.chooseLesson.en}`}>
      <h2 className="section-title">
        <InlineBilingual text={s.chooseLesson} />
      </h2>
      <div className="lesson-grid">
        {lessons.map((lesson) => (
          <button
            key={lesson.id}
            type="button"
            className={`lesson-card status-${lesson.status}${lesson.id === suggested?.id ? ' suggested' : ''}`}
            data-lesson={lesson.id}
            data-status={lesson.status}
            // The suggested lesson may be far down the list (many passed): bring it into view.
            ref={lesson.id === suggested?.id ? (card) => card?.scrollIntoView({ block: 'nearest' }) : undefined}
            onClick={() => onOpen(lesson)}
          >
            <span className="lesson-title">{lesson.title.vi}</span>
            <span className="en">{lesson.title.en}</span>
            <span className="lesson-meta">
              {STATUS_LABEL[lesson.status].vi}
              {lesson.status === 'started' && ` · ${s.step.vi} ${lesson.resumeStep + 1}/${lesson.stepCount}`} · {lesson.minutes} {s.minutes.vi}
              {lesson.id === suggested?.id && <strong> · {s.suggested.vi}</strong>}
            </span>
          </button>
        ))}
      </div>
    </section>
  );
}
