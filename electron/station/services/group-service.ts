/**
 * Volunteer-led group sessions: consecutive scans check people in (a repeat within the session is
 * ignored), people without a card get a learner card printed on the spot, the volunteer marks the
 * lesson completed for everyone present (`lesson.completed` with assisted: true) and ends the session.
 * The volunteer confirms at the start that the group agreed to registration, so new learners are
 * registered without a consent screen each (consent version "group-…").
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { givenName } from '../../core/attendance/greeting';
import { formatLearnerCardPayload, learnerKeySubject, newLearnerCardId, parseScan, type ParsedScan } from '../../core/identity/index';
import type { Lesson } from '../../core/lessons/lesson-schema';
import type { NewEvent } from '../../core/sync/protocol/event-payloads';
import type { GroupStatus } from '../../contract/dto';
import type { EventLog, LogClock } from '../db/event-log';
import { StationError } from '../ipc/station-error';
import type { ScanMethod } from './identity-service';
import { rejectionMessage } from './rejection-messages';
import { closeVisit, insertLearner, insertVisit, knownLearner } from './visit-rows';

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
  readonly db: Database;
  readonly log: EventLog;
  readonly clock: LogClock;
  readonly lessons: readonly Lesson[];
  readonly wardCode: string;
  readonly learnerKeySecret: () => Buffer;
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
    if (this.#group) throw new StationError('conflict', 'Đang có một buổi học nhóm / A group session is already running');
    const lesson = lessonId === null ? null : (this.#o.lessons.find((candidate) => candidate.id === lessonId) ?? null);
    if (lessonId !== null && !lesson) throw new StationError('not_found', `no lesson ${lessonId}`);
    const groupId = randomUUID();
    this.#o.log.append([{ kind: 'group.started', payload: { group_id: groupId, volunteer_key: volunteerKey, lesson_id: lessonId } }]);
    this.#group = { groupId, lesson, startedWallMs: Math.floor(this.#o.clock.wallMs()), attendees: [], completed: false, lastScan: null };
    return this.status();
  }

  #require(): ActiveGroup {
    if (!this.#group) throw new StationError('not_found', 'Chưa có buổi học nhóm / No group session');
    return this.#group;
  }

  #learnerKey(scan: ParsedScan): string {
    return createHmac('sha256', this.#o.learnerKeySecret()).update(learnerKeySubject(scan), 'utf8').digest('hex');
  }

  /** Checks a scanned person in. Duplicates and unreadable cards are reported, never an error. */
  join(text: string, method: ScanMethod): GroupStatus {
    const group = this.#require();
    const now = Math.floor(this.#o.clock.wallMs());
    const parsed = parseScan(text, { nowMs: now, ...(method === 'keyboard' ? { source: 'keyboard-wedge' as const } : {}) });
    if (!parsed.ok) {
      group.lastScan = { kind: 'rejected', givenName: null, message: rejectionMessage(parsed.code) };
      return this.status();
    }
    const scan = parsed.value;
    const learnerKey = this.#learnerKey(scan);
    const known = knownLearner(this.#o.db, learnerKey);
    const fullName = known?.display_name ?? (scan.kind === 'cccd' && scan.name ? scan.name : null);
    const shownName = fullName ? givenName(fullName) : '';
    if (group.attendees.some((attendee) => attendee.learnerKey === learnerKey)) {
      group.lastScan = { kind: 'duplicate', givenName: shownName, message: null };
      return this.status();
    }
    const person = scan.kind === 'cccd' ? { displayName: fullName, birthYear: Number(scan.birthDate.slice(0, 4)), gender: scan.gender, cardId: null } : { displayName: fullName, birthYear: null, gender: null, cardId: scan.cardId };
    this.#checkIn(group, learnerKey, known === undefined ? person : null, scan.kind === 'card' ? 'card' : method, shownName, now);
    group.lastScan = { kind: 'joined', givenName: shownName, message: null };
    return this.status();
  }

  /** Registers a person without any card, checks them in and returns a learner card to print. */
  addWithoutCard(displayName: string | null, birthYear: number | null): { status: GroupStatus; cardPayload: string } {
    const group = this.#require();
    const cardId = newLearnerCardId((length) => randomBytes(length));
    if (!cardId.ok) throw new StationError('internal', cardId.message);
    const payload = formatLearnerCardPayload(cardId.value);
    if (!payload.ok) throw new StationError('internal', payload.message);
    const learnerKey = this.#learnerKey({ kind: 'card', cardId: cardId.value });
    const now = Math.floor(this.#o.clock.wallMs());
    const shownName = displayName ? givenName(displayName) : '';
    this.#checkIn(group, learnerKey, { displayName, birthYear, gender: null, cardId: cardId.value }, 'assisted', shownName, now);
    group.lastScan = { kind: 'joined', givenName: shownName, message: null };
    return { status: this.status(), cardPayload: payload.value };
  }

  #checkIn(group: ActiveGroup, learnerKey: string, register: { displayName: string | null; birthYear: number | null; gender: 'nam' | 'nu' | null; cardId: string | null } | null, method: ScanMethod, shownName: string, now: number): void {
    const visitId = randomUUID();
    const events: NewEvent[] = [];
    if (register) {
      events.push({ kind: 'learner.registered', payload: { learner_key: learnerKey, birth_year: register.birthYear, gender: register.gender, ward_code: this.#o.wardCode, method, consent_version: GROUP_CONSENT_VERSION } });
    }
    events.push({ kind: 'attendance.checkin', payload: { learner_key: learnerKey, visit_id: visitId, method } });
    events.push({ kind: 'group.joined', payload: { group_id: group.groupId, learner_key: learnerKey } });
    this.#o.log.append(events, (db) => {
      if (register) insertLearner(db, { learnerKey, displayName: register.displayName, birthYear: register.birthYear, gender: register.gender, wardCode: this.#o.wardCode, consentVersion: GROUP_CONSENT_VERSION, wallMs: now, cardId: register.cardId });
      insertVisit(db, visitId, learnerKey, method, now);
    });
    group.attendees.push({ learnerKey, givenName: shownName, visitId, joinedWallMs: now });
  }

  /** Records the session's lesson as completed, assisted, for everyone present (once). */
  markCompleted(): GroupStatus {
    const group = this.#require();
    const lesson = group.lesson;
    if (!lesson) throw new StationError('bad_request', 'Buổi học này chưa chọn bài / This session has no lesson');
    if (group.completed || group.attendees.length === 0) return this.status();
    const now = Math.floor(this.#o.clock.wallMs());
    const events: NewEvent[] = group.attendees.map((a) => ({
      kind: 'lesson.completed',
      payload: { learner_key: a.learnerKey, visit_id: a.visitId, lesson_id: lesson.id, lesson_version: lesson.version, score: lesson.quiz.passMark, passed: true, assisted: true },
    }));
    this.#o.log.append(events, (db) => {
      const upsert = db.prepare(
        `INSERT INTO lesson_progress (learner_key, lesson_id, lesson_version, step, status, best_score, updated_wall_ms) VALUES (?, ?, ?, 0, 'passed', ?, ?)
         ON CONFLICT (learner_key, lesson_id) DO UPDATE SET status = 'passed', step = 0, best_score = MAX(COALESCE(best_score, 0), excluded.best_score), updated_wall_ms = excluded.updated_wall_ms`,
      );
      for (const a of group.attendees) upsert.run(a.learnerKey, lesson.id, lesson.version, lesson.quiz.passMark, now);
    });
    group.completed = true;
    return this.status();
  }

  /** Ends the session: checks everyone out and records the attendee count. */
  end(): { attendees: number; durationMs: number; completed: boolean; lessonTitle: GroupStatus['lessonTitle'] } {
    const group = this.#require();
    const now = Math.floor(this.#o.clock.wallMs());
    const events: NewEvent[] = group.attendees.map((a) => ({ kind: 'attendance.checkout', payload: { learner_key: a.learnerKey, visit_id: a.visitId, reason: 'group-end' } }));
    events.push({ kind: 'group.ended', payload: { group_id: group.groupId, attendees: group.attendees.length } });
    this.#o.log.append(events, (db) => {
      for (const a of group.attendees) closeVisit(db, a.visitId, 'group-end', now);
    });
    this.#group = null;
    return { attendees: group.attendees.length, durationMs: now - group.startedWallMs, completed: group.completed, lessonTitle: group.lesson?.title ?? null };
  }
}
