/**
 * Reads a range of the local log in wire form (docs/PROTOCOL.md §4–§5) for an upload batch or a bundle.
 * A batch holds at most `maxCount` events and its JSON body at most `maxBytes` (1 MiB); it is cut
 * short rather than exceeded, except that a single event is always returned (the hub's 413 then tells
 * the engine that event cannot travel by HTTP). Before anything leaves the station the segment is
 * re-verified (every hash recomputes, every link holds), so a tampered local row stops the upload
 * here instead of reaching the city as a fork.
 */
import type { Database } from 'better-sqlite3';
import type { ChainedEvent, Sha256Hex } from '../../core/sync/protocol/event-hash';
import { verifyChainSegment } from '../../core/sync/protocol/event-hash';
import { MAX_BATCH_EVENTS, MAX_BODY_BYTES } from '../../core/sync/protocol/limits';
import { SyncError } from './sync-errors';

/** The committed head of the newest local epoch. */
export interface LocalLogHead {
  readonly epoch: number;
  readonly stationId: string;
  readonly seq: number;
  readonly hash: string;
}

export interface EventsBatchBody {
  readonly epoch: number;
  readonly first_seq: number;
  readonly last_seq: number;
  readonly prev_hash: string;
  readonly events: readonly ChainedEvent[];
  readonly app_version: string;
}

export interface ReadBatch {
  readonly body: EventsBatchBody;
  /** The exact uncompressed JSON text that is signed and sent. */
  readonly json: string;
}

/** The newest epoch's head, or null when the log has no epoch yet. */
export function readLocalHead(db: Database): LocalLogHead | null {
  const row = db
    .prepare<[], { epoch: number; station_id: string; head_seq: number; head_hash: string }>(
      'SELECT epoch, station_id, head_seq, head_hash FROM epochs ORDER BY epoch DESC LIMIT 1',
    )
    .get();
  return row ? { epoch: row.epoch, stationId: row.station_id, seq: row.head_seq, hash: row.head_hash } : null;
}

/** Reads events fromSeq.. of `epoch` in wire form, up to `limit` rows, in seq order. */
export function readEventRange(db: Database, epoch: number, fromSeq: number, limit: number): ChainedEvent[] {
  return db
    .prepare<[number, number, number], ChainedEvent>(
      `SELECT seq, event_id, kind, payload, wall_ms, hlc, boot_id, mono_ms, prev_hash, hash
       FROM events WHERE epoch = ? AND seq >= ? ORDER BY seq LIMIT ?`,
    )
    .all(epoch, fromSeq, limit);
}

function epochStationId(db: Database, epoch: number): string | null {
  const row = db.prepare<[number], { station_id: string }>('SELECT station_id FROM epochs WHERE epoch = ?').get(epoch);
  return row?.station_id ?? null;
}

export interface BatchRequest {
  readonly stationId: string;
  readonly epoch: number;
  readonly fromSeq: number;
  readonly maxCount: number;
  readonly appVersion: string;
  readonly sha256Hex: Sha256Hex;
  readonly maxBytes?: number;
}

/**
 * Checks that `events` are exactly fromSeq.. with no hole, carry the enrolled station's hashes and
 * link among themselves. Throws SyncError (station_mismatch, events_missing, chain_broken).
 */
export function checkSegment(db: Database, request: Pick<BatchRequest, 'stationId' | 'epoch' | 'fromSeq' | 'sha256Hex'>, events: readonly ChainedEvent[]): void {
  const logStation = epochStationId(db, request.epoch);
  if (logStation === null) throw new SyncError('events_missing', `the local log has no epoch ${request.epoch}`);
  if (logStation !== request.stationId) {
    throw new SyncError('station_mismatch', `epoch ${request.epoch} of the local log belongs to station ${logStation}, but this station is enrolled as ${request.stationId}`);
  }
  const first = events[0];
  if (first === undefined || first.seq !== request.fromSeq) {
    throw new SyncError('events_missing', `event ${request.epoch}:${request.fromSeq} is not in the local log (pruned or never written)`);
  }
  const check = verifyChainSegment(request.sha256Hex, request.stationId, request.epoch, request.fromSeq - 1, first.prev_hash, events);
  if (check.problem !== null) throw new SyncError('chain_broken', `local event ${request.epoch}:${check.problem.seq} fails the chain check (${check.problem.code})`);
}

/** Builds the next upload batch from `fromSeq`: ≤ maxCount events, ≤ maxBytes of JSON. */
export function readBatch(db: Database, request: BatchRequest): ReadBatch {
  const maxBytes = request.maxBytes ?? MAX_BODY_BYTES;
  const candidates = readEventRange(db, request.epoch, request.fromSeq, Math.max(1, Math.min(request.maxCount, MAX_BATCH_EVENTS)));
  checkSegment(db, request, candidates);
  const first = candidates[0] as ChainedEvent;
  // Each event is serialised once: its text both sizes the cut and goes into the body as is. The
  // envelope is written in EventsBatchBody's key order, so `json` is exactly JSON.stringify(body).
  const head = (lastSeq: number) => `{"epoch":${request.epoch},"first_seq":${first.seq},"last_seq":${lastSeq},"prev_hash":${JSON.stringify(first.prev_hash)},"events":[`;
  const tail = `],"app_version":${JSON.stringify(request.appVersion)}}`;
  // Sized with the largest last_seq of this read, so the final envelope can only be smaller.
  let size = Buffer.byteLength(head(candidates.at(-1)?.seq ?? first.seq)) + Buffer.byteLength(tail);
  const taken: ChainedEvent[] = [];
  const texts: string[] = [];
  for (const event of candidates) {
    const text = JSON.stringify(event);
    const add = Buffer.byteLength(text) + (taken.length > 0 ? 1 : 0);
    if (taken.length > 0 && size + add > maxBytes) break;
    size += add;
    taken.push(event);
    texts.push(text);
  }
  const last = taken.at(-1) ?? first;
  const body: EventsBatchBody = { epoch: request.epoch, first_seq: first.seq, last_seq: last.seq, prev_hash: first.prev_hash, events: taken, app_version: request.appVersion };
  return { body, json: `${head(last.seq)}${texts.join(',')}${tail}` };
}

/**
 * The station's own hash at `seq` of `epoch`: the epoch's start hash for 0, the event's hash when the
 * event is kept, the recorded acknowledgement when that is exactly `seq`; null when it is gone
 * (pruned) and nothing else records it.
 */
export function localHashAt(db: Database, epoch: number, seq: number): string | null {
  if (seq === 0) return db.prepare<[number], { start_hash: string }>('SELECT start_hash FROM epochs WHERE epoch = ?').get(epoch)?.start_hash ?? null;
  const event = db.prepare<[number, number], { hash: string }>('SELECT hash FROM events WHERE epoch = ? AND seq = ?').get(epoch, seq);
  if (event) return event.hash;
  return db.prepare<[number, number], { acked_hash: string }>('SELECT acked_hash FROM sync_state WHERE epoch = ? AND acked_seq = ?').get(epoch, seq)?.acked_hash ?? null;
}
