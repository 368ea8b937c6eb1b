/**
 * The one road every learner scan travels, whatever asked for it (a walk-in visit, a group session,
 * a volunteer looking a learner up): classify the scan once (core/identity/classify-scan.ts), derive
 * the learner key in the one place that does (learner-keys.ts), find the learner row, and write a
 * registration and check-in with their derived rows in one log transaction. The services on top of
 * it (identity, group, rights) differ only in policy: consent screen or group consent, greeting or
 * roster, record shown or erased.
 *
 * What the card said (name, birth date, ID number) stays in memory: only the learner key, birth
 * year, gender and ward reach an event, and the name only the erasable `learners` row.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { classifyScan, formatLearnerCardPayload, newLearnerCardId, type ParsedScan, type ScanClass } from '../../core/identity/index';
import type { NewEvent } from '../../core/sync/protocol/event-payloads';
import type { EventLog, LogClock } from '../db/event-log';
import { internalError } from '../station-error';
import { insertLearner, knownLearner, type KnownLearner } from '../store/learners';
import { closeVisit, insertVisit } from '../store/visits';
import type { LearnerKeys } from './learner-keys';

export type ScanMethod = 'hid-pos' | 'serial' | 'keyboard' | 'card' | 'assisted';

/** What a scan tells about a person, kept only for registration. */
export interface PersonFacts {
  readonly displayName: string | null;
  readonly birthYear: number | null;
  readonly gender: 'nam' | 'nu' | null;
  /** A printed learner card's id (kept so the card can be reprinted). */
  readonly cardId: string | null;
}

export interface ScannedLearner {
  readonly learnerKey: string;
  /** The method the events record: a learner card is `card` whichever scanner read it. */
  readonly method: ScanMethod;
  /** The station's row for this learner, if registered here before. */
  readonly known: KnownLearner | undefined;
  readonly person: PersonFacts;
}

export interface LearnerRoadOptions {
  readonly db: Database;
  readonly log: EventLog;
  readonly clock: LogClock;
  readonly keys: LearnerKeys;
  readonly wardCode: string;
}

export interface CheckIn {
  readonly learnerKey: string;
  readonly method: ScanMethod;
  /** Registers the learner first (a new person) with this consent version. */
  readonly register: (PersonFacts & { readonly consentVersion: string }) | null;
  /** Events that belong to the same action (a `group.joined`), given the new visit id. */
  readonly alsoAppend?: (visitId: string) => readonly NewEvent[];
}

export class LearnerRoad {
  readonly #o: LearnerRoadOptions;

  constructor(options: LearnerRoadOptions) {
    this.#o = options;
  }

  /** Classifies a scan once. A keyboard wedge mangles Vietnamese letters: only its digits are trusted. */
  classify(text: string, method: ScanMethod): ScanClass {
    return classifyScan(text, { nowMs: this.#o.clock.wallMs(), ...(method === 'keyboard' ? { source: 'keyboard-wedge' as const } : {}) });
  }

  /** Who a scanned card belongs to: their learner key, and their row if they are known here. */
  identify(scan: ParsedScan, method: ScanMethod): ScannedLearner {
    const learnerKey = this.#o.keys.keyFor(scan);
    const person: PersonFacts =
      scan.kind === 'cccd'
        ? { displayName: scan.name !== '' ? scan.name : null, birthYear: Number(scan.birthDate.slice(0, 4)), gender: scan.gender, cardId: null }
        : { displayName: null, birthYear: null, gender: null, cardId: scan.cardId };
    return { learnerKey, method: scan.kind === 'card' ? 'card' : method, known: knownLearner(this.#o.db, learnerKey), person };
  }

  /** A new learner card for a person without one: its QR payload and the learner key it stands for. */
  newCard(): { learnerKey: string; cardId: string; payload: string } {
    const cardId = newLearnerCardId((length) => randomBytes(length));
    if (!cardId.ok) throw internalError(cardId.message);
    const payload = formatLearnerCardPayload(cardId.value);
    if (!payload.ok) throw internalError(payload.message);
    return { learnerKey: this.#o.keys.keyFor({ kind: 'card', cardId: cardId.value }), cardId: cardId.value, payload: payload.value };
  }

  /** Registers (if asked) and checks a learner in, in one transaction; returns the new visit id. */
  checkIn(p: CheckIn): { visitId: string; wallMs: number } {
    const now = Math.floor(this.#o.clock.wallMs());
    const visitId = randomUUID();
    const events: NewEvent[] = [];
    const register = p.register;
    if (register) {
      events.push({
        kind: 'learner.registered',
        payload: { learner_key: p.learnerKey, birth_year: register.birthYear, gender: register.gender, ward_code: this.#o.wardCode, method: p.method, consent_version: register.consentVersion },
      });
    }
    events.push({ kind: 'attendance.checkin', payload: { learner_key: p.learnerKey, visit_id: visitId, method: p.method } });
    events.push(...(p.alsoAppend?.(visitId) ?? []));
    this.#o.log.append(events, (db) => {
      if (register) {
        insertLearner(db, {
          learnerKey: p.learnerKey,
          displayName: register.displayName,
          birthYear: register.birthYear,
          gender: register.gender,
          wardCode: this.#o.wardCode,
          consentVersion: register.consentVersion,
          wallMs: now,
          cardId: register.cardId,
        });
      }
      insertVisit(db, visitId, p.learnerKey, p.method, now);
    });
    return { visitId, wallMs: now };
  }

  /** Checks visits out in one transaction, with any events that end the same action. */
  checkOut(visits: ReadonlyArray<{ learnerKey: string; visitId: string }>, reason: 'user' | 'idle' | 'shutdown' | 'group-end', alsoAppend: readonly NewEvent[] = []): void {
    const now = Math.floor(this.#o.clock.wallMs());
    const events: NewEvent[] = visits.map((visit) => ({ kind: 'attendance.checkout', payload: { learner_key: visit.learnerKey, visit_id: visit.visitId, reason } }));
    this.#o.log.append([...events, ...alsoAppend], (db) => {
      for (const visit of visits) closeVisit(db, visit.visitId, reason, now);
    });
  }
}
