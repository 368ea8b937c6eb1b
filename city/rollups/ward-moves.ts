/**
 * Learners whose ward moved (issue #20): a learner already counted in one ward whom a later fact puts
 * in another (a registration at a station of another ward, or an earlier sighting that arrived late).
 * The counts move with them (rollup-deltas.ts); this keeps a row per move so officials can see why a
 * ward's figure went down, and so a station reporting learners into odd wards stands out.
 */
import type { SqlExecutor } from '../db/hub-database';
import { wardOf } from './rollup-rules';
import type { LearnerState } from './rollup-rules';

export interface WardMove {
  readonly learnerKey: string;
  readonly fromWard: string;
  readonly toWard: string;
  readonly day: number;
}

/** The moves among `next` states relative to the stored `before` states. */
export function wardMovesOf(before: ReadonlyMap<string, LearnerState>, next: readonly LearnerState[]): WardMove[] {
  const moves: WardMove[] = [];
  for (const state of next) {
    const old = before.get(state.learnerKey);
    const fromWard = old === undefined ? null : wardOf(old);
    const toWard = wardOf(state);
    if (fromWard === null || toWard === null || fromWard === toWard) continue;
    moves.push({ learnerKey: state.learnerKey, fromWard, toWard, day: state.first?.day ?? 0 });
  }
  return moves;
}

/** Records moves made by one batch of a station (rare: one statement only when there are any). */
export async function recordWardMoves(tx: SqlExecutor, p: { stationId: string; epoch: number; seq: number; moves: readonly WardMove[] }): Promise<void> {
  if (p.moves.length === 0) return;
  await tx.query(
    `INSERT INTO learner_ward_moves (learner_key, from_ward, to_ward, station_id, epoch, seq, day)
     SELECT k, f, t, $4, $5, $6, d FROM unnest($1::text[], $2::text[], $3::text[], $7::integer[]) AS u(k, f, t, d)`,
    [p.moves.map((m) => m.learnerKey), p.moves.map((m) => m.fromWard), p.moves.map((m) => m.toWard), p.stationId, p.epoch, p.seq, p.moves.map((m) => m.day)],
  );
}

/** Moves into or out of each ward: ward → { in, out }. */
export async function wardMoveCounts(db: SqlExecutor): Promise<Map<string, { in: number; out: number }>> {
  const rows = await db.query<{ ward: string; moved_in: number; moved_out: number }>(
    `SELECT ward, sum(i)::integer AS moved_in, sum(o)::integer AS moved_out FROM (
       SELECT to_ward AS ward, 1 AS i, 0 AS o FROM learner_ward_moves
       UNION ALL SELECT from_ward, 0, 1 FROM learner_ward_moves) m GROUP BY ward`,
  );
  return new Map(rows.map((row) => [row.ward, { in: row.moved_in, out: row.moved_out }]));
}
