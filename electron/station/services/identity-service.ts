/**
 * Turns scans into visits. A scan is parsed (core/identity), turned into a learner key (HMAC with the
 * city learner key, PROTOCOL.md §1), and then: a known learner is checked in and greeted; an unknown
 * one is asked for consent first, with what was read held only in memory until they answer. Declining
 * makes a guest visit that stores nothing about the person. The raw ID number and QR text are dropped
 * here and never reach the database, a log or the renderer.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { decideScan, type ActiveVisit } from '../../core/attendance/scan-policy';
import { givenName, honorificFor } from '../../core/attendance/greeting';
import { learnerKeySubject, parseScan, type ParsedScan } from '../../core/identity/index';
import type { ScanOutcome } from '../../contract/dto';
import type { EventLog, LogClock } from '../db/event-log';
import { StationError } from '../ipc/station-error';
import { rejectionMessage } from './rejection-messages';
import { closeVisit, insertLearner, insertVisit, knownLearner } from './visit-rows';

export type ScanMethod = 'hid-pos' | 'serial' | 'keyboard' | 'card' | 'assisted';

export const CONSENT_VERSION = '2025-1';
const PENDING_CONSENT_MS = 5 * 60_000;

interface PendingRegistration {
  readonly pendingId: string;
  readonly learnerKey: string;
  readonly fullName: string | null;
  readonly birthYear: number | null;
  readonly gender: 'nam' | 'nu' | null;
  readonly method: ScanMethod;
  readonly cardId: string | null;
  readonly expiresWallMs: number;
}

export interface IdentityServiceOptions {
  readonly db: Database;
  readonly log: EventLog;
  readonly clock: LogClock;
  /** The HMAC key for learner keys (city learner key once enrolled). */
  readonly learnerKeySecret: () => Buffer;
  readonly wardCode: string;
}

export class IdentityService {
  readonly #options: IdentityServiceOptions;
  #pending: PendingRegistration | null = null;
  #active: ActiveVisit | null = null;

  constructor(options: IdentityServiceOptions) {
    this.#options = options;
  }

  /** hex(HMAC-SHA256(secret, subject)): the same person gets the same key at every station of the city. */
  learnerKeyFor(scan: ParsedScan): string {
    return createHmac('sha256', this.#options.learnerKeySecret()).update(learnerKeySubject(scan), 'utf8').digest('hex');
  }

  /** The visit in progress, if any. */
  activeVisit(): ActiveVisit | null {
    return this.#active;
  }

  /** Handles one scan from any scanner path. Never throws for bad input: a rejection is an outcome. */
  handleScan(text: string, method: ScanMethod): ScanOutcome | null {
    const now = this.#options.clock.wallMs();
    // A keyboard wedge drops or mangles Vietnamese letters: trust only the digits of such a scan.
    const parsed = parseScan(text, { nowMs: now, ...(method === 'keyboard' ? { source: 'keyboard-wedge' as const } : {}) });
    if (!parsed.ok) return { kind: 'rejected', code: parsed.code, message: rejectionMessage(parsed.code) };
    const scan = parsed.value;
    const learnerKey = this.learnerKeyFor(scan);
    const decision = decideScan(this.#active, learnerKey, now);
    if (decision === 'ignore-repeat') return null;
    if (decision === 'switch-learner') this.endVisit('user');
    const effectiveMethod: ScanMethod = scan.kind === 'card' ? 'card' : method;
    const known = knownLearner(this.#options.db, learnerKey);
    if (known) return this.#checkIn(learnerKey, known.display_name, known.birth_year, effectiveMethod, false);

    const fullName = scan.kind === 'cccd' && scan.name !== '' ? scan.name : null;
    const birthYear = scan.kind === 'cccd' ? Number(scan.birthDate.slice(0, 4)) : null;
    this.#pending = {
      pendingId: randomUUID(),
      learnerKey,
      fullName,
      birthYear,
      gender: scan.kind === 'cccd' ? scan.gender : null,
      method: effectiveMethod,
      cardId: scan.kind === 'card' ? scan.cardId : null,
      expiresWallMs: now + PENDING_CONSENT_MS,
    };
    return { kind: 'consent', pendingId: this.#pending.pendingId, givenName: fullName ? givenName(fullName) : '', honorific: honorificFor(birthYear, this.#currentYear()) };
  }

  /** The answer on the consent screen. Declining forgets what was read and makes a guest visit. */
  answerConsent(pendingId: string, accept: boolean): ScanOutcome {
    const pending = this.#pending;
    if (!pending || pending.pendingId !== pendingId || pending.expiresWallMs < this.#options.clock.wallMs()) {
      this.#pending = null;
      throw new StationError('not_found', 'Hết thời gian chờ, xin quét thẻ lại / Timed out, please scan again');
    }
    this.#pending = null;
    if (!accept) return { kind: 'guest', visitId: null };
    const now = Math.floor(this.#options.clock.wallMs());
    const visitId = randomUUID();
    this.#options.log.append(
      [
        {
          kind: 'learner.registered',
          payload: { learner_key: pending.learnerKey, birth_year: pending.birthYear, gender: pending.gender, ward_code: this.#options.wardCode, method: pending.method, consent_version: CONSENT_VERSION },
        },
        { kind: 'attendance.checkin', payload: { learner_key: pending.learnerKey, visit_id: visitId, method: pending.method } },
      ],
      (db) => {
        insertLearner(db, { learnerKey: pending.learnerKey, displayName: pending.fullName, birthYear: pending.birthYear, gender: pending.gender, wardCode: this.#options.wardCode, consentVersion: CONSENT_VERSION, wallMs: now, cardId: pending.cardId });
        insertVisit(db, visitId, pending.learnerKey, pending.method, now);
      },
    );
    this.#active = { learnerKey: pending.learnerKey, visitId, lastScanWallMs: now };
    return { kind: 'welcome', visitId, displayName: pending.fullName ?? '', givenName: pending.fullName ? givenName(pending.fullName) : '', honorific: honorificFor(pending.birthYear, this.#currentYear()), isNewLearner: true };
  }

  /** Ends the visit in progress (and forgets any unanswered consent). Returns whether one was open. */
  endVisit(reason: 'user' | 'idle' | 'shutdown'): boolean {
    this.#pending = null;
    const active = this.#active;
    if (!active) return false;
    this.#active = null;
    const now = Math.floor(this.#options.clock.wallMs());
    this.#options.log.append([{ kind: 'attendance.checkout', payload: { learner_key: active.learnerKey, visit_id: active.visitId, reason } }], (db) => closeVisit(db, active.visitId, reason, now));
    return true;
  }

  #checkIn(learnerKey: string, fullName: string | null, birthYear: number | null, method: ScanMethod, isNew: boolean): ScanOutcome {
    const now = Math.floor(this.#options.clock.wallMs());
    if (this.#active?.learnerKey === learnerKey) {
      this.#active = { ...this.#active, lastScanWallMs: now };
      return { kind: 'welcome', visitId: this.#active.visitId, displayName: fullName ?? '', givenName: fullName ? givenName(fullName) : '', honorific: honorificFor(birthYear, this.#currentYear()), isNewLearner: isNew };
    }
    const visitId = randomUUID();
    this.#options.log.append([{ kind: 'attendance.checkin', payload: { learner_key: learnerKey, visit_id: visitId, method } }], (db) => insertVisit(db, visitId, learnerKey, method, now));
    this.#active = { learnerKey, visitId, lastScanWallMs: now };
    return { kind: 'welcome', visitId, displayName: fullName ?? '', givenName: fullName ? givenName(fullName) : '', honorific: honorificFor(birthYear, this.#currentYear()), isNewLearner: isNew };
  }

  #currentYear(): number {
    return new Date(this.#options.clock.wallMs()).getUTCFullYear();
  }
}
