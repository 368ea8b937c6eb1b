import type { LessonQuestionView } from '../../electron/contract/dto';
import { NarrationControls } from './narration-controls';
import { SpokenText } from './spoken-text';
import { useNarration, type Narration } from './use-narration';

const NONE = { audio: null, skipped: null } as const;

/** Reads a question: its prompt, then each choice (the choice being read is highlighted). */
export function useQuestionNarration(question: LessonQuestionView | undefined): Narration {
  return useNarration(question ? [question.prompt.vi, ...question.choices.map((choice) => choice.vi)] : [], question?.narration ?? NONE);
}

/** The question's narration controls, with helpers for the prompt and the choice buttons. */
export function QuestionNarration({ narration }: { narration: Narration }) {
  return <NarrationControls narration={narration} />;
}

QuestionNarration.Prompt = function Prompt({ narration, text }: { narration: Narration; text: string }) {
  return <SpokenText text={text} sentences={narration.sentences} part={0} active={narration.state.sentence} />;
};

/** True while choice `choice` is being read. */
QuestionNarration.isReading = (narration: Narration, choice: number): boolean => {
  const active = narration.state.sentence;
  return active !== null && narration.sentences[active]?.part === choice + 1;
};

/**
 * The explanation under a right answer, read aloud as it appears (when autoplay is on), with its
 * sentence highlighted. No buttons: the question's own controls stay the place to listen again.
 */
export function ExplanationNarration({ question }: { question: LessonQuestionView }) {
  const narration = useNarration([question.explanation.vi], question.explanationNarration);
  return (
    <>
      <audio ref={narration.audioRef} preload="auto" data-testid="explanation-audio" />
      <SpokenText text={question.explanation.vi} sentences={narration.sentences} part={0} active={narration.state.sentence} />
    </>
  );
}
