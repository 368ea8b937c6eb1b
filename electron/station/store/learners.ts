/**
 * The `learners` table: the only place a learner's name lives (erasable; never in an event or on the
 * network). Repository functions `(db, params) => result`; writes run inside the EventLog transaction
 * that appends the matching events.
 */
import type { Database } from 'better-sqlite3';
import { isTrackId, type TrackId } from '../../core/lessons/tracks';

export interface LearnerRowInput {
  readonly learnerKey: string;
  readonly displayName: string | null;
  readonly birthYear: number | null;
  readonly gender: 'nam' | 'nu' | null;
  readonly wardCode: string;
  readonly consentVersion: string;
  readonly wallMs: number;
  /** The printed learner card's id, when the learner was registered with one (for reprints). */
  readonly cardId?: string | null;
}

export interface KnownLearner {
  readonly display_name: string | null;
  readonly birth_year: number | null;
}

export interface LearnerRow extends KnownLearner {
  readonly gender: string | null;
  readonly ward_code: string | null;
  readonly consent_version: string;
  readonly registered_wall_ms: number;
  readonly card_id: string | null;
}

/** Inserts the learner unless they are already known (a second registration changes nothing). */
export function insertLearner(db: Database, row: LearnerRowInput): void {
  db.prepare(
    `INSERT INTO learners (learner_key, display_name, birth_year, gender, ward_code, consent_version, consent_wall_ms, registered_wall_ms, card_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (learner_key) DO NOTHING`,
  ).run(row.learnerKey, row.displayName, row.birthYear, row.gender, row.wardCode, row.consentVersion, row.wallMs, row.wallMs, row.cardId ?? null);
}

export function knownLearner(db: Database, learnerKey: string): KnownLearner | undefined {
  return db.prepare<[string], KnownLearner>('SELECT display_name, birth_year FROM learners WHERE learner_key = ?').get(learnerKey);
}

/** Everything the station holds about one learner (shown to them on request). */
export function learnerRow(db: Database, learnerKey: string): LearnerRow | undefined {
  return db
    .prepare<[string], LearnerRow>('SELECT display_name, birth_year, gender, ward_code, consent_version, registered_wall_ms, card_id FROM learners WHERE learner_key = ?')
    .get(learnerKey);
}

export function learnerExists(db: Database, learnerKey: string): boolean {
  return db.prepare('SELECT 1 FROM learners WHERE learner_key = ?').get(learnerKey) !== undefined;
}

export function deleteLearner(db: Database, learnerKey: string): void {
  db.prepare('DELETE FROM learners WHERE learner_key = ?').run(learnerKey);
}

/** The track the learner chose (null if none yet, migration 0007) and their birth year. */
export function learnerTrackRow(db: Database, learnerKey: string): { readonly track: TrackId | null; readonly birthYear: number | null } {
  const row = db.prepare<[string], { track: string | null; birth_year: number | null }>('SELECT track, birth_year FROM learners WHERE learner_key = ?').get(learnerKey);
  const track = row?.track ?? null;
  return { track: track !== null && isTrackId(track) ? track : null, birthYear: row?.birth_year ?? null };
}

/** Remembers the learner's track; false when the learner has no row (erased meanwhile). */
export function saveLearnerTrack(db: Database, learnerKey: string, track: TrackId): boolean {
  return db.prepare('UPDATE learners SET track = ? WHERE learner_key = ?').run(track, learnerKey).changes > 0;
}
