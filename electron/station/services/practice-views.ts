/**
 * A practice step as the player gets it: everything it draws, nothing of its answer key (the station
 * scores attempts, so the page never needs the key). `required` marks the fields the portal checks,
 * which the simulated form stars the way real forms do.
 */
import type { PracticeStep } from '../../core/lessons/practice-schema';
import type { NarrationView, PracticeStepView, PracticeView } from '../../contract/dto';

function practiceView(step: PracticeStep): PracticeView {
  switch (step.kind) {
    case 'spot':
      return { kind: 'spot', app: step.app, sender: step.sender, body: step.body, targetCount: step.targets.length };
    case 'pay-check':
      return {
        kind: 'pay-check',
        cases: step.cases.map((payCase) => ({ id: payCase.id, sign: payCase.sign, screen: { ...payCase.screen, note: payCase.screen.note ?? null }, why: payCase.why })),
      };
    case 'order':
      return { kind: 'order', items: step.items, why: step.why };
    case 'form': {
      const checked = new Set(step.checks.map((check) => check.field));
      return {
        kind: 'form',
        title: step.title,
        sample: step.sample,
        fields: step.fields.map((field) => (field.type === 'choice' ? { ...field, required: checked.has(field.id) } : { ...field, required: checked.has(field.id) })),
        why: step.why,
      };
    }
  }
}

/** `narration` reads the instruction (and what the phone shows, core/narration/narration-items.ts). */
export function practiceStepView(step: PracticeStep, narration: NarrationView): PracticeStepView {
  return { kind: 'practice', id: step.id, text: step.instruction, narration, practice: practiceView(step) };
}
