/**
 * Attempts at practice steps (issue #19 item 2), for the lesson service. The station scores every
 * attempt (core/lessons/practice-scoring.ts) and, for a registered learner, writes one
 * `practice.attempted` event — step, kind, right or not, attempt number; never the answer — in the
 * same transaction as the attempt count. When the attempt finishes the last practice step of a lesson
 * whose quiz the learner already passed, the lesson becomes passed in that same transaction, with a
 * `lesson.completed` event carrying the best quiz score (the mastery rule: core/lessons/mastery.ts).
 *
 * A guest's attempts are scored and counted in memory only, per lesson, from the moment the lesson
 * is opened: nothing about a guest is kept.
 */
import type { Database } from 'better-sqlite3';
import type { Lesson } from '../../core/lessons/lesson-schema';
import { isMastered, practiceStepIds } from '../../core/lessons/mastery';
import type { PracticeStep } from '../../core/lessons/practice-schema';
import { scorePractice, type PracticeAnswer } from '../../core/lessons/practice-scoring';
import type { NewEvent } from '../../core/sync/protocol/event-payloads';
import type { PracticeAttemptResult } from '../../contract/dto';
import type { EventLog } from '../db/event-log';
import { StationError } from '../station-error';
import { markPassedByPractice, progressRow } from '../store/lesson-progress';
import { attemptsSoFar, completedPractice, countAttempt } from '../store/practice-progress';

export type Visit = { readonly learnerKey: string; readonly visitId: string };

export class PracticeAttempts {
  readonly #db: Database;
  readonly #log: EventLog;
  /** Guest state per lesson: attempts per step, and the steps done right. */
  readonly #guest = new Map<string, { attempts: Map<string, number>; completed: Set<string> }>();

  constructor(db: Database, log: EventLog) {
    this.#db = db;
    this.#log = log;
  }

  /** A guest opened the lesson: their practice in it starts afresh. */
  resetGuest(lessonId: string): void {
    this.#guest.delete(lessonId);
  }

  /** The practice steps of `lesson` done right: stored for a learner, remembered since opening for a guest. */
  completed(lesson: Lesson, visit: Visit | null): Set<string> {
    return visit ? completedPractice(this.#db, visit.learnerKey, lesson.id) : new Set(this.#guest.get(lesson.id)?.completed);
  }

  /** Scores one attempt and records it; see the header. */
  attempt(lesson: Lesson, stepId: string, answer: PracticeAnswer, visit: Visit | null, wallMs: number): PracticeAttemptResult {
    const step = lesson.steps.find((candidate): candidate is PracticeStep & { type: 'practice' } => candidate.type === 'practice' && candidate.id === stepId);
    if (!step) throw new StationError('not_found', { vi: `Bài ${lesson.id} không có bước thực hành ${stepId}`, en: `No practice step ${stepId} in ${lesson.id}` });
    const scored = scorePractice(step, answer);
    if (!scored.ok) throw new StationError('bad_request', { vi: 'Câu trả lời thực hành không hợp lệ, xin làm lại.', en: scored.message });
    const { correct } = scored.value;

    if (!visit) {
      const guest = this.#guest.get(lesson.id) ?? { attempts: new Map<string, number>(), completed: new Set<string>() };
      this.#guest.set(lesson.id, guest);
      const attempt = (guest.attempts.get(stepId) ?? 0) + 1;
      guest.attempts.set(stepId, attempt);
      if (correct) guest.completed.add(stepId);
      return { correct, attempt, recorded: false, detail: scored.value, lessonPassed: false };
    }

    const attempt = attemptsSoFar(this.#db, visit.learnerKey, lesson.id, stepId) + 1;
    const events: NewEvent[] = [
      {
        kind: 'practice.attempted',
        payload: { learner_key: visit.learnerKey, visit_id: visit.visitId, lesson_id: lesson.id, lesson_version: lesson.version, step: stepId, kind: step.kind, correct, attempt },
      },
    ];
    const passing = correct ? this.#passingQuizScore(lesson, visit, stepId) : null;
    if (passing !== null) {
      events.push({ kind: 'lesson.completed', payload: { learner_key: visit.learnerKey, visit_id: visit.visitId, lesson_id: lesson.id, lesson_version: lesson.version, score: passing, passed: true, assisted: false } });
    }
    this.#log.append(events, (db) => {
      countAttempt(db, visit.learnerKey, lesson.id, stepId, correct, wallMs);
      if (passing !== null) markPassedByPractice(db, { learnerKey: visit.learnerKey, lessonId: lesson.id, lessonVersion: lesson.version, wallMs });
    });
    return { correct, attempt, recorded: true, detail: scored.value, lessonPassed: passing !== null };
  }

  /**
   * The best quiz score when this correct attempt at `stepId` completes the lesson: the quiz was
   * passed before, the lesson is not passed yet, and every other practice step is already done.
   */
  #passingQuizScore(lesson: Lesson, visit: Visit, stepId: string): number | null {
    const row = progressRow(this.#db, visit.learnerKey, lesson.id);
    if (!row || row.status === 'passed' || row.best_score === null) return null;
    const completed = completedPractice(this.#db, visit.learnerKey, lesson.id);
    if (completed.has(stepId)) return null;
    completed.add(stepId);
    return isMastered(row.best_score >= lesson.quiz.passMark, practiceStepIds(lesson), completed) ? row.best_score : null;
  }
}
