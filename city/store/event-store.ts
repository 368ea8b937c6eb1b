/**
 * Stored events and their report facts. Inserts go through `unnest` of bound arrays (one statement
 * per batch, the SQL text never changes) with `ON CONFLICT DO NOTHING`, as reference/sync.md §4.2.
 */
import type { ChainedEvent } from '../../electron/core/sync/protocol/event-hash';
import type { SqlExecutor } from '../db/hub-database';

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
}

/** Stored hashes of one epoch for seqs `from..to`, by seq. */
export async function storedHashes(db: SqlExecutor, p: { stationId: string; epoch: number; from: number; to: number }): Promise<Map<number, string>> {
  const rows = await db.query<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM events WHERE station_id = $1 AND epoch = $2 AND seq BETWEEN $3 AND $4',
    [p.stationId, p.epoch, p.from, p.to],
  );
  return new Map(rows.map((row) => [row.seq, row.hash]));
}

/** Inserts events as sent; returns how many rows were new. Flags travel as one text per event. */
export async function insertEvents(db: SqlExecutor, p: { stationId: string; epoch: number; receivedAt: number; events: readonly EventToStore[] }): Promise<number> {
  if (p.events.length === 0) return 0;
  const column = <T extends string | number>(pick: (event: EventToStore) => T) => p.events.map(pick);
  const rows = await db.query(
    `INSERT INTO events (station_id, epoch, seq, event_id, kind, payload, wall_ms, hlc, boot_id, mono_ms, prev_hash, hash, received_at, flags)
     SELECT $1, $2, u.seq, u.event_id, u.kind, u.payload, u.wall_ms, u.hlc, u.boot_id, u.mono_ms, u.prev_hash, u.hash, $3,
            CASE WHEN u.flags = '' THEN '{}'::text[] ELSE string_to_array(u.flags, ' ') END
     FROM unnest($4::bigint[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::text[], $10::text[], $11::bigint[], $12::text[], $13::text[], $14::text[])
       AS u(seq, event_id, kind, payload, wall_ms, hlc, boot_id, mono_ms, prev_hash, hash, flags)
     ON CONFLICT (station_id, epoch, seq) DO NOTHING
     RETURNING seq`,
    [
      p.stationId,
      p.epoch,
      p.receivedAt,
      column((e) => e.seq),
      column((e) => e.event_id),
      column((e) => e.kind),
      column((e) => e.payload),
      column((e) => e.wall_ms),
      column((e) => e.hlc),
      column((e) => e.boot_id),
      column((e) => e.mono_ms),
      column((e) => e.prev_hash),
      column((e) => e.hash),
      column((e) => e.flags.join(' ')),
    ],
  );
  return rows.length;
}

/** Inserts report facts for freshly stored events. */
export async function insertFacts(db: SqlExecutor, p: { stationId: string; epoch: number; stationWard: string; facts: readonly EventFact[] }): Promise<void> {
  if (p.facts.length === 0) return;
  const column = <T>(pick: (fact: EventFact) => T) => p.facts.map(pick);
  await db.query(
    `INSERT INTO event_facts (station_id, epoch, seq, kind, station_ward, hlc, learner_key, birth_year, gender, ward_code, lesson_id, passed)
     SELECT $1, $2, u.seq, u.kind, $3, u.hlc, u.learner_key, u.birth_year, u.gender, u.ward_code, u.lesson_id, u.passed
     FROM unnest($4::bigint[], $5::text[], $6::text[], $7::text[], $8::integer[], $9::text[], $10::text[], $11::text[], $12::boolean[])
       AS u(seq, kind, hlc, learner_key, birth_year, gender, ward_code, lesson_id, passed)
     ON CONFLICT DO NOTHING`,
    [
      p.stationId,
      p.epoch,
      p.stationWard,
      column((f) => f.seq),
      column((f) => f.kind),
      column((f) => f.hlc),
      column((f) => f.learnerKey),
      column((f) => f.birthYear),
      column((f) => f.gender),
      column((f) => f.wardCode),
      column((f) => f.lessonId),
      column((f) => f.passed),
    ],
  );
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
