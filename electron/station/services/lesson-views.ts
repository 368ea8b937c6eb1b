/** Maps lesson packs and stored progress to the plain views the renderer gets. */
import { formatVietnamDate } from '../../core/reports/vietnam-time';
import { withheldPhoneFacts } from '../../core/lessons/fact-review';
import type { IsoDate } from '../../core/lessons/iso-date';
import type { Lesson, LessonInfoStep } from '../../core/lessons/lesson-schema';
import { practiceStepIds } from '../../core/lessons/mastery';
import { SAFE_ADVICE } from '../../core/lessons/safe-advice';
import { SAFE_ADVICE_KEY } from '../../core/narration/narration-items';
import type { InfoStepView, LessonStatus, LessonSummary, LessonView, NarrationView } from '../../contract/dto';
import type { ProgressRow } from '../store/lesson-progress';
import { practiceStepView } from './practice-views';

export type { ProgressRow } from '../store/lesson-progress';

function mediaUrl(lessonId: string, file: string): string {
  return `lessons/${encodeURIComponent(lessonId)}/${encodeURIComponent(file)}`;
}

export function lessonSummary(lesson: Lesson, progress: ProgressRow | undefined): LessonSummary {
  const status: LessonStatus = progress?.status ?? 'new';
  const resumeStep = status === 'started' ? Math.min(progress?.step ?? 0, lesson.steps.length - 1) : 0;
  return {
    id: lesson.id,
    version: lesson.version,
    title: lesson.title,
    summary: lesson.summary,
    minutes: lesson.minutes,
    stepCount: lesson.steps.length,
    competencies: lesson.competencies,
    status,
    resumeStep,
    practiceSteps: practiceStepIds(lesson).length,
  };
}

/** Pack audio of a lesson's spoken items by key (station/lessons/load-narration.ts); empty when none. */
export type NarrationViews = ReadonlyMap<string, NarrationView>;

const NO_AUDIO: NarrationView = { audio: null, skipped: null };

/**
 * One step as the player shows it on `today`. A step that gives a phone number not confirmed lately
 * becomes the standard safe advice here, on the station, so the number never reaches the screen,
 * the read-aloud voice or the recorded narration.
 */
function stepView(lesson: Lesson, step: LessonInfoStep, today: IsoDate, narration: NarrationViews): InfoStepView {
  const imageUrl = mediaUrl(lesson.id, step.image);
  if (withheldPhoneFacts(lesson, step, today).length > 0) {
    return { kind: 'info', text: SAFE_ADVICE.text, imageUrl, imageAlt: SAFE_ADVICE.imageAlt, narration: narration.get(SAFE_ADVICE_KEY) ?? NO_AUDIO, safeAdvice: { note: SAFE_ADVICE.note } };
  }
  return { kind: 'info', text: step.text, imageUrl, imageAlt: step.imageAlt, narration: narration.get(step.id) ?? NO_AUDIO, safeAdvice: null };
}

/** The lesson for the player; `today` (the station's day in Vietnam) decides which phone numbers it may give. */
export function lessonView(lesson: Lesson, progress: ProgressRow | undefined, today: IsoDate, narration: NarrationViews = new Map()): LessonView {
  return {
    ...lessonSummary(lesson, progress),
    // Practice steps never give a phone number (the schema refuses it), so they have no safe-advice form.
    steps: lesson.steps.map((step) => (step.type === 'practice' ? practiceStepView(step, narration.get(step.id) ?? NO_AUDIO) : stepView(lesson, step, today, narration))),
    questions: lesson.quiz.questions.map((question) => ({
      id: question.id,
      prompt: question.prompt,
      choices: question.choices,
      answer: question.answer,
      explanation: question.explanation,
      narration: narration.get(question.id) ?? NO_AUDIO,
      explanationNarration: narration.get(`${question.id}-explanation`) ?? NO_AUDIO,
    })),
    passMark: lesson.quiz.passMark,
  };
}

/** dd/mm/yyyy in Vietnam time (UTC+7), the way dates are written on Vietnamese documents. */
export function vietnamDate(wallMs: number): string {
  return formatVietnamDate(wallMs);
}
