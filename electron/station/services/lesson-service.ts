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
import { StationError } from '../ipc/station-error';
import type { IdentityService } from './identity-service';
import { certificateProgress, learnerProgress, resolveTrack, type ShownTrack } from './learner-progress';
import { lessonSummary, lessonView, vietnamDate, type ProgressRow } from './lesson-views';
import { PracticeAttempts } from './practice-attempts';
import { learnerTrackRow, saveLearnerTrack } from './practice-rows';

export interface LessonServiceOptions {
  readonly db: Database;
  readonly log: EventLog;
  readonly identity: IdentityService;
  readonly lessons: readonly Lesson[];
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
    if (!lesson) throw new StationError('not_found', `Không có bài học ${id} / No lesson ${id}`);
    return lesson;
  }

  #progress(learnerKey: string | null): Map<string, ProgressRow> {
    if (learnerKey === null) return new Map();
    const rows = this.#o.db
      .prepare<[string], ProgressRow>('SELECT lesson_id, lesson_version, step, status, best_score, updated_wall_ms FROM lesson_progress WHERE learner_key = ?')
      .all(learnerKey);
    return new Map(rows.map((row) => [row.lesson_id, row]));
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
    return lessonView(this.#lesson(id), this.#progress(this.#visit()?.learnerKey ?? null).get(id), today);
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
    this.#o.log.append([{ kind: 'lesson.started', payload: { learner_key: visit.learnerKey, visit_id: visit.visitId, lesson_id: id, lesson_version: lesson.version } }], (db) => {
      db.prepare(
        `INSERT INTO lesson_progress (learner_key, lesson_id, lesson_version, step, status, best_score, updated_wall_ms) VALUES (?, ?, ?, 0, 'started', NULL, ?)
         ON CONFLICT (learner_key, lesson_id) DO UPDATE SET
           status = CASE WHEN lesson_progress.status = 'passed' THEN 'passed' ELSE 'started' END,
           step = CASE WHEN lesson_progress.status = 'started' THEN lesson_progress.step ELSE 0 END,
           lesson_version = excluded.lesson_version, updated_wall_ms = excluded.updated_wall_ms`,
      ).run(visit.learnerKey, id, lesson.version, now);
    });
    this.#startedInVisit.add(id);
    return { resumeStep };
  }

  saveStep(id: string, step: number): boolean {
    const lesson = this.#lesson(id);
    const visit = this.#visit();
    if (!visit) return false;
    if (step >= lesson.steps.length + 1) throw new StationError('bad_request', `step ${step} is past the end of ${id}`);
    const result = this.#o.db
      .prepare("UPDATE lesson_progress SET step = ?, updated_wall_ms = ? WHERE learner_key = ? AND lesson_id = ? AND status = 'started'")
      .run(step, Math.floor(this.#o.clock.wallMs()), visit.learnerKey, id);
    return result.changes > 0;
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
    if (!scored.ok) throw new StationError('bad_request', scored.message);
    const { score, passed: quizPassed } = scored.value;
    const visit = this.#visit();
    const done = this.#practice.completed(lesson, visit);
    const passed = isMastered(quizPassed, practiceStepIds(lesson), done);
    let recorded = false;
    if (visit) {
      const now = Math.floor(this.#o.clock.wallMs());
      this.#o.log.append(
        [{ kind: 'lesson.completed', payload: { learner_key: visit.learnerKey, visit_id: visit.visitId, lesson_id: id, lesson_version: lesson.version, score, passed, assisted: false } }],
        (db) => {
          db.prepare(
            `INSERT INTO lesson_progress (learner_key, lesson_id, lesson_version, step, status, best_score, updated_wall_ms) VALUES (?, ?, ?, 0, ?, ?, ?)
             ON CONFLICT (learner_key, lesson_id) DO UPDATE SET
               status = CASE WHEN lesson_progress.status = 'passed' OR excluded.status = 'passed' THEN 'passed' ELSE 'failed' END,
               best_score = MAX(COALESCE(lesson_progress.best_score, 0), excluded.best_score),
               updated_wall_ms = CASE WHEN lesson_progress.status = 'passed' THEN lesson_progress.updated_wall_ms ELSE excluded.updated_wall_ms END,
               step = 0, lesson_version = excluded.lesson_version`,
          ).run(visit.learnerKey, id, lesson.version, passed ? 'passed' : 'failed', score, now);
        },
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

  /**
   * The hash the certificate code is anchored on: the learner's latest passing `lesson.completed`
   * event. The city holds the same event, so an official can recompute the code, and reprinting the
   * same certificate gives the same code. Falls back to the log head if retention pruned the event.
   */
  #anchorHash(learnerKey: string): string {
    const row = this.#o.db
      .prepare<[string], { hash: string }>(
        `SELECT hash FROM events WHERE kind = 'lesson.completed' AND json_extract(payload, '$.learner_key') = ? AND json_extract(payload, '$.passed') = 1
         ORDER BY epoch DESC, seq DESC LIMIT 1`,
      )
      .get(learnerKey);
    return row?.hash ?? this.#o.log.head().hash;
  }

  certificate(): Certificate {
    const visit = this.#visit();
    if (!visit) throw new StationError('not_found', 'Khách chưa đăng ký thì chưa có giấy chứng nhận / Guests have no certificate');
    const known = new Set(this.#o.lessons.map((lesson) => lesson.id));
    const passed = [...this.#progress(visit.learnerKey).values()].filter((row) => row.status === 'passed' && known.has(row.lesson_id));
    if (passed.length === 0) throw new StationError('not_found', 'Bác chưa hoàn thành bài nào / No lesson passed yet');
    const learner = this.#o.db.prepare<[string], { display_name: string | null }>('SELECT display_name FROM learners WHERE learner_key = ?').get(visit.learnerKey);
    const code = certificateCode(this.#o.sha256Hex, { stationId: this.#o.station.id, learnerKey: visit.learnerKey, lessonIds: passed.map((row) => row.lesson_id), headHash: this.#anchorHash(visit.learnerKey) });
    if (!code.ok) throw new StationError('internal', code.message);
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
