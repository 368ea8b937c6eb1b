/**
 * Volunteer-led group sessions: consecutive scans check people in (a repeat within the session is
 * ignored), people without a card get a learner card printed on the spot, the volunteer marks the
 * lesson completed for everyone present (`lesson.completed` with assisted: true) and ends the session.
 * The volunteer confirms at the start that the group agreed to registration, so new learners are
 * registered without a consent screen each (consent version "group-…"). The group policy on the
 * learner road (learners/learner-road.ts).
 */
import { randomUUID } from 'node:crypto';
import { givenName } from '../../core/attendance/greeting';
import type { IdentityErrorCode, ParsedScan } from '../../core/identity/index';
import type { Lesson } from '../../core/lessons/lesson-schema';
import type { NewEvent } from '../../core/sync/protocol/event-payloads';
import type { GroupStatus } from '../../contract/dto';
import type { EventLog, LogClock } from '../db/event-log';
import { StationError } from '../station-error';
import type { LearnerRoad, PersonFacts, ScanMethod } from '../learners/learner-road';
import { markPassedAssisted } from '../store/lesson-progress';
import { rejectionMessage } from './rejection-messages';

export const GROUP_CONSENT_VERSION = 'group-2025-1';

interface Attendee {
  readonly learnerKey: string;
  readonly givenName: string;
  readonly visitId: string;
  readonly joinedWallMs: number;
}

interface ActiveGroup {
  readonly groupId: string;
  readonly lesson: Lesson | null;
  readonly startedWallMs: number;
  readonly attendees: Attendee[];
  completed: boolean;
  lastScan: GroupStatus['lastScan'];
}

export interface GroupServiceOptions {
  readonly road: LearnerRoad;
  readonly log: EventLog;
  readonly clock: LogClock;
  readonly lessons: readonly Lesson[];
}

export class GroupService {
  readonly #o: GroupServiceOptions;
  #group: ActiveGroup | null = null;

  constructor(options: GroupServiceOptions) {
    this.#o = options;
  }

  isActive(): boolean {
    return this.#group !== null;
  }

  status(): GroupStatus {
    const group = this.#group;
    if (!group) return { active: false, groupId: null, lessonId: null, lessonTitle: null, attendees: [], count: 0, completed: false, lastScan: null };
    return {
      active: true,
      groupId: group.groupId,
      lessonId: group.lesson?.id ?? null,
      lessonTitle: group.lesson?.title ?? null,
      attendees: group.attendees.map((a) => ({ givenName: a.givenName, joinedWallMs: a.joinedWallMs })),
      count: group.attendees.length,
      completed: group.completed,
      lastScan: group.lastScan,
    };
  }

  start(volunteerKey: string, lessonId: string | null): GroupStatus {
    if (this.#group) throw new StationError('conflict', { vi: 'Đang có một buổi học nhóm', en: 'A group session is already running' });
    const lesson = lessonId === null ? null : (this.#o.lessons.find((candidate) => candidate.id === lessonId) ?? null);
    if (lessonId !== null && !lesson) throw new StationError('not_found', { vi: `Không có bài học ${lessonId}`, en: `No lesson ${lessonId}` });
    const groupId = randomUUID();
    this.#o.log.append([{ kind: 'group.started', payload: { group_id: groupId, volunteer_key: volunteerKey, lesson_id: lessonId } }]);
    this.#group = { groupId, lesson, startedWallMs: Math.floor(this.#o.clock.wallMs()), attendees: [], completed: false, lastScan: null };
    return this.status();
  }

  #require(): ActiveGroup {
    if (!this.#group) throw new StationError('not_found', { vi: 'Chưa có buổi học nhóm', en: 'No group session' });
    return this.#group;
  }

  /** Checks a scanned person in (the text classified here). Duplicates and unreadable cards are reported, never an error. */
  join(text: string, method: ScanMethod): GroupStatus {
    this.#require();
    const scan = this.#o.road.classify(text, method);
    if (scan.kind !== 'learner') return this.noteRefused(scan.kind === 'rejected' ? scan.code : 'not_id_card');
    return this.joinLearner(scan.scan, method);
  }

  /** A scan that is not a learner's card: shown on the roster, nothing recorded. */
  noteRefused(code: IdentityErrorCode): GroupStatus {
    this.#require().lastScan = { kind: 'rejected', givenName: null, message: rejectionMessage(code) };
    return this.status();
  }

  /** Checks in a scan the router already classified as a learner's card. */
  joinLearner(scan: ParsedScan, method: ScanMethod): GroupStatus {
    const group = this.#require();
    const learner = this.#o.road.identify(scan, method);
    const fullName = learner.known?.display_name ?? learner.person.displayName;
    const shownName = fullName ? givenName(fullName) : '';
    if (group.attendees.some((attendee) => attendee.learnerKey === learner.learnerKey)) {
      group.lastScan = { kind: 'duplicate', givenName: shownName, message: null };
      return this.status();
    }
    this.#checkIn(group, learner.learnerKey, learner.known === undefined ? { ...learner.person, displayName: fullName } : null, learner.method, shownName);
    group.lastScan = { kind: 'joined', givenName: shownName, message: null };
    return this.status();
  }

  /** Registers a person without any card, checks them in and returns a learner card to print. */
  addWithoutCard(displayName: string | null, birthYear: number | null): { status: GroupStatus; cardPayload: string } {
    const group = this.#require();
    const card = this.#o.road.newCard();
    const shownName = displayName ? givenName(displayName) : '';
    this.#checkIn(group, card.learnerKey, { displayName, birthYear, gender: null, cardId: card.cardId }, 'assisted', shownName);
    group.lastScan = { kind: 'joined', givenName: shownName, message: null };
    return { status: this.status(), cardPayload: card.payload };
  }

  #checkIn(group: ActiveGroup, learnerKey: string, register: PersonFacts | null, method: ScanMethod, shownName: string): void {
    const { visitId, wallMs } = this.#o.road.checkIn({
      learnerKey,
      method,
      register: register === null ? null : { ...register, consentVersion: GROUP_CONSENT_VERSION },
      alsoAppend: () => [{ kind: 'group.joined', payload: { group_id: group.groupId, learner_key: learnerKey } }],
    });
    group.attendees.push({ learnerKey, givenName: shownName, visitId, joinedWallMs: wallMs });
  }

  /** Records the session's lesson as completed, assisted, for everyone present (once). */
  markCompleted(): GroupStatus {
    const group = this.#require();
    const lesson = group.lesson;
    if (!lesson) throw new StationError('bad_request', { vi: 'Buổi học này chưa chọn bài', en: 'This session has no lesson' });
    if (group.completed || group.attendees.length === 0) return this.status();
    const now = Math.floor(this.#o.clock.wallMs());
    const events: NewEvent[] = group.attendees.map((a) => ({
      kind: 'lesson.completed',
      payload: { learner_key: a.learnerKey, visit_id: a.visitId, lesson_id: lesson.id, lesson_version: lesson.version, score: lesson.quiz.passMark, passed: true, assisted: true },
    }));
    this.#o.log.append(events, (db) =>
      markPassedAssisted(db, { learnerKeys: group.attendees.map((a) => a.learnerKey), lessonId: lesson.id, lessonVersion: lesson.version, score: lesson.quiz.passMark, wallMs: now }),
    );
    group.completed = true;
    return this.status();
  }

  /** Ends the session: checks everyone out and records the attendee count. */
  end(): { attendees: number; durationMs: number; completed: boolean; lessonTitle: GroupStatus['lessonTitle'] } {
    const group = this.#require();
    const now = Math.floor(this.#o.clock.wallMs());
    this.#o.road.checkOut(group.attendees, 'group-end', [{ kind: 'group.ended', payload: { group_id: group.groupId, attendees: group.attendees.length } }]);
    this.#group = null;
    return { attendees: group.attendees.length, durationMs: now - group.startedWallMs, completed: group.completed, lessonTitle: group.lesson?.title ?? null };
  }
}
