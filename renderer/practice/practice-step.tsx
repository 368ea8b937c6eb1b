import { useState } from 'react';
import type { PracticeAttemptResult, PracticeStepView } from '../../electron/contract/dto';
import type { CommandInput } from '../../electron/contract/commands';
import { InlineBilingual } from '../components/inline-bilingual';
import { practiceStrings as p } from '../i18n/practice-strings';
import { lessonStrings as s } from '../i18n/strings';
import { kiosk } from '../kiosk-api';
import { practiceNarrationParts } from '../../electron/core/narration/narration-items';
import { NarrationControls } from '../narration/narration-controls';
import { StepWords } from '../narration/step-words';
import { useNarration } from '../narration/use-narration';
import { OrderSteps } from './order-steps';
import { PayCheckPractice, ShopSign } from './pay-check';
import { PracticeFeedback } from './practice-feedback';
import { SampleForm, SamplePaper } from './sample-form';
import { SpotMessage } from './spot-message';

type Answer = CommandInput<'attemptPractice'>['answer'];
type Draft = { tapped: string[]; choices: ('pay' | 'cancel')[]; order: string[]; values: Record<string, number | boolean | null> };
const EMPTY: Draft = { tapped: [], choices: [], order: [], values: {} };

function answerOf(step: PracticeStepView, draft: Draft): Answer | null {
  const view = step.practice;
  switch (view.kind) {
    case 'spot':
      return draft.tapped.length > 0 ? { kind: 'spot', tapped: draft.tapped } : null;
    case 'pay-check':
      return draft.choices.length === view.cases.length ? { kind: 'pay-check', choices: draft.choices } : null;
    case 'order':
      return draft.order.length === view.items.length ? { kind: 'order', order: draft.order } : null;
    case 'form':
      return { kind: 'form', values: draft.values };
  }
}

/**
 * A practice step (issue #19 item 2): the instruction read aloud (with the message or the items on
 * the phone, core/narration/narration-items.ts) like any step, the simulated phone, and the
 * check. The station scores the attempt and records whether it was right; this component only keeps
 * the learner's taps until they press "Kiểm tra", then shows the kind feedback and "Thử lại". The
 * learner may go on without finishing ("Để sau"), but the lesson is passed only once every practice
 * step is done right (core/lessons/mastery.ts).
 */
export function PracticeStep({ lessonId, step, index, count, onBack, onNext }: { lessonId: string; step: PracticeStepView; index: number; count: number; onBack: (() => void) | null; onNext: () => void }) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [result, setResult] = useState<PracticeAttemptResult | null>(null);
  const [solved, setSolved] = useState(false);
  const [busy, setBusy] = useState(false);
  const view = step.practice;
  const narration = useNarration(practiceNarrationParts(step.text.vi, view), step.narration);
  const spoken = { sentences: narration.sentences, active: narration.state.sentence };
  const answer = answerOf(step, draft);
  const isLast = index === count - 1;
  // A wrong form is fixed in place (as on the portal); the other kinds start afresh with "Thử lại".
  const showRetry = result !== null && !result.correct && view.kind !== 'form';

  const check = () => {
    if (answer === null || busy) return;
    setBusy(true);
    void kiosk()
      .attemptPractice({ id: lessonId, step: step.id, answer })
      .then((outcome) => {
        setBusy(false);
        if (!outcome.ok) return;
        setResult(outcome.value);
        if (outcome.value.correct) setSolved(true);
      });
  };
  const retry = () => {
    setDraft(EMPTY);
    setResult(null);
  };
  const score = result?.detail;
  // The feedback appears below the instruction, in the same scrolling region: bring it into view.
  const showFeedback = (element: HTMLDivElement | null) => element?.scrollIntoView({ block: 'nearest' });

  return (
    <div className="step practice-step" data-step={index} data-practice={view.kind} data-solved={solved}>
      {/* As in the quiz: the counter and the narration controls share the top line, leaving the height to the phone. */}
      <div className="quiz-head">
        <p className="step-counter" aria-live="polite">
          {s.step.vi} {index + 1}/{count} · {p.practice.vi} <span className="en">/ {s.step.en} {index + 1} of {count} · {p.practice.en}</span>
        </p>
        <NarrationControls narration={narration} />
      </div>
      <div className="step-body practice-body">
        <div className="practice-device">
          {view.kind === 'spot' && (
            <SpotMessage
              view={view}
              narration={spoken}
              tapped={draft.tapped}
              score={score?.kind === 'spot' ? score : null}
              solved={solved}
              onToggle={(id) => setDraft({ ...draft, tapped: draft.tapped.includes(id) ? draft.tapped.filter((t) => t !== id) : [...draft.tapped, id] })}
            />
          )}
          {view.kind === 'pay-check' && <PayCheckPractice view={view} choices={draft.choices} score={score?.kind === 'pay-check' ? score : null} onChoose={(choice) => setDraft({ ...draft, choices: [...draft.choices, choice] })} />}
          {view.kind === 'order' && (
            <OrderSteps view={view} narration={spoken} order={draft.order} score={score?.kind === 'order' ? score : null} onTap={(id) => setDraft({ ...draft, order: [...draft.order, id] })} onUndo={() => setDraft({ ...draft, order: draft.order.slice(0, -1) })} />
          )}
          {view.kind === 'form' && <SampleForm view={view} values={draft.values} score={score?.kind === 'form' ? score : null} solved={solved} onChange={(field, value) => setDraft({ ...draft, values: { ...draft.values, [field]: value } })} />}
        </div>
        <div className="step-text practice-side">
          {/* What the phone is compared with stays in view beside it: the shop's sign, the sample paper. */}
          {view.kind === 'pay-check' && result === null && view.cases[draft.choices.length] && (
            <ShopSign sign={view.cases[draft.choices.length]!.sign} position={`${draft.choices.length + 1}/${view.cases.length}`} />
          )}
          {view.kind === 'form' && <SamplePaper sample={view.sample} />}
          <StepWords text={step.text} narration={narration}>
            {result && (
              <div ref={showFeedback} key={result.attempt}>
                <PracticeFeedback view={view} result={result} />
              </div>
            )}
          </StepWords>
          <div className="practice-actions">
            {!solved && !showRetry && (
              <button type="button" className="button practice-check" onClick={check} disabled={answer === null || busy} data-testid="practice-check">
                <InlineBilingual text={view.kind === 'form' ? p.submitForm : p.check} />
              </button>
            )}
            {showRetry && (
              <button type="button" className="button practice-check" onClick={retry} data-testid="practice-retry">
                <InlineBilingual text={p.tryAgain} />
              </button>
            )}
          </div>
        </div>
      </div>
      <nav className="step-nav">
        <button type="button" className="button secondary" onClick={onBack ?? undefined} disabled={onBack === null} data-testid="step-back">
          <InlineBilingual text={s.previous} />
        </button>
        <button type="button" className={solved ? 'button' : 'button secondary'} onClick={onNext} data-testid="step-next">
          <InlineBilingual text={solved ? (isLast ? s.toQuiz : s.next) : p.later} />
        </button>
      </nav>
    </div>
  );
}
