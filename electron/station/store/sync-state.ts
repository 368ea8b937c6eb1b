/**
 * The acknowledged watermark per epoch. It moves only from a city answer (a 200 with a receipt) and
 * never backwards unless the city's cursor says so (the city restored a backup and needs a re-send).
 */
import type { Database } from 'better-sqlite3';

export interface Acknowledgement {
  readonly epoch: number;
  readonly ackedSeq: number;
  readonly ackedHash: string;
  readonly receipt: string | null;
  readonly serverTimeMs: number | null;
}

/** Records what the city acknowledged. */
export function recordAcknowledgement(db: Database, ack: Acknowledgement, wallMs: number): void {
  db.prepare(
    `INSERT INTO sync_state (epoch, acked_seq, acked_hash, receipt, server_time_ms, updated_wall_ms) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (epoch) DO UPDATE SET acked_seq = excluded.acked_seq, acked_hash = excluded.acked_hash,
       receipt = excluded.receipt, server_time_ms = excluded.server_time_ms, updated_wall_ms = excluded.updated_wall_ms`,
  ).run(ack.epoch, ack.ackedSeq, ack.ackedHash, ack.receipt, ack.serverTimeMs, Math.floor(wallMs));
}

export function readAcknowledgement(db: Database, epoch: number): Acknowledgement | null {
  const row = db
    .prepare<[number], { acked_seq: number; acked_hash: string; receipt: string | null; server_time_ms: number | null }>(
      'SELECT acked_seq, acked_hash, receipt, server_time_ms FROM sync_state WHERE epoch = ?',
    )
    .get(epoch);
  return row ? { epoch, ackedSeq: row.acked_seq, ackedHash: row.acked_hash, receipt: row.receipt, serverTimeMs: row.server_time_ms } : null;
}

/** Events written but not yet acknowledged by the city, over all epochs. */
export function countWaitingEvents(db: Database): number {
  const row = db
    .prepare<[], { waiting: number | null }>(
      // MAX: the city may hold more of a closed epoch than a restored copy of the log (docs/PROTOCOL.md §9).
      'SELECT SUM(MAX(0, e.head_seq - COALESCE(s.acked_seq, 0))) AS waiting FROM epochs e LEFT JOIN sync_state s ON s.epoch = e.epoch',
    )
    .get();
  return row?.waiting ?? 0;
}
