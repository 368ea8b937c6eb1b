/**
 * The shapes of the station's reports: the summary a volunteer prints or sends to the commune, and
 * the rows of the attendance sheet ("Danh sách điểm danh") commune officials file. The summary holds
 * counts only; names appear only in attendance rows, which stay on the station's local exports.
 */
import type { AgeBand } from './age-bands';
import type { PeriodName } from './periods';

import type { Bilingual } from '../bilingual';

export type { Bilingual } from '../bilingual';

/** What a report needs of a lesson pack: a Lesson object fits. */
export interface LessonTitle {
  readonly id: string;
  readonly title: Bilingual;
}

export const GENDER_KEYS = ['nam', 'nu', 'unknown'] as const;
export type GenderKey = (typeof GENDER_KEYS)[number];

export const GENDER_LABELS: Readonly<Record<GenderKey, Bilingual>> = {
  nam: { vi: 'Nam', en: 'Male' },
  nu: { vi: 'Nữ', en: 'Female' },
  unknown: { vi: 'Không rõ', en: 'Unknown' },
};

export interface LessonCounts {
  readonly lessonId: string;
  /** The pack's title; the id in both languages for a lesson no longer installed. */
  readonly title: Bilingual;
  /** `lesson.started` events (a resumed lesson is announced once per visit). */
  readonly started: number;
  /** Quiz attempts (`lesson.completed` events, failed ones and retakes included): attempts, never people. */
  readonly completed: number;
  /** Learners whose first pass of this lesson falls in the period: each learner counts once per lesson. */
  readonly passed: number;
}

export interface StationReport {
  readonly period: { readonly name: PeriodName; readonly from: number; readonly to: number; readonly label: Bilingual };
  /** Visits that started in the period (guests leave no visit and are never counted). */
  readonly visits: number;
  /** Distinct learner keys among those visits. */
  readonly distinctLearners: number;
  /** Quiz attempts of every lesson. */
  readonly lessonsCompleted: number;
  /** Lessons passed, each (learner, lesson) once: the sum of `passed` over lessons. */
  readonly lessonsPassed: number;
  /** Distinct learners by age band at the report date; an erased learner is "unknown". */
  readonly byAgeBand: Readonly<Record<AgeBand, number>>;
  /** Distinct learners by gender; an erased learner is "unknown". */
  readonly byGender: Readonly<Record<GenderKey, number>>;
  readonly byLesson: readonly LessonCounts[];
  /** Group sessions (group.started) begun in the period. */
  readonly groups: number;
  /**
   * True when retention has pruned log events that may fall in the period: visit counts still come
   * whole from the visits table, but lesson and group counts may then be low.
   */
  readonly partial: boolean;
}

export interface AttendanceLesson {
  readonly lessonId: string;
  readonly title: Bilingual;
  /** Passed at least once in this visit. */
  readonly passed: boolean;
}

/** One visit on the attendance sheet, already formatted for printing. */
export interface AttendanceRow {
  /** Số thứ tự, from 1. */
  readonly stt: number;
  /** The learner's name, ERASED_NAME when the learner was erased, NO_NAME when none was read. */
  readonly name: string;
  readonly birthYear: number | null;
  /** "Nam", "Nữ" or "" when unknown. */
  readonly gender: string;
  /** dd/mm/yyyy of the check-in. */
  readonly date: string;
  /** HH:MM check-in. */
  readonly timeIn: string;
  /** HH:MM check-out, "" while the visit is still open. */
  readonly timeOut: string;
  /** Lessons completed in this visit, in the order first completed. */
  readonly lessons: readonly AttendanceLesson[];
}

export const ERASED_NAME = '(đã xoá)';
/** A learner registered without a name (a learner card read before the ID card was ever scanned). */
export const NO_NAME = '(không rõ tên)';
