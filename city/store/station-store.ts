/**
 * Stations, epochs and enrolment codes: repository functions `(db, params) => result`.
 * Times are integer ms from the hub's injected clock.
 */
import type { SqlExecutor } from '../db/hub-database';

export interface StationRow {
  readonly station_id: string;
  readonly ward_code: string;
  readonly public_key: string;
  readonly status: 'active' | 'revoked';
  readonly current_epoch: number;
  readonly needs_review: boolean;
  readonly review_reason: string | null;
  readonly last_nonce: string | null;
  readonly last_seen_at: number | null;
  readonly last_upload_at: number | null;
  readonly last_offset_ms: number | null;
  readonly last_request_ts: number | null;
}

export interface EpochRow {
  readonly epoch: number;
  readonly start_hash: string;
  readonly acked_seq: number;
  readonly head_hash: string;
  readonly last_upload_at: number | null;
}

const STATION_COLUMNS =
  'station_id, ward_code, public_key, status, current_epoch, needs_review, review_reason, last_nonce, last_seen_at, last_upload_at, last_offset_ms, last_request_ts';

/** Stores the hash of a new one-time code for a station. */
export async function insertEnrolmentCode(db: SqlExecutor, p: { stationId: string; codeHash: string; now: number; expiresAt: number }): Promise<void> {
  await db.query('INSERT INTO enrolment_codes (code_hash, station_id, issued_at, expires_at) VALUES ($1, $2, $3, $4)', [
    p.codeHash,
    p.stationId,
    p.now,
    p.expiresAt,
  ]);
}

/** Marks a code used if it is this station's, unused and unexpired; false otherwise. Atomic. */
export async function consumeEnrolmentCode(db: SqlExecutor, p: { stationId: string; codeHash: string; now: number }): Promise<boolean> {
  const rows = await db.query(
    'UPDATE enrolment_codes SET used_at = $3 WHERE code_hash = $1 AND station_id = $2 AND used_at IS NULL AND expires_at > $3 RETURNING 1',
    [p.codeHash, p.stationId, p.now],
  );
  return rows.length === 1;
}

/** One station, or null. `forUpdate` locks its row until the transaction ends. */
export async function findStation(db: SqlExecutor, stationId: string, forUpdate = false): Promise<StationRow | null> {
  const rows = await db.query<StationRow>(`SELECT ${STATION_COLUMNS} FROM stations WHERE station_id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [stationId]);
  return rows[0] ?? null;
}

/** The head of one epoch of a station, or null. */
export async function findEpoch(db: SqlExecutor, stationId: string, epoch: number): Promise<EpochRow | null> {
  const rows = await db.query<EpochRow>(
    'SELECT epoch, start_hash, acked_seq, head_hash, last_upload_at FROM station_epochs WHERE station_id = $1 AND epoch = $2',
    [stationId, epoch],
  );
  return rows[0] ?? null;
}

/** Every epoch of a station with its start and public key, oldest first. */
export async function listEpochs(db: SqlExecutor, stationId: string): Promise<Array<EpochRow & { public_key: string }>> {
  return db.query<EpochRow & { public_key: string }>(
    'SELECT epoch, start_hash, acked_seq, head_hash, last_upload_at, public_key FROM station_epochs WHERE station_id = $1 ORDER BY epoch',
    [stationId],
  );
}

/**
 * True when `hash` is a point of this station's history the hub holds: a stored event, or the start
 * or head of one of its epochs (the zero hash counts for a station with no history yet).
 */
export async function holdsHash(db: SqlExecutor, stationId: string, hash: string): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM station_epochs WHERE station_id = $1 AND (start_hash = $2 OR head_hash = $2)
     UNION ALL SELECT 1 FROM events WHERE station_id = $1 AND hash = $2 LIMIT 1`,
    [stationId, hash],
  );
  return rows.length > 0;
}

/**
 * A station and the head of one of its epochs (the current one unless `epoch` is given: a closed
 * epoch, docs/PROTOCOL.md §9), locking the station row until the transaction ends. Null when the
 * station is unknown; `head` is null when the station has no such epoch. Two statements on purpose:
 * a transaction that waited for the lock (another hub process storing a batch of the same station)
 * must read the head that one committed, and in READ COMMITTED only a new statement sees it — a join
 * in the locking statement would return the head as it was before the wait, and the batch would be
 * judged against a stale acked_seq (its events stored twice, refused by the primary key as a 500).
 */
export async function lockStationHead(db: SqlExecutor, stationId: string, epoch: number | null = null): Promise<{ station: StationRow; head: EpochRow | null } | null> {
  const station = await findStation(db, stationId, true);
  if (station === null) return null;
  return { station, head: await findEpoch(db, stationId, epoch ?? station.current_epoch) };
}

/** Creates a station at epoch 1 with the given start hash. */
export async function insertStation(
  db: SqlExecutor,
  p: { stationId: string; wardCode: string; publicKey: string; appVersion: string; now: number; startHash: string },
): Promise<void> {
  await db.query(
    `INSERT INTO stations (station_id, ward_code, public_key, status, current_epoch, app_version, enrolled_at, last_seen_at)
     VALUES ($1, $2, $3, 'active', 1, $4, $5, $5)`,
    [p.stationId, p.wardCode, p.publicKey, p.appVersion, p.now],
  );
  await insertEpoch(db, { stationId: p.stationId, epoch: 1, publicKey: p.publicKey, startHash: p.startHash, now: p.now });
}

/** Re-enrolment: new key, epoch + 1 starting at `startHash`, active again. */
export async function startNextEpoch(
  db: SqlExecutor,
  p: { stationId: string; epoch: number; publicKey: string; appVersion: string; now: number; startHash: string },
): Promise<void> {
  await insertEpoch(db, p);
  await makeCurrent(db, p);
}

/** An epoch a station declared at enrolment (docs/PROTOCOL.md §9), not (yet) its current one. */
export async function insertDeclaredEpoch(db: SqlExecutor, p: { stationId: string; epoch: number; publicKey: string; startHash: string; now: number }): Promise<void> {
  await insertEpoch(db, p);
}

/** After a (re-)enrolment: the new key and current epoch, active again, a fresh nonce cycle. */
export async function makeCurrent(db: SqlExecutor, p: { stationId: string; epoch: number; publicKey: string; appVersion: string; now: number }): Promise<void> {
  await db.query(
    `UPDATE stations SET public_key = $2, status = 'active', current_epoch = $3, app_version = $4, enrolled_at = $5, last_seen_at = $5, last_nonce = NULL
     WHERE station_id = $1`,
    [p.stationId, p.publicKey, p.epoch, p.appVersion, p.now],
  );
}

async function insertEpoch(db: SqlExecutor, p: { stationId: string; epoch: number; publicKey: string; startHash: string; now: number }): Promise<void> {
  await db.query(
    'INSERT INTO station_epochs (station_id, epoch, public_key, start_hash, acked_seq, head_hash, started_at) VALUES ($1, $2, $3, $4, 0, $4, $5)',
    [p.stationId, p.epoch, p.publicKey, p.startHash, p.now],
  );
}

/** Revokes a station: every signed request is then refused until it enrols again. */
export async function revokeStation(db: SqlExecutor, stationId: string): Promise<boolean> {
  const rows = await db.query("UPDATE stations SET status = 'revoked' WHERE station_id = $1 RETURNING 1", [stationId]);
  return rows.length === 1;
}

/**
 * A fresh signed contact (not a replay, see station-auth.ts): the station is alive at `now`; `ts` is
 * the largest request time seen; a cursor also hands out a new nonce.
 */
export async function touchStation(db: SqlExecutor, p: { stationId: string; now: number; ts: number; nonce?: string }): Promise<void> {
  await db.query(
    `UPDATE stations SET last_seen_at = $2, last_request_ts = GREATEST(COALESCE(last_request_ts, $3), $3), last_nonce = COALESCE($4, last_nonce)
     WHERE station_id = $1`,
    [p.stationId, p.now, p.ts, p.nonce ?? null],
  );
}

/**
 * Moves an epoch's head after a committed batch, and the station's upload statistics (one statement).
 * `contactTs` is the signed ts of a fresh upload (it proves the station alive); null for a replayed
 * request or a USB import, which say nothing about the station now.
 */
export async function advanceHead(
  db: SqlExecutor,
  p: { stationId: string; epoch: number; ackedSeq: number; headHash: string; now: number; offsetMs: number | null; contactTs: number | null; receiptShort?: string | null },
): Promise<void> {
  await db.query(
    `WITH head AS (
       UPDATE station_epochs SET acked_seq = $3, head_hash = $4, last_upload_at = $5 WHERE station_id = $1 AND epoch = $2
     )
     UPDATE stations SET last_upload_at = $5, last_offset_ms = COALESCE($6, last_offset_ms),
       last_seen_at = CASE WHEN $7::bigint IS NULL THEN last_seen_at ELSE $5 END,
       last_request_ts = CASE WHEN $7::bigint IS NULL THEN last_request_ts ELSE GREATEST(COALESCE(last_request_ts, $7::bigint), $7::bigint) END,
       last_receipt_short = COALESCE($8, last_receipt_short)
     WHERE station_id = $1`,
    [p.stationId, p.epoch, p.ackedSeq, p.headHash, p.now, p.offsetMs, p.contactTs, p.receiptShort ?? null],
  );
}

/** Marks a station for a person to look at, with the reason shown on the stations page. */
export async function reportReview(db: SqlExecutor, p: { stationId: string; reason: string }): Promise<void> {
  await db.query('UPDATE stations SET needs_review = true, review_reason = $2 WHERE station_id = $1', [p.stationId, p.reason]);
}

/** A fork: the station is marked for review and an audit row is written. */
export async function reportFork(
  db: SqlExecutor,
  p: { stationId: string; epoch: number; seq: number; reason: string; sentHash: string | null; storedHash: string | null; source: string; now: number },
): Promise<void> {
  await db.query('UPDATE stations SET needs_review = true, review_reason = $2 WHERE station_id = $1', [
    p.stationId,
    `fork at epoch ${p.epoch} seq ${p.seq} (${p.reason})`,
  ]);
  await db.query(
    'INSERT INTO fork_reports (station_id, epoch, seq, reason, sent_hash, stored_hash, source, reported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [p.stationId, p.epoch, p.seq, p.reason, p.sentHash, p.storedHash, p.source, p.now],
  );
}

/**
 * The short form of the last receipt the hub handed this station (first 8 hex of SHA-256 of the b64
 * receipt, as the station shows it), so an official can match what a volunteer reads out.
 */
export async function recordReceipt(db: SqlExecutor, p: { stationId: string; receiptShort: string }): Promise<void> {
  await db.query('UPDATE stations SET last_receipt_short = $2 WHERE station_id = $1', [p.stationId, p.receiptShort]);
}

/** A person looked at a station marked for review (a fork): the mark is cleared, who and when kept. */
export async function markReviewed(db: SqlExecutor, p: { stationId: string; by: string; now: number }): Promise<boolean> {
  const rows = await db.query('UPDATE stations SET needs_review = false, reviewed_by = $2, reviewed_at = $3 WHERE station_id = $1 AND needs_review RETURNING 1', [
    p.stationId,
    p.by,
    p.now,
  ]);
  return rows.length === 1;
}
