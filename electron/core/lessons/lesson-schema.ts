/**
 * The zod schema of `lessons/<id>/lesson.json`, exactly as lessons/README.md describes it
 * (docs/ARCHITECTURE.md §8). Objects are strict: an unknown key is almost always a typo of an optional field
 * (e.g. "Audio"), and a silently ignored narration file is worse than a refused pack.
 *
 * What this schema cannot see — that files exist, what is inside an SVG, that `next` ids and the
 * folder name match — the station's pack loader checks (electron/station/lessons/load-lessons.ts).
 */
import { z } from 'zod';
import { isCompetencyCode } from './competencies';
import { articleUrlSchema, factRefsSchema, factSchema } from './fact-schema';
import { checkFactReferences } from './fact-references';
import { MAX_PRACTICE_STEPS, practiceStepSchema } from './practice-schema';
import { qd757MappingSchema } from './qd757';

export const MIN_STEPS = 5;
export const MAX_STEPS = 8;
export const MIN_QUESTIONS = 3;
export const MIN_CHOICES = 2;
export const TARGET_GROUPS = ['adult', 'elderly', 'pupil', 'worker'] as const;

/** Lesson ids are kebab-case: they are folder names, URLs in the web host and keys in the event log. */
export const LESSON_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_LESSON_ID_LENGTH = 64;

/**
 * A media file name: one plain name inside the lesson folder. No '/', '\\' or '..', and no leading
 * dot, so a pack can never point the player at a file outside its own folder or at a hidden file.
 */
const PLAIN_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)+$/;
const MAX_FILE_NAME_LENGTH = 100;
export const IMAGE_EXTENSIONS = ['.svg', '.png'] as const;
// Formats Chromium plays without extra codecs.
export const AUDIO_EXTENSIONS = ['.mp3', '.ogg', '.opus', '.m4a', '.wav'] as const;

const text = z.string().trim().min(1, 'must not be empty');
const bilingual = z.strictObject({ vi: text, en: text });

function fileName(extensions: readonly string[], what: string) {
  return z
    .string()
    .max(MAX_FILE_NAME_LENGTH, `a file name is at most ${MAX_FILE_NAME_LENGTH} characters`)
    .regex(PLAIN_FILE_NAME, "must be a plain file name in the lesson folder (no '/', '\\\\' or '..')")
    .refine((name) => extensions.some((ext) => name.toLowerCase().endsWith(ext)), `${what} must end in ${extensions.join(' or ')}`);
}

export const lessonIdSchema = z
  .string()
  .max(MAX_LESSON_ID_LENGTH, `a lesson id is at most ${MAX_LESSON_ID_LENGTH} characters`)
  .regex(LESSON_ID, 'a lesson id is kebab-case: lowercase letters and digits joined by single hyphens');

const competencySchema = z.string().refine(isCompetencyCode, 'not a competence code of Thông tư 02/2025/TT-BGDĐT (1.1 … 6.3)');

const infoStepSchema = z.strictObject({
  /** Optional: a step without `type` is an info step, as every step was before practice existed. */
  type: z.literal('info').optional(),
  id: z.string(),
  text: bilingual,
  image: fileName(IMAGE_EXTENSIONS, 'an image'),
  imageAlt: bilingual,
  audio: fileName(AUDIO_EXTENSIONS, 'an audio file').optional(),
  /** Ids of the checkable facts this step states (fact-schema.ts). */
  facts: factRefsSchema.optional(),
});

/** An info step (picture and words) or a practice step (practice-schema.ts), told apart by `type`. */
const stepSchema = z.discriminatedUnion('type', [infoStepSchema, practiceStepSchema], {
  error: (issue) => (issue.code === 'invalid_union' ? 'a step\'s "type" is "info" (or absent) or "practice"' : undefined),
});

const questionSchema = z
  .strictObject({
    id: z.string(),
    prompt: bilingual,
    choices: z.array(bilingual).min(MIN_CHOICES, `a question has at least ${MIN_CHOICES} choices`),
    answer: z.int().min(0, 'answer is an index into choices'),
    explanation: bilingual,
    facts: factRefsSchema.optional(),
  })
  .superRefine((question, ctx) => {
    if (question.answer >= question.choices.length) {
      ctx.addIssue({ code: 'custom', path: ['answer'], message: `answer ${question.answer} is not an index into ${question.choices.length} choices` });
    }
  });

const quizSchema = z
  .strictObject({
    passMark: z.int().min(1, 'passMark is at least 1'),
    questions: z.array(questionSchema).min(MIN_QUESTIONS, `a quiz has at least ${MIN_QUESTIONS} questions`),
  })
  .superRefine((quiz, ctx) => {
    if (quiz.passMark > quiz.questions.length) {
      ctx.addIssue({ code: 'custom', path: ['passMark'], message: `passMark ${quiz.passMark} is more than the ${quiz.questions.length} questions` });
    }
    checkSequentialIds(quiz.questions, 'q', ['questions'], ctx);
  });

const sourceSchema = z.strictObject({
  title: text,
  url: articleUrlSchema,
});

/**
 * Info step ids are s1…sN, practice step ids p1…pM and question ids q1…qN, each in order
 * (lessons/README.md). Practice steps count apart, so adding one never renumbers the info steps that
 * narration and reviews refer to.
 */
function checkSequentialIds(items: readonly { readonly id: string }[], prefix: string, path: (string | number)[], ctx: z.RefinementCtx, positions?: readonly number[]): void {
  items.forEach((item, index) => {
    const expected = `${prefix}${index + 1}`;
    if (item.id !== expected) ctx.addIssue({ code: 'custom', path: [...path, positions?.[index] ?? index, 'id'], message: `expected id "${expected}", got "${item.id}"` });
  });
}

function checkSteps(steps: readonly z.infer<typeof stepSchema>[], ctx: z.RefinementCtx): void {
  const info = steps.flatMap((step, index) => (step.type === 'practice' ? [] : [{ step, index }]));
  const practice = steps.flatMap((step, index) => (step.type === 'practice' ? [{ step, index }] : []));
  if (info.length < MIN_STEPS || info.length > MAX_STEPS) ctx.addIssue({ code: 'custom', path: ['steps'], message: `a lesson has ${MIN_STEPS} to ${MAX_STEPS} info steps, not ${info.length}` });
  if (practice.length > MAX_PRACTICE_STEPS) ctx.addIssue({ code: 'custom', path: ['steps'], message: `a lesson has at most ${MAX_PRACTICE_STEPS} practice steps, not ${practice.length}` });
  if (steps[0]?.type === 'practice') ctx.addIssue({ code: 'custom', path: ['steps', 0], message: 'a lesson starts with an info step: practise what was just shown' });
  checkSequentialIds(info.map((entry) => entry.step), 's', ['steps'], ctx, info.map((entry) => entry.index));
  checkSequentialIds(practice.map((entry) => entry.step), 'p', ['steps'], ctx, practice.map((entry) => entry.index));
}

function checkUnique(values: readonly string[], path: string, ctx: z.RefinementCtx): void {
  values.forEach((value, index) => {
    if (values.indexOf(value) !== index) ctx.addIssue({ code: 'custom', path: [path, index], message: `"${value}" is listed twice` });
  });
}

export const lessonSchema = z
  .strictObject({
    id: lessonIdSchema,
    version: z.int().min(1, 'version is an integer from 1'),
    title: bilingual,
    summary: bilingual,
    competencies: z.array(competencySchema).min(1, 'a lesson names at least one competence'),
    /** The same lesson in QĐ 757/QĐ-BKHCN's basic digital skills framework (qd757.ts). */
    qd757: qd757MappingSchema,
    targetGroups: z.array(z.enum(TARGET_GROUPS)).min(1, 'a lesson names at least one target group'),
    minutes: z.int().min(1).max(60),
    /** 5–8 info steps and up to 2 practice steps, in the order the player shows them. */
    steps: z.array(stepSchema).min(MIN_STEPS, `a lesson has ${MIN_STEPS} to ${MAX_STEPS} info steps`).max(MAX_STEPS + MAX_PRACTICE_STEPS, `a lesson has ${MIN_STEPS} to ${MAX_STEPS} info steps and at most ${MAX_PRACTICE_STEPS} practice steps`),
    quiz: quizSchema,
    sources: z.array(sourceSchema).min(1, 'a lesson cites at least one source'),
    reviewNotes: z.array(text),
    next: z.array(lessonIdSchema),
    /** Every checkable fact the steps and questions state; optional only for a lesson that states none. */
    facts: z.array(factSchema).optional(),
  })
  .superRefine((lesson, ctx) => {
    checkSteps(lesson.steps, ctx);
    checkFactReferences(lesson, ctx);
    checkUnique(lesson.competencies, 'competencies', ctx);
    checkUnique(lesson.targetGroups, 'targetGroups', ctx);
    checkUnique(lesson.next, 'next', ctx);
    lesson.next.forEach((id, index) => {
      if (id === lesson.id) ctx.addIssue({ code: 'custom', path: ['next', index], message: 'a lesson cannot be its own next lesson' });
    });
  });

export type Lesson = z.infer<typeof lessonSchema>;
export type LessonStep = Lesson['steps'][number];
export type LessonInfoStep = Exclude<LessonStep, { type: 'practice' }>;
export type { PracticeStep } from './practice-schema';
export type LessonQuestion = Lesson['quiz']['questions'][number];
export type { Fact, FactKind } from './fact-schema';
export type TargetGroup = (typeof TARGET_GROUPS)[number];

/** One schema problem, with a dotted path into lesson.json ("quiz.questions.1.answer"; "" for the root). */
export type LessonIssue = { readonly path: string; readonly message: string };

export type ParseLessonResult =
  | { readonly ok: true; readonly value: Lesson }
  | { readonly ok: false; readonly code: 'invalid_lesson'; readonly issues: readonly LessonIssue[] };

/** Validates parsed JSON as a lesson; never throws. */
export function parseLesson(json: unknown): ParseLessonResult {
  const result = lessonSchema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  return { ok: false, code: 'invalid_lesson', issues };
}
