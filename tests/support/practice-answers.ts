/**
 * The right answer to a practice step, worked out from its key the way a careful learner would:
 * tap every target, pay exactly the matching cases, the key's order, and for a form the first option
 * of each field that passes all its checks plus every tick. For tests that need a practice done.
 */
import type { Lesson } from '../../electron/core/lessons/lesson-schema';
import { expectedPayAnswer, passesCheck, type PracticeStep } from '../../electron/core/lessons/practice-schema';
import type { CommandInput } from '../../electron/contract/commands';

/** An answer as the page sends it (plain arrays), which the core scoring takes as is. */
export type PracticeAnswer = CommandInput<'attemptPractice'>['answer'];

export function rightAnswer(step: PracticeStep): PracticeAnswer {
  switch (step.kind) {
    case 'spot':
      return { kind: 'spot', tapped: [...step.targets] };
    case 'pay-check':
      return { kind: 'pay-check', choices: step.cases.map(expectedPayAnswer) };
    case 'order':
      return { kind: 'order', order: [...step.answer] };
    case 'form': {
      const values: Record<string, number | boolean> = {};
      for (const field of step.fields) {
        if (field.type === 'confirm') values[field.id] = true;
        else {
          const checks = step.checks.filter((check) => check.field === field.id);
          values[field.id] = field.options.findIndex((option) => checks.every((check) => passesCheck(check, option, step.sample.rows)));
        }
      }
      return { kind: 'form', values };
    }
  }
}

/** The practice steps of a lesson with their right answers, in lesson order. */
export function practiceAnswers(lesson: Lesson): { readonly stepId: string; readonly answer: PracticeAnswer }[] {
  return lesson.steps.flatMap((step) => (step.type === 'practice' ? [{ stepId: step.id, answer: rightAnswer(step) }] : []));
}
