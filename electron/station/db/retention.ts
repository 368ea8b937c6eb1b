/**
 * Retention: deletes events the city acknowledged and that are older than the configured age. The
 * delete trigger refuses anything unacknowledged, so a bug here cannot lose data; the epoch's head hash
 * stays in `epochs`, so the chain continues after pruning.
 */
import type { Database } from 'better-sqlite3';

const DAY_MS = 86_400_000;

/** Prunes and returns how many events were deleted. */
export function pruneAcknowledged(db: Database, nowWallMs: number, keepAckedDays: number): number {
  const cutoff = nowWallMs - keepAckedDays * DAY_MS;
  const result = db
    .prepare(
      `DELETE FROM events WHERE wall_ms < ? AND EXISTS (
         SELECT 1 FROM sync_state s WHERE s.epoch = events.epoch AND s.acked_seq >= events.seq)`,
    )
    .run(cutoff);
  return result.changes;
}
