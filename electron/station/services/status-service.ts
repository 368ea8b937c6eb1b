import type { Database } from 'better-sqlite3';
import type { SyncStatus } from '../../contract/dto';

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

/** The sync status of a station that has no hub configured (demo and not-yet-enrolled stations). */
export function notEnrolledStatus(waitingEvents: number): SyncStatus {
  return { state: 'not_enrolled', waitingEvents, lastSuccessMs: null, receiptShort: null, clockOffsetMs: null, detail: null, hubUrl: null };
}
