import { useEffect, useState } from 'react';
import type { LessonResult, LessonView } from '../../electron/contract/dto';
import { kiosk } from '../kiosk-api';
import { LessonDone } from './lesson-done';
import { QuizView } from './quiz-view';
import { StepView } from './step-view';
import { PracticeStep } from '../practice/practice-step';
import { InlineBilingual } from '../components/inline-bilingual';

type Phase = { readonly kind: 'loading' } | { readonly kind: 'step'; readonly index: number } | { readonly kind: 'quiz' } | { readonly kind: 'done'; readonly result: LessonResult };

/**
 * Plays one lesson: resumes at the saved step, saves every step reached, runs the quiz and shows the
 * result. The station scores the quiz and records it; this component only shows.
 */
export function LessonPlayer({ lessonId, canCertify, onOpenLesson, onList, onCertificate }: {
  lessonId: string;
  canCertify: boolean;
  onOpenLesson: (id: string) => void;
  onList: () => void;
  onCertificate: () => void;
}) {
  const [lesson, setLesson] = useState<LessonView | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let alive = true;
    void (async () => {
      const view = await kiosk().getLesson({ id: lessonId });
      const started = await kiosk().startLesson({ id: lessonId });
      if (!alive || !view.ok) return;
      setLesson(view.value);
      setPhase({ kind: 'step', index: started.ok ? started.value.resumeStep : 0 });
    })();
    return () => {
      alive = false;
    };
  }, [lessonId, attempt]);

  const goToStep = (index: number) => {
    setPhase({ kind: 'step', index });
    void kiosk().saveStep({ id: lessonId, step: index });
  };

  if (!lesson || phase.kind === 'loading') return <div className="lesson-loading" aria-busy="true" />;
  const next = (index: number) => () => (index + 1 < lesson.steps.length ? goToStep(index + 1) : (setPhase({ kind: 'quiz' }), void kiosk().saveStep({ id: lessonId, step: lesson.steps.length })));
  const step = phase.kind === 'step' ? lesson.steps[phase.index] : undefined;
  return (
    <section className="lesson-player" data-lesson={lesson.id} aria-label={lesson.title.vi}>
      <h1 className="lesson-heading">
        <InlineBilingual text={lesson.title} />
      </h1>
      {phase.kind === 'step' && step && (step.kind === 'practice' ? (
        <PracticeStep key={phase.index} lessonId={lesson.id} step={step} index={phase.index} count={lesson.steps.length} onBack={phase.index > 0 ? () => goToStep(phase.index - 1) : null} onNext={next(phase.index)} />
      ) : (
        <StepView step={step} index={phase.index} count={lesson.steps.length} onBack={phase.index > 0 ? () => goToStep(phase.index - 1) : null} onNext={next(phase.index)} />
      ))}
      {phase.kind === 'quiz' && (
        <QuizView
          questions={lesson.questions}
          onFinish={(answers) =>
            void kiosk()
              .completeLesson({ id: lessonId, answers })
              .then((result) => result.ok && setPhase({ kind: 'done', result: result.value }))
          }
        />
      )}
      {phase.kind === 'done' && (
        <LessonDone
          lesson={lesson}
          result={phase.result}
          onRetry={() => {
            setPhase({ kind: 'loading' });
            setAttempt(attempt + 1);
          }}
          onNext={onOpenLesson}
          onPractice={goToStep}
          onList={onList}
          onCertificate={canCertify && phase.result.recorded ? onCertificate : null}
        />
      )}
    </section>
  );
}
