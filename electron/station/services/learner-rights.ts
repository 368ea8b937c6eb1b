/**
 * A learner's rights at the station (Decree 356/2025): a volunteer finds a learner by scanning their
 * card, sees everything the station holds about them, prints a replacement learner card, or erases
 * them. Erasure writes `learner.erased` (the city stops holding demographics for the key) and deletes
 * the name and demographics from the station in the same transaction; attendance counts stay, as
 * anonymous facts.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { formatLearnerCardPayload, learnerKeySubject, parseScan } from '../../core/identity/index';
import type { LearnerRecord } from '../../contract/dto';
import type { EventLog, LogClock } from '../db/event-log';
import { StationError } from '../ipc/station-error';
import { vietnamDate } from './lesson-views';

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
  readonly #secret: () => Buffer;
  #found: Found | null = null;

  constructor(options: { db: Database; log: EventLog; clock: LogClock; learnerKeySecret: () => Buffer }) {
    this.#db = options.db;
    this.#log = options.log;
    this.#clock = options.clock;
    this.#secret = options.learnerKeySecret;
  }

  /** Looks a learner up from a scan. Returns what is stored, or a record with `found: false`. */
  lookup(text: string): LearnerRecord {
    const parsed = parseScan(text, { nowMs: this.#clock.wallMs() });
    if (!parsed.ok) throw new StationError(parsed.code, parsed.message);
    const learnerKey = createHmac('sha256', this.#secret()).update(learnerKeySubject(parsed.value), 'utf8').digest('hex');
    const row = this.#db
      .prepare<[string], { display_name: string | null; birth_year: number | null; gender: string | null; ward_code: string | null; consent_version: string; registered_wall_ms: number; card_id: string | null }>(
        'SELECT display_name, birth_year, gender, ward_code, consent_version, registered_wall_ms, card_id FROM learners WHERE learner_key = ?',
      )
      .get(learnerKey);
    const visits = (this.#db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM visits WHERE learner_key = ?').get(learnerKey)?.n ?? 0) as number;
    const passed = this.#db.prepare<[string], { lesson_id: string }>("SELECT lesson_id FROM lesson_progress WHERE learner_key = ? AND status = 'passed'").all(learnerKey);
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
      lessonsPassed: passed.map((p) => p.lesson_id),
      canReprintCard: row !== undefined && row.card_id !== null,
    };
  }

  /** The QR payload of the learner card found by the last lookup, to print again (same card id). */
  reprintCardPayload(lookupId: string): string {
    const found = this.#found;
    if (!found || found.lookupId !== lookupId || found.expiresWallMs < this.#clock.wallMs()) {
      throw new StationError('not_found', 'Hãy quét lại thẻ / Scan the card again');
    }
    const row = this.#db.prepare<[string], { card_id: string | null }>('SELECT card_id FROM learners WHERE learner_key = ?').get(found.learnerKey);
    if (!row?.card_id) throw new StationError('not_found', 'Người này dùng thẻ căn cước, không có thẻ học viên / This learner uses an ID card');
    const payload = formatLearnerCardPayload(row.card_id);
    if (!payload.ok) throw new StationError('internal', payload.message);
    return payload.value;
  }

  /** Erases the learner found by the last lookup. */
  erase(lookupId: string): { erased: boolean } {
    const found = this.#found;
    if (!found || found.lookupId !== lookupId || found.expiresWallMs < this.#clock.wallMs()) {
      throw new StationError('not_found', 'Hãy quét lại thẻ của người cần xoá / Scan the card again');
    }
    this.#found = null;
    const exists = this.#db.prepare('SELECT 1 FROM learners WHERE learner_key = ?').get(found.learnerKey) !== undefined;
    if (!exists) return { erased: false };
    this.#log.append([{ kind: 'learner.erased', payload: { learner_key: found.learnerKey } }], (db) => {
      db.prepare('DELETE FROM learners WHERE learner_key = ?').run(found.learnerKey);
      db.prepare('DELETE FROM lesson_progress WHERE learner_key = ?').run(found.learnerKey);
      db.prepare('DELETE FROM practice_progress WHERE learner_key = ?').run(found.learnerKey);
    });
    return { erased: true };
  }
}
