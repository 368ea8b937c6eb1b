/**
 * The walk-in policy on the learner road (learners/learner-road.ts): a known learner is checked in
 * and greeted; an unknown one is asked for consent first, with what was read held only in memory
 * until they answer. Declining makes a guest visit that stores nothing about the person. The raw ID
 * number and QR text are dropped on the road and never reach the database, a log or the renderer.
 */
import { randomUUID } from 'node:crypto';
import { decideScan, type ActiveVisit } from '../../core/attendance/scan-policy';
import { givenName, honorificFor } from '../../core/attendance/greeting';
import type { ParsedScan } from '../../core/identity/index';
import type { ScanOutcome } from '../../contract/dto';
import type { LogClock } from '../db/event-log';
import { StationError } from '../station-error';
import type { LearnerRoad, PersonFacts, ScanMethod, ScannedLearner } from '../learners/learner-road';
import { rejectionMessage } from './rejection-messages';

export type { ScanMethod } from '../learners/learner-road';

export const CONSENT_VERSION = '2025-1';
const PENDING_CONSENT_MS = 5 * 60_000;

interface PendingRegistration {
  readonly pendingId: string;
  readonly learnerKey: string;
  readonly person: PersonFacts;
  readonly method: ScanMethod;
  readonly expiresWallMs: number;
}

export interface IdentityServiceOptions {
  readonly road: LearnerRoad;
  readonly clock: LogClock;
}

export class IdentityService {
  readonly #road: LearnerRoad;
  readonly #clock: LogClock;
  #pending: PendingRegistration | null = null;
  #active: ActiveVisit | null = null;

  constructor(options: IdentityServiceOptions) {
    this.#road = options.road;
    this.#clock = options.clock;
  }

  /** The visit in progress, if any. */
  activeVisit(): ActiveVisit | null {
    return this.#active;
  }

  /** Handles one scan's text (classified here). Never throws for bad input: a rejection is an outcome. */
  handleScan(text: string, method: ScanMethod): ScanOutcome | null {
    const scan = this.#road.classify(text, method);
    if (scan.kind === 'rejected') return { kind: 'rejected', code: scan.code, message: rejectionMessage(scan.code) };
    if (scan.kind === 'volunteer-card') return { kind: 'rejected', code: 'not_id_card', message: rejectionMessage('not_id_card') };
    return this.handleLearner(scan.scan, method);
  }

  /** Handles a scan the router already classified as a learner's card. */
  handleLearner(scan: ParsedScan, method: ScanMethod): ScanOutcome | null {
    const now = this.#clock.wallMs();
    const learner = this.#road.identify(scan, method);
    const decision = decideScan(this.#active, learner.learnerKey, now);
    if (decision === 'ignore-repeat') return null;
    if (decision === 'switch-learner') this.endVisit('user');
    if (learner.known) return this.#checkIn(learner, learner.known.display_name, learner.known.birth_year);
    this.#pending = { pendingId: randomUUID(), learnerKey: learner.learnerKey, person: learner.person, method: learner.method, expiresWallMs: now + PENDING_CONSENT_MS };
    const fullName = learner.person.displayName;
    return { kind: 'consent', pendingId: this.#pending.pendingId, givenName: fullName ? givenName(fullName) : '', honorific: honorificFor(learner.person.birthYear, this.#currentYear()) };
  }

  /** The answer on the consent screen. Declining forgets what was read and makes a guest visit. */
  answerConsent(pendingId: string, accept: boolean): ScanOutcome {
    const pending = this.#pending;
    if (!pending || pending.pendingId !== pendingId || pending.expiresWallMs < this.#clock.wallMs()) {
      this.#pending = null;
      throw new StationError('not_found', { vi: 'Hết thời gian chờ, xin quét thẻ lại', en: 'Timed out, please scan again' });
    }
    this.#pending = null;
    if (!accept) return { kind: 'guest', visitId: null };
    const { visitId, wallMs } = this.#road.checkIn({ learnerKey: pending.learnerKey, method: pending.method, register: { ...pending.person, consentVersion: CONSENT_VERSION } });
    this.#active = { learnerKey: pending.learnerKey, visitId, lastScanWallMs: wallMs };
    const fullName = pending.person.displayName;
    return { kind: 'welcome', visitId, displayName: fullName ?? '', givenName: fullName ? givenName(fullName) : '', honorific: honorificFor(pending.person.birthYear, this.#currentYear()), isNewLearner: true };
  }

  /** Ends the visit in progress (and forgets any unanswered consent). Returns whether one was open. */
  endVisit(reason: 'user' | 'idle' | 'shutdown'): boolean {
    this.#pending = null;
    const active = this.#active;
    if (!active) return false;
    this.#active = null;
    this.#road.checkOut([active], reason);
    return true;
  }

  #checkIn(learner: ScannedLearner, fullName: string | null, birthYear: number | null): ScanOutcome {
    const greeting = { displayName: fullName ?? '', givenName: fullName ? givenName(fullName) : '', honorific: honorificFor(birthYear, this.#currentYear()), isNewLearner: false };
    if (this.#active?.learnerKey === learner.learnerKey) {
      this.#active = { ...this.#active, lastScanWallMs: Math.floor(this.#clock.wallMs()) };
      return { kind: 'welcome', visitId: this.#active.visitId, ...greeting };
    }
    const { visitId, wallMs } = this.#road.checkIn({ learnerKey: learner.learnerKey, method: learner.method, register: null });
    this.#active = { learnerKey: learner.learnerKey, visitId, lastScanWallMs: wallMs };
    return { kind: 'welcome', visitId, ...greeting };
  }

  #currentYear(): number {
    return new Date(this.#clock.wallMs()).getUTCFullYear();
  }
}
