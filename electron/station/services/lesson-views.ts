/** Maps lesson packs and stored progress to the plain views the renderer gets. */
import { withheldPhoneFacts } from '../../core/lessons/fact-review';
import type { IsoDate } from '../../core/lessons/iso-date';
import type { Lesson, LessonInfoStep } from '../../core/lessons/lesson-schema';
import { practiceStepIds } from '../../core/lessons/mastery';
import { SAFE_ADVICE } from '../../core/lessons/safe-advice';
import type { InfoStepView, LessonStatus, LessonSummary, LessonView } from '../../contract/dto';
import { practiceStepView } from './practice-views';

export interface ProgressRow {
  readonly lesson_id: string;
  readonly lesson_version: number;
  readonly step: number;
  readonly status: 'started' | 'passed' | 'failed';
  readonly best_score: number | null;
  readonly updated_wall_ms: number;
}

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

/**
 * One step as the player shows it on `today`. A step that gives a phone number not confirmed lately
 * becomes the standard safe advice here, on the station, so the number never reaches the screen,
 * the read-aloud voice or the recorded narration.
 */
function stepView(lesson: Lesson, step: LessonInfoStep, today: IsoDate): InfoStepView {
  const imageUrl = mediaUrl(lesson.id, step.image);
  if (withheldPhoneFacts(lesson, step, today).length > 0) {
    return { kind: 'info', text: SAFE_ADVICE.text, imageUrl, imageAlt: SAFE_ADVICE.imageAlt, audioUrl: null, safeAdvice: { note: SAFE_ADVICE.note } };
  }
  return { kind: 'info', text: step.text, imageUrl, imageAlt: step.imageAlt, audioUrl: step.audio ? mediaUrl(lesson.id, step.audio) : null, safeAdvice: null };
}

/** The lesson for the player; `today` (the station's day in Vietnam) decides which phone numbers it may give. */
export function lessonView(lesson: Lesson, progress: ProgressRow | undefined, today: IsoDate): LessonView {
  return {
    ...lessonSummary(lesson, progress),
    // Practice steps never give a phone number (the schema refuses it), so they have no safe-advice form.
    steps: lesson.steps.map((step) => (step.type === 'practice' ? practiceStepView(step) : stepView(lesson, step, today))),
    questions: lesson.quiz.questions.map((question) => ({
      id: question.id,
      prompt: question.prompt,
      choices: question.choices,
      answer: question.answer,
      explanation: question.explanation,
    })),
    passMark: lesson.quiz.passMark,
  };
}

/** dd/mm/yyyy in Vietnam time (UTC+7), the way dates are written on Vietnamese documents. */
export function vietnamDate(wallMs: number): string {
  const date = new Date(wallMs + 7 * 3_600_000);
  const dd = String(date.getUTCDate()).padStart(2, '0');
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${date.getUTCFullYear()}`;
}
