import { useState } from 'react';
import type { LessonQuestionView } from '../../electron/contract/dto';
import { lessonStrings as s } from '../i18n/strings';
import { InlineBilingual } from '../components/inline-bilingual';
import { ExplanationNarration, QuestionNarration, useQuestionNarration } from '../narration/question-narration';

/**
 * The quiz, one question at a time, with immediate and kind feedback. A wrong choice can be changed
 * until the right one is found (learning, not an exam); the score counts first choices only.
 */
export function QuizView({ questions, onFinish }: { questions: readonly LessonQuestionView[]; onFinish: (firstChoices: number[]) => void }) {
  const [index, setIndex] = useState(0);
  const [firstChoices, setFirstChoices] = useState<number[]>([]);
  const [picked, setPicked] = useState<number | null>(null);
  const question = questions[index];
  const narration = useQuestionNarration(question);
  if (!question) return null;
  const isRight = picked === question.answer;
  const choose = (choice: number) => {
    if (isRight) return;
    if (firstChoices.length === index) setFirstChoices([...firstChoices, choice]);
    setPicked(choice);
  };
  const advance = () => {
    if (index + 1 < questions.length) {
      setIndex(index + 1);
      setPicked(null);
    } else onFinish(firstChoices);
  };
  return (
    <div className="quiz" data-question={index}>
      <div className="quiz-head">
        <p className="step-counter">
          {s.question.vi} {index + 1}/{questions.length} <span className="en">/ {s.question.en} {index + 1} of {questions.length}</span>
        </p>
        <QuestionNarration narration={narration} />
      </div>
      {/* A long question scrolls here; the feedback and the next button below it stay in view. */}
      <div className="quiz-body">
        <h2 className="quiz-prompt">
          <span className="vi">
            <QuestionNarration.Prompt narration={narration} text={question.prompt.vi} />
          </span>
          <span className="en">{question.prompt.en}</span>
        </h2>
        <div className="choices" role="group">
          {question.choices.map((choice, i) => (
            <button
              key={choice.vi}
              type="button"
              className={`button secondary choice-option${picked === i ? (i === question.answer ? ' right' : ' wrong') : ''}${QuestionNarration.isReading(narration, i) ? ' speaking' : ''}`}
              data-choice={i}
              aria-pressed={picked === i}
              onClick={() => choose(i)}
            >
              {choice.vi}
              <span className="en">{choice.en}</span>
            </button>
          ))}
        </div>
      </div>
      {picked !== null && (
        <div className={`feedback ${isRight ? 'right' : 'wrong'}`} role="status" data-testid="feedback">
          <p className="vi">{isRight ? s.correct.vi : s.wrong.vi}</p>
          {isRight && (
            <p className="explanation">
              <ExplanationNarration question={question} />
            </p>
          )}
          <p className="en">{isRight ? `${s.correct.en} ${question.explanation.en}` : s.wrong.en}</p>
        </div>
      )}
      {isRight && (
        <button type="button" className="button" onClick={advance} data-testid="quiz-next">
          <InlineBilingual text={index + 1 < questions.length ? s.nextQuestion : s.finishQuiz} />
        </button>
      )}
    </div>
  );
}
