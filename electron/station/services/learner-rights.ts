/**
 * A learner's rights at the station (Decree 356/2025): a volunteer finds a learner by scanning their
 * card, sees everything the station holds about them, prints a replacement learner card, or erases
 * them. Erasure writes `learner.erased` (the hub stores it; its counts keep the learner, anonymously, as
 * city/README.md says) and deletes
 * the name and demographics from the station in the same transaction; attendance counts stay, as
 * anonymous facts. The rights policy on the learner road (learners/learner-road.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { formatLearnerCardPayload, type ParsedScan } from '../../core/identity/index';
import type { LearnerRecord } from '../../contract/dto';
import type { EventLog, LogClock } from '../db/event-log';
import { internalError, StationError } from '../station-error';
import type { LearnerRoad } from '../learners/learner-road';
import { deleteLearner, learnerExists, learnerRow } from '../store/learners';
import { deleteProgress, passedLessons } from '../store/lesson-progress';
import { deletePracticeProgress } from '../store/practice-progress';
import { countVisits } from '../store/visits';
import { vietnamDate } from './lesson-views';
import { rejectionMessage } from './rejection-messages';

interface Found {
  readonly lookupId: string;
  readonly learnerKey: string;
  readonly expiresWallMs: number;
}

const LOOKUP_MS = 10 * 60_000;

export class LearnerRights {
  readonly #db: Database;
  readonly #log: EventLog;
  readonly #clock: LogClock;
  readonly #road: LearnerRoad;
  #found: Found | null = null;

  constructor(options: { db: Database; log: EventLog; clock: LogClock; road: LearnerRoad }) {
    this.#db = options.db;
    this.#log = options.log;
    this.#clock = options.clock;
    this.#road = options.road;
  }

  /** Looks a learner up from a scan's text (classified here). Returns what is stored, or a record with `found: false`. */
  async lookup(text: string): Promise<LearnerRecord> {
    const scan = this.#road.classify(text, 'hid-pos');
    if (scan.kind === 'rejected') throw new StationError(scan.code, rejectionMessage(scan.code));
    if (scan.kind === 'volunteer-card') throw new StationError('not_id_card', rejectionMessage('not_id_card'));
    return this.lookupLearner(scan.scan);
  }

  /** Looks up a scan the router already classified as a learner's card. */
  async lookupLearner(scan: ParsedScan): Promise<LearnerRecord> {
    const { learnerKey } = await this.#road.identify(scan, 'hid-pos');
    const row = learnerRow(this.#db, learnerKey);
    const visits = countVisits(this.#db, learnerKey);
    const passed = passedLessons(this.#db, learnerKey);
    const lookupId = randomUUID();
    this.#found = { lookupId, learnerKey, expiresWallMs: this.#clock.wallMs() + LOOKUP_MS };
    return {
      lookupId,
      found: row !== undefined,
      displayName: row?.display_name ?? null,
      birthYear: row?.birth_year ?? null,
      gender: row?.gender === 'nam' || row?.gender === 'nu' ? row.gender : null,
      wardCode: row?.ward_code ?? null,
      consentVersion: row?.consent_version ?? null,
      registeredOn: row ? vietnamDate(row.registered_wall_ms) : null,
      visits,
      lessonsPassed: passed,
      canReprintCard: row !== undefined && row.card_id !== null,
    };
  }

  /** The QR payload of the learner card found by the last lookup, to print again (same card id). */
  reprintCardPayload(lookupId: string): string {
    const found = this.#found;
    if (!found || found.lookupId !== lookupId || found.expiresWallMs < this.#clock.wallMs()) {
      throw new StationError('not_found', { vi: 'Hãy quét lại thẻ', en: 'Scan the card again' });
    }
    const row = learnerRow(this.#db, found.learnerKey);
    if (!row?.card_id) throw new StationError('not_found', { vi: 'Người này dùng thẻ căn cước, không có thẻ học viên', en: 'This learner uses an ID card' });
    const payload = formatLearnerCardPayload(row.card_id);
    if (!payload.ok) throw internalError(payload.message);
    return payload.value;
  }

  /** Erases the learner found by the last lookup. */
  erase(lookupId: string): { erased: boolean } {
    const found = this.#found;
    if (!found || found.lookupId !== lookupId || found.expiresWallMs < this.#clock.wallMs()) {
      throw new StationError('not_found', { vi: 'Hãy quét lại thẻ của người cần xoá', en: 'Scan the card again' });
    }
    this.#found = null;
    if (!learnerExists(this.#db, found.learnerKey)) return { erased: false };
    this.#log.append([{ kind: 'learner.erased', payload: { learner_key: found.learnerKey } }], (db) => {
      deleteLearner(db, found.learnerKey);
      deleteProgress(db, found.learnerKey);
      deletePracticeProgress(db, found.learnerKey);
    });
    return { erased: true };
  }
}
