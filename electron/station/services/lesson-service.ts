/**
 * Lessons for the learner at the kiosk: the list with their progress, the step they reached (saved on
 * every step, so an idle reset or a crash resumes there), practice attempts (practice-attempts.ts),
 * quiz scoring and mastery on the station, their progress in their track, and the certificate. A guest
 * can play every lesson; nothing is recorded for them.
 */
import type { Database } from 'better-sqlite3';
import { isoDateAt, VIETNAM_UTC_OFFSET_HOURS } from '../../core/lessons/iso-date';
import type { Lesson } from '../../core/lessons/lesson-schema';
import { certificateCode, isMastered, practiceStepIds, scoreQuiz, suggestNext, type LessonProgress } from '../../core/lessons/mastery';
import type { PracticeAnswer } from '../../core/lessons/practice-scoring';
import type { Track, TrackId } from '../../core/lessons/tracks';
import type { Certificate, LearnerProgress, LessonResult, LessonSummary, LessonView, PracticeAttemptResult } from '../../contract/dto';
import type { Sha256Hex } from '../../core/sync/protocol/event-hash';
import type { EventLog, LogClock } from '../db/event-log';
import { internalError, StationError } from '../station-error';
import type { IdentityService } from './identity-service';
import { certificateProgress, learnerProgress, resolveTrack, type ShownTrack } from './learner-progress';
import { latestPassHash } from '../store/certificate-anchor';
import { knownLearner, learnerTrackRow, saveLearnerTrack } from '../store/learners';
import { markQuizDone, markStarted, progressRows, saveProgressStep, type ProgressRow } from '../store/lesson-progress';
import { lessonSummary, lessonView, vietnamDate, type NarrationViews } from './lesson-views';
import { PracticeAttempts } from './practice-attempts';

export interface LessonServiceOptions {
  readonly db: Database;
  readonly log: EventLog;
  readonly identity: IdentityService;
  readonly lessons: readonly Lesson[];
  /** Pack audio per lesson id (station/lessons/load-narration.ts); a lesson without any falls back to the other voices. */
  readonly narration?: ReadonlyMap<string, NarrationViews>;
  /** The learning tracks of lessons/tracks.json; empty when the station has none. */
  readonly tracks?: readonly Track[];
  readonly clock: LogClock;
  readonly sha256Hex: Sha256Hex;
  readonly station: { readonly id: string; readonly name: string; readonly wardName: string };
}

export class LessonService {
  readonly #o: LessonServiceOptions;
  /** Lessons already announced with `lesson.started` in the current visit. */
  readonly #startedInVisit = new Set<string>();
  #visitId: string | null = null;
  readonly #practice: PracticeAttempts;

  constructor(options: LessonServiceOptions) {
    this.#o = options;
    this.#practice = new PracticeAttempts(options.db, options.log);
  }

  #lesson(id: string): Lesson {
    const lesson = this.#o.lessons.find((candidate) => candidate.id === id);
    if (!lesson) throw new StationError('not_found', { vi: `Không có bài học ${id}`, en: `No lesson ${id}` });
    return lesson;
  }

  #progress(learnerKey: string | null): Map<string, ProgressRow> {
    return learnerKey === null ? new Map() : progressRows(this.#o.db, learnerKey);
  }

  #visit() {
    const visit = this.#o.identity.activeVisit();
    if (visit?.visitId !== this.#visitId) {
      this.#visitId = visit?.visitId ?? null;
      this.#startedInVisit.clear();
    }
    return visit;
  }

  list(): LessonSummary[] {
    const progress = this.#progress(this.#visit()?.learnerKey ?? null);
    return this.#o.lessons.map((lesson) => lessonSummary(lesson, progress.get(lesson.id)));
  }

  view(id: string): LessonView {
    const today = isoDateAt(this.#o.clock.wallMs(), VIETNAM_UTC_OFFSET_HOURS);
    return lessonView(this.#lesson(id), this.#progress(this.#visit()?.learnerKey ?? null).get(id), today, this.#o.narration?.get(id));
  }

  start(id: string): { resumeStep: number } {
    const lesson = this.#lesson(id);
    const visit = this.#visit();
    if (!visit) {
      this.#practice.resetGuest(id);
      return { resumeStep: 0 };
    }
    const progress = this.#progress(visit.learnerKey).get(id);
    const resumeStep = progress?.status === 'started' ? Math.min(progress.step, lesson.steps.length - 1) : 0;
    if (this.#startedInVisit.has(id)) return { resumeStep };
    const now = Math.floor(this.#o.clock.wallMs());
    this.#o.log.append([{ kind: 'lesson.started', payload: { learner_key: visit.learnerKey, visit_id: visit.visitId, lesson_id: id, lesson_version: lesson.version } }], (db) =>
      markStarted(db, { learnerKey: visit.learnerKey, lessonId: id, lessonVersion: lesson.version, wallMs: now }),
    );
    this.#startedInVisit.add(id);
    return { resumeStep };
  }

  saveStep(id: string, step: number): boolean {
    const lesson = this.#lesson(id);
    const visit = this.#visit();
    if (!visit) return false;
    if (step >= lesson.steps.length + 1) throw new StationError('bad_request', { vi: `Bài ${id} không có bước ${step}`, en: `Step ${step} is past the end of ${id}` });
    return saveProgressStep(this.#o.db, { learnerKey: visit.learnerKey, lessonId: id, step, wallMs: Math.floor(this.#o.clock.wallMs()) });
  }

  /** Scores one attempt at a practice step; see practice-attempts.ts. */
  attemptPractice(id: string, stepId: string, answer: PracticeAnswer): PracticeAttemptResult {
    return this.#practice.attempt(this.#lesson(id), stepId, answer, this.#visit(), Math.floor(this.#o.clock.wallMs()));
  }

  /**
   * Scores the quiz and records the result. `passed` is mastery (core/lessons/mastery.ts): the quiz
   * passed and every practice step of the lesson done right at least once; the quiz score is recorded
   * either way, so finishing the practice later completes the lesson (practice-attempts.ts).
   */
  complete(id: string, answers: readonly number[]): LessonResult {
    const lesson = this.#lesson(id);
    const scored = scoreQuiz(lesson, answers);
    if (!scored.ok) throw new StationError('bad_request', { vi: 'Câu trả lời không hợp lệ, xin làm lại bài kiểm tra.', en: scored.message });
    const { score, passed: quizPassed } = scored.value;
    const visit = this.#visit();
    const done = this.#practice.completed(lesson, visit);
    const passed = isMastered(quizPassed, practiceStepIds(lesson), done);
    let recorded = false;
    if (visit) {
      const now = Math.floor(this.#o.clock.wallMs());
      this.#o.log.append(
        [{ kind: 'lesson.completed', payload: { learner_key: visit.learnerKey, visit_id: visit.visitId, lesson_id: id, lesson_version: lesson.version, score, passed, assisted: false } }],
        (db) => markQuizDone(db, { learnerKey: visit.learnerKey, lessonId: id, lessonVersion: lesson.version, passed, score, wallMs: now }),
      );
      recorded = true;
      this.#startedInVisit.delete(id);
    }
    const practicePending = lesson.steps.flatMap((step, index) => (step.type === 'practice' && !done.has(step.id) ? [index] : []));
    const progress = this.#progress(visit?.learnerKey ?? null);
    const statuses = new Map<string, LessonProgress>([...progress].map(([key, row]) => [key, row.status]));
    if (!visit && passed) statuses.set(id, 'passed');
    const nextId = this.#suggest(statuses, id, visit?.learnerKey ?? null);
    const next = nextId ? this.#o.lessons.find((candidate) => candidate.id === nextId) : undefined;
    return { score, passed, quizPassed, practicePending, recorded, suggestion: next ? lessonSummary(next, progress.get(next.id)) : null };
  }

  /** The next lesson: within the learner's own track first, then anywhere (core suggestNext). */
  #suggest(statuses: ReadonlyMap<string, LessonProgress>, justFinished: string, learnerKey: string | null): string | null {
    const track = (this.#o.tracks ?? []).find((candidate) => candidate.id === this.#shownTrack(learnerKey, null).track);
    const inTrack = track ? this.#o.lessons.filter((lesson) => track.lessons.includes(lesson.id)) : [];
    const ordered = track ? track.lessons.flatMap((lessonId) => inTrack.filter((lesson) => lesson.id === lessonId)) : [];
    const fromTrack = ordered.length > 0 ? suggestNext(ordered, statuses, ordered.some((lesson) => lesson.id === justFinished) ? justFinished : null) : null;
    return fromTrack !== null && fromTrack !== justFinished ? fromTrack : suggestNext(this.#o.lessons, statuses, justFinished);
  }

  #shownTrack(learnerKey: string | null, choice: TrackId | null): ShownTrack {
    const year = Number(isoDateAt(this.#o.clock.wallMs(), VIETNAM_UTC_OFFSET_HOURS).slice(0, 4));
    const row = learnerKey === null ? { track: null, birthYear: null } : learnerTrackRow(this.#o.db, learnerKey);
    return resolveTrack(choice, row.track, row.birthYear, year);
  }

  /** The learner's progress per track; `choice` shows another track (a guest's, which is not kept). */
  progress(choice: TrackId | null): LearnerProgress {
    const learnerKey = this.#visit()?.learnerKey ?? null;
    const passed = new Set([...this.#progress(learnerKey).values()].filter((row) => row.status === 'passed').map((row) => row.lesson_id));
    return learnerProgress(this.#o.tracks ?? [], this.#o.lessons, passed, this.#shownTrack(learnerKey, choice));
  }

  /** Remembers a registered learner's track; a guest's choice is not kept. */
  chooseTrack(track: TrackId): { saved: boolean } {
    const visit = this.#visit();
    return { saved: visit ? saveLearnerTrack(this.#o.db, visit.learnerKey, track) : false };
  }

  /** The certificate code's anchor (store/certificate-anchor.ts); the log head if retention pruned the pass. */
  #anchorHash(learnerKey: string): string {
    return latestPassHash(this.#o.db, learnerKey) ?? this.#o.log.head().hash;
  }

  certificate(): Certificate {
    const visit = this.#visit();
    if (!visit) throw new StationError('not_found', { vi: 'Khách chưa đăng ký thì chưa có giấy chứng nhận', en: 'Guests have no certificate' });
    const known = new Set(this.#o.lessons.map((lesson) => lesson.id));
    const passed = [...this.#progress(visit.learnerKey).values()].filter((row) => row.status === 'passed' && known.has(row.lesson_id));
    if (passed.length === 0) throw new StationError('not_found', { vi: 'Bác chưa hoàn thành bài nào', en: 'No lesson passed yet' });
    const learner = knownLearner(this.#o.db, visit.learnerKey);
    const code = certificateCode(this.#o.sha256Hex, { stationId: this.#o.station.id, learnerKey: visit.learnerKey, lessonIds: passed.map((row) => row.lesson_id), headHash: this.#anchorHash(visit.learnerKey) });
    if (!code.ok) throw internalError(code.message);
    return {
      learnerName: learner?.display_name ?? '',
      stationName: this.#o.station.name,
      wardName: this.#o.station.wardName,
      issuedOn: vietnamDate(this.#o.clock.wallMs()),
      lessons: passed.map((row) => ({ title: this.#lesson(row.lesson_id).title, passedOn: vietnamDate(row.updated_wall_ms) })),
      progress: certificateProgress(this.progress(null)),
      verificationCode: code.value,
    };
  }
}
