/**
 * Stored events and their report facts. A batch is loaded with COPY (text format), which PostgreSQL
 * parses about twice as fast as bound arrays or JSON (bench: `npm run bench -- sync`); uniqueness of
 * (station_id, epoch, seq) is still enforced by the primary key, as reference/sync.md §4.2 asks.
 */
import type { ChainedEvent } from '../../electron/core/sync/protocol/event-hash';
import type { SqlExecutor } from '../db/hub-database';
import { eventMonth } from '../db/partitions';

export interface EventToStore extends ChainedEvent {
  readonly flags: readonly string[];
}

export interface EventFact {
  readonly seq: number;
  readonly kind: string;
  readonly hlc: string;
  readonly learnerKey: string | null;
  readonly birthYear: number | null;
  readonly gender: string | null;
  readonly wardCode: string | null;
  readonly lessonId: string | null;
  readonly passed: boolean | null;
  /** `learner.rekeyed`: the version-1 key `learnerKey` replaces (not stored in event_facts). */
  readonly previousKey?: string | null;
}

/** Stored hashes of one epoch for seqs `from..to`, by seq. */
export async function storedHashes(db: SqlExecutor, p: { stationId: string; epoch: number; from: number; to: number }): Promise<Map<number, string>> {
  const rows = await db.query<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM events WHERE station_id = $1 AND epoch = $2 AND seq BETWEEN $3 AND $4',
    [p.stationId, p.epoch, p.from, p.to],
  );
  return new Map(rows.map((row) => [row.seq, row.hash]));
}

export interface BatchToStore {
  readonly stationId: string;
  readonly epoch: number;
  /** The station's ward at ingest time, kept on each fact for ward reports. */
  readonly stationWard: string;
  readonly receivedAt: number;
  /** Events the hub does not hold yet (the batch verdict's `fresh`), in seq order. */
  readonly events: readonly EventToStore[];
  /** Facts of some of `events`. */
  readonly facts: readonly EventFact[];
}

const EVENT_COLUMNS = {
  table: 'events',
  columns: ['station_id', 'epoch', 'seq', 'event_id', 'kind', 'payload', 'wall_ms', 'hlc', 'boot_id', 'mono_ms', 'prev_hash', 'hash', 'received_at', 'flags', 'month'],
} as const;
const FACT_COLUMNS = {
  table: 'event_facts',
  columns: ['station_id', 'epoch', 'seq', 'kind', 'station_ward', 'hlc', 'learner_key', 'birth_year', 'gender', 'ward_code', 'lesson_id', 'passed', 'month'],
} as const;

/**
 * Stores new events as sent, and their facts, with COPY; returns how many events were stored. A key
 * that is already taken fails the whole load (and so the caller's transaction): the caller has already
 * judged these events new under the station's row lock, so a conflict means a bug, never a retry.
 */
export async function insertBatch(db: SqlExecutor, p: BatchToStore): Promise<number> {
  const { stationId, epoch, receivedAt, stationWard } = p;
  const stored = await db.copyRows(
    EVENT_COLUMNS,
    p.events.map((e) => [stationId, epoch, e.seq, e.event_id, e.kind, e.payload, e.wall_ms, e.hlc, e.boot_id, e.mono_ms, e.prev_hash, e.hash, receivedAt, e.flags, eventMonth(e.hlc, e.wall_ms)]),
  );
  // A fact lives in its event's month (partition key of both tables).
  const monthBySeq = new Map(p.events.map((e) => [e.seq, eventMonth(e.hlc, e.wall_ms)]));
  await db.copyRows(
    FACT_COLUMNS,
    p.facts.map((f) => [stationId, epoch, f.seq, f.kind, stationWard, f.hlc, f.learnerKey, f.birthYear, f.gender, f.wardCode, f.lessonId, f.passed, monthBySeq.get(f.seq) ?? eventMonth(f.hlc, 0)]),
  );
  return stored;
}

/** One stored event as it was sent, with its flags (for tests, audits and exports). */
export async function readEvent(db: SqlExecutor, p: { stationId: string; epoch: number; seq: number }): Promise<(ChainedEvent & { flags: string[] }) | null> {
  const rows = await db.query<ChainedEvent & { flags: string[] }>(
    `SELECT seq, event_id, kind, payload, wall_ms, hlc, boot_id, mono_ms, prev_hash, hash, flags
     FROM events WHERE station_id = $1 AND epoch = $2 AND seq = $3`,
    [p.stationId, p.epoch, p.seq],
  );
  return rows[0] ?? null;
}

/** How many events a station has stored in an epoch. */
export async function countEvents(db: SqlExecutor, p: { stationId: string; epoch: number }): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*) AS n FROM events WHERE station_id = $1 AND epoch = $2', [p.stationId, p.epoch]);
  return rows[0]?.n ?? 0;
}
