import type { LessonResult, LessonView } from '../../electron/contract/dto';
import { BilingualText } from '../components/bilingual-text';
import { ReadAloudButton } from '../components/read-aloud-button';
import { lessonStrings as s } from '../i18n/strings';
import { InlineBilingual } from '../components/inline-bilingual';

/** The result of a lesson and what to do next. */
export function LessonDone({ lesson, result, onRetry, onNext, onList, onCertificate }: {
  lesson: LessonView;
  result: LessonResult;
  onRetry: () => void;
  onNext: (id: string) => void;
  onList: () => void;
  onCertificate: (() => void) | null;
}) {
  const title = result.passed ? s.passedTitle : s.failedTitle;
  return (
    <div className="lesson-done" data-testid="lesson-done" data-passed={result.passed}>
      <BilingualText as="h2" text={{ vi: `${title.vi} “${lesson.title.vi}”`, en: `${title.en} “${lesson.title.en}”` }} className="title" />
      <p className="score" data-testid="score">
        {s.score.vi}: {result.score}/{lesson.questions.length} <span className="en">/ {s.score.en}</span>
      </p>
      <ReadAloudButton text={{ vi: `${title.vi}. ${s.score.vi}: ${result.score} trên ${lesson.questions.length}.`, en: title.en }} />
      <div className="done-actions">
        {result.suggestion && (
          <button type="button" className="button" onClick={() => onNext(result.suggestion!.id)} data-testid="next-lesson">
            {s.nextLesson.vi}: {result.suggestion.title.vi}
            <span className="en"> / {s.nextLesson.en}</span>
          </button>
        )}
        {!result.passed && (
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
