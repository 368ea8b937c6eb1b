import type { InfoStepView } from '../../electron/contract/dto';
import { lessonStrings as s } from '../i18n/strings';
import { InlineBilingual } from '../components/inline-bilingual';
import { SafeAdvicePanel } from '../components/safe-advice-panel';
import { NarrationControls } from '../narration/narration-controls';
import { StepWords } from '../narration/step-words';
import { useNarration } from '../narration/use-narration';

/** One idea per screen: the picture, the words in large type, listen again, back and next. */
export function StepView({ step, index, count, onBack, onNext }: { step: InfoStepView; index: number; count: number; onBack: (() => void) | null; onNext: () => void }) {
  const isLast = index === count - 1;
  const narration = useNarration([step.text.vi], step.narration);
  return (
    <div className="step" data-step={index}>
      <p className="step-counter" aria-live="polite">
        {s.step.vi} {index + 1}/{count} <span className="en">/ {s.step.en} {index + 1} of {count}</span>
      </p>
      <div className="step-body">
        {step.safeAdvice ? <SafeAdvicePanel note={step.safeAdvice.note} alt={step.imageAlt} /> : <img className="step-image" src={step.imageUrl} alt={step.imageAlt.vi} width={400} height={300} />}
        <div className="step-text">
          <StepWords text={step.text} narration={narration} />
          <NarrationControls narration={narration} />
        </div>
      </div>
      <nav className="step-nav">
        <button type="button" className="button secondary" onClick={onBack ?? undefined} disabled={onBack === null} data-testid="step-back">
          <InlineBilingual text={s.previous} />
        </button>
        <button type="button" className="button" onClick={onNext} data-testid="step-next">
          <InlineBilingual text={isLast ? s.toQuiz : s.next} />
        </button>
      </nav>
    </div>
  );
}
