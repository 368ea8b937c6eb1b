/**
 * Mastery rules of docs/ARCHITECTURE.md §8: scoring a quiz, mastery with practice steps, choosing the lesson to
 * suggest next, and the short verification code printed on a certificate. Pure: the hash function is
 * injected.
 */
import type { Lesson } from './lesson-schema';

export type MasteryErrorCode =
  | 'answer_count' // not exactly one answer per question
  | 'bad_answer' // an answer that is not an index into that question's choices
  | 'bad_certificate_parts' // an empty station id, learner key or lesson list, or a head hash that is not hex SHA-256
  | 'bad_hash'; // the injected hash function did not return 64 hex characters

export type MasteryFailure = { readonly ok: false; readonly code: MasteryErrorCode; readonly message: string };
export type MasteryResult<T> = { readonly ok: true; readonly value: T } | MasteryFailure;

function fail(code: MasteryErrorCode, message: string): MasteryFailure {
  return { ok: false, code, message };
}

export type QuizScore = {
  /** Number of correct answers. */
  readonly score: number;
  readonly total: number;
  readonly passed: boolean;
  /** Per question, in quiz order: so the done screen can show the explanation of each wrong answer. */
  readonly correct: readonly boolean[];
};

/**
 * Scores a finished quiz. `answers[i]` is the index of the choice picked for question i. A wrong
 * count or an out-of-range index is a bug in the caller, not a wrong answer, so it is refused rather
 * than scored: counting it as wrong could fail a learner for a UI fault.
 */
export function scoreQuiz(lesson: Lesson, answers: readonly number[]): MasteryResult<QuizScore> {
  const { questions, passMark } = lesson.quiz;
  if (answers.length !== questions.length) {
    return fail('answer_count', `expected ${questions.length} answers, got ${answers.length}`);
  }
  const correct: boolean[] = [];
  for (const [index, question] of questions.entries()) {
    const answer = answers[index];
    if (answer === undefined || !Number.isInteger(answer) || answer < 0 || answer >= question.choices.length) {
      return fail('bad_answer', `answer ${index + 1} is not an index into the ${question.choices.length} choices of question ${question.id}`);
    }
    correct.push(answer === question.answer);
  }
  const score = correct.filter(Boolean).length;
  return { ok: true, value: { score, total: questions.length, passed: score >= passMark, correct } };
}

export type LessonProgress = 'passed' | 'started' | 'failed';

/** The ids of a lesson's practice steps ("p1", "p2"), in lesson order. */
export function practiceStepIds(lesson: Pick<Lesson, 'steps'>): string[] {
  return lesson.steps.flatMap((step) => (step.type === 'practice' ? [step.id] : []));
}

/**
 * Mastery with practice (issue #19): a lesson is passed when its quiz is passed AND every one of its
 * practice steps was done correctly at least once — in either order, and across visits. Reading about
 * a scam and answering questions about it is not the same as spotting it on a screen, so neither half
 * alone is enough. A lesson without practice steps is passed by its quiz, as before.
 */
export function isMastered(quizPassed: boolean, practiceIds: readonly string[], completed: ReadonlySet<string>): boolean {
  return quizPassed && practiceIds.every((id) => completed.has(id));
}

/**
 * The lesson to offer after `justFinished` (or on the lesson list when it is null):
 *  1. the first of the finished lesson's `next` ids that exists and is not passed;
 *  2. else the first lesson in list order that is not passed, other than the one just finished —
 *     the done screen has its own "try again" button, so "next" should move the learner on;
 *  3. else the lesson just finished, if it is not passed (it is the only one left);
 *  4. else null: everything is passed.
 * Ids in `progress` or `justFinished` that are not in `lessons` are ignored, not errors: a pack may
 * have been removed since the learner's last visit, and that must not break the kiosk.
 */
export function suggestNext(
  lessons: readonly Pick<Lesson, 'id' | 'next'>[],
  progress: ReadonlyMap<string, LessonProgress>,
  justFinished: string | null,
): string | null {
  const known = new Set(lessons.map((lesson) => lesson.id));
  const open = (id: string): boolean => known.has(id) && progress.get(id) !== 'passed';
  const finished = justFinished === null ? undefined : lessons.find((lesson) => lesson.id === justFinished);
  if (finished !== undefined) {
    const linked = finished.next.find((id) => id !== finished.id && open(id));
    if (linked !== undefined) return linked;
  }
  const other = lessons.find((lesson) => lesson.id !== justFinished && open(lesson.id));
  if (other !== undefined) return other.id;
  return finished !== undefined && open(finished.id) ? finished.id : null;
}

export type CertificateParts = {
  readonly stationId: string;
  readonly learnerKey: string;
  readonly lessonIds: readonly string[];
  /**
   * The anchor hash (electron/station/store/certificate-anchor.ts): the learner's latest passing
   * `lesson.completed` event, which the hub holds too, so a reprint gives the same code; the log head
   * only when no such event is found.
   */
  readonly headHash: string;
};

// RFC 4648 base32, as learner cards use: no 0, 1, 8 or 9, so nothing reads as O, I or B.
const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const CODE_CHARS = 10; // 50 bits: a forged code matches by chance once in about 10^15 tries
const HEX_SHA256 = /^[0-9a-f]{64}$/;
const CERTIFICATE_DOMAIN = 'tramhs-certificate-v1';

/**
 * A short code printed on a certificate ("ABCDE-FGHIJ") that an official can check against the city's
 * copy of the log: the same parts always give the same code, and any change gives another one.
 * Lesson ids are a set — sorted and deduplicated — so the order they were passed in does not matter.
 * The preimage is a JSON array with a domain tag, so no two different part lists share a preimage
 * and the code can never collide with another use of the same hash.
 */
export function certificateCode(sha256Hex: (text: string) => string, parts: CertificateParts): MasteryResult<string> {
  if (parts.stationId.length === 0) return fail('bad_certificate_parts', 'the station id is empty');
  if (parts.learnerKey.length === 0) return fail('bad_certificate_parts', 'the learner key is empty');
  if (parts.lessonIds.length === 0 || parts.lessonIds.some((id) => id.length === 0)) {
    return fail('bad_certificate_parts', 'a certificate names at least one lesson, and no empty lesson id');
  }
  if (!HEX_SHA256.test(parts.headHash)) return fail('bad_certificate_parts', 'the head hash is not 64 lowercase hex characters');
  const lessonIds = [...new Set(parts.lessonIds)].sort();
  const preimage = JSON.stringify([CERTIFICATE_DOMAIN, parts.stationId, parts.learnerKey, lessonIds, parts.headHash]);
  const digest = sha256Hex(preimage);
  if (!HEX_SHA256.test(digest)) return fail('bad_hash', 'the hash function did not return lowercase hex SHA-256');
  return { ok: true, value: formatCode(digest) };
}

/** The first CODE_CHARS base32 characters of a hex digest, grouped in fives for reading aloud. */
function formatCode(hexDigest: string): string {
  let out = '';
  // 50 bits = 12.5 hex digits: read 13 hex digits (52 bits) and keep the top 50.
  const bits = BigInt(`0x${hexDigest.slice(0, 13)}`) >> 2n;
  for (let index = CODE_CHARS - 1; index >= 0; index -= 1) {
    out += BASE32_ALPHABET.charAt(Number((bits >> BigInt(index * 5)) & 31n));
  }
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}
