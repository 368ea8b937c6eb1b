/**
 * Synthetic but realistic activity written through the real write path (EventLog.append, one
 * transaction per user action): registrations, check-ins, lessons started and completed, check-outs.
 * For demos, benchmarks and tests. Deterministic for a given seed.
 */
import { createHash } from 'node:crypto';
import { seededRandom } from '../../core/seeded-random';
import type { NewEvent } from '../../core/sync/protocol/event-payloads';
import type { EventLog } from './event-log';

const LESSONS = ['vneid-kich-hoat-muc-2', 'thanh-toan-vietqr', 'cuoc-goi-gia-danh-cong-an', 'mat-khau-otp', 'zalo-an-toan', 'kiem-chung-thong-tin'];
const WARDS = ['06688', '06706', '06658', '06661'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** The user actions of one visit, each a list of events written in one transaction. */
function visitActions(random: () => number, visitNo: number, isNewLearner: boolean, learnerNo: number): NewEvent[][] {
  const learnerKey = createHash('sha256').update(`seed-learner-${learnerNo}`).digest('hex');
  const visitId = `seed-visit-${visitNo}`;
  const lessonId = pick(random, LESSONS);
  const method = random() < 0.8 ? 'hid-pos' : 'card';
  const actions: NewEvent[][] = [];
  const checkin: NewEvent = { kind: 'attendance.checkin', payload: { learner_key: learnerKey, visit_id: visitId, method } };
  if (isNewLearner) {
    const birthYear = 1940 + Math.floor(random() * 70);
    actions.push([
      { kind: 'learner.registered', payload: { learner_key: learnerKey, birth_year: birthYear, gender: random() < 0.5 ? 'nam' : 'nu', ward_code: pick(random, WARDS), method, consent_version: '2025-1' } },
      checkin,
    ]);
  } else actions.push([checkin]);
  actions.push([{ kind: 'lesson.started', payload: { learner_key: learnerKey, visit_id: visitId, lesson_id: lessonId, lesson_version: 1 } }]);
  const score = Math.floor(random() * 4);
  actions.push([{ kind: 'lesson.completed', payload: { learner_key: learnerKey, visit_id: visitId, lesson_id: lessonId, lesson_version: 1, score, passed: score >= 2, assisted: false } }]);
  actions.push([{ kind: 'attendance.checkout', payload: { learner_key: learnerKey, visit_id: visitId, reason: random() < 0.7 ? 'user' : 'idle' } }]);
  return actions;
}

/** Appends at least `count` events (whole actions, trimmed at the end) and returns how many were written. */
export function seedEvents(log: EventLog, count: number, seed = 1): number {
  const random = seededRandom(seed);
  let written = 0;
  let visitNo = 0;
  let learners = 0;
  while (written < count) {
    visitNo += 1;
    const isNew = learners === 0 || random() < 0.4;
    if (isNew) learners += 1;
    const learnerNo = isNew ? learners : 1 + Math.floor(random() * learners);
    for (const action of visitActions(random, visitNo, isNew, learnerNo)) {
      const events = action.slice(0, count - written);
      if (events.length === 0) break;
      log.append(events);
      written += events.length;
    }
  }
  return written;
}
