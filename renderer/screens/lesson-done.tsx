import type { LessonResult, LessonView } from '../../electron/contract/dto';
import { BilingualText } from '../components/bilingual-text';
import { ReadAloudButton } from '../components/read-aloud-button';
import { lessonStrings as s } from '../i18n/strings';
import { practiceStrings as p } from '../i18n/practice-strings';
import { InlineBilingual } from '../components/inline-bilingual';

/** The result of a lesson and what to do next. */
export function LessonDone({ lesson, result, onRetry, onNext, onPractice, onList, onCertificate }: {
  lesson: LessonView;
  result: LessonResult;
  onRetry: () => void;
  onNext: (id: string) => void;
  /** Goes back to a practice step not yet done (the quiz is passed, the lesson is not yet). */
  onPractice: (stepIndex: number) => void;
  onList: () => void;
  onCertificate: (() => void) | null;
}) {
  // The quiz passed but a practice step is not done yet: that is what to do next, not the whole lesson again.
  const pending = result.quizPassed && !result.passed ? result.practicePending[0] : undefined;
  const title = result.passed ? s.passedTitle : pending !== undefined ? p.quizPassedTitle : s.failedTitle;
  return (
    <div className="lesson-done" data-testid="lesson-done" data-passed={result.passed}>
      <BilingualText as="h2" text={{ vi: `${title.vi} “${lesson.title.vi}”`, en: `${title.en} “${lesson.title.en}”` }} className="title" />
      <p className="score" data-testid="score">
        {s.score.vi}: {result.score}/{lesson.questions.length} <span className="en">/ {s.score.en}</span>
      </p>
      <ReadAloudButton text={{ vi: `${title.vi}. ${s.score.vi}: ${result.score} trên ${lesson.questions.length}.${pending === undefined ? '' : ` ${p.practicePending.vi}`}`, en: title.en }} />
      {pending !== undefined && (
        <p className="note" data-testid="practice-pending">
          {p.practicePending.vi} <span className="en">/ {p.practicePending.en}</span>
        </p>
      )}
      <div className="done-actions">
        {pending !== undefined && (
          <button type="button" className="button" onClick={() => onPractice(pending)} data-testid="to-practice">
            <InlineBilingual text={p.toPractice} />
          </button>
        )}
        {result.suggestion && pending === undefined && (
          <button type="button" className="button" onClick={() => onNext(result.suggestion!.id)} data-testid="next-lesson">
            {s.nextLesson.vi}: {result.suggestion.title.vi}
            <span className="en"> / {s.nextLesson.en}</span>
          </button>
        )}
        {!result.passed && pending === undefined && (
          <button type="button" className="button secondary" onClick={onRetry} data-testid="retry-lesson">
            <InlineBilingual text={s.tryAgain} />
          </button>
        )}
        {result.passed && onCertificate && (
          <button type="button" className="button secondary" onClick={onCertificate} data-testid="open-certificate">
            <InlineBilingual text={s.certificate} />
          </button>
        )}
        <button type="button" className="button secondary" onClick={onList} data-testid="back-to-list">
          <InlineBilingual text={s.backToList} />
        </button>
      </div>
    </div>
  );
}
