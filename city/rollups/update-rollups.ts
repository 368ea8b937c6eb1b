/**
 * Keeps the report rollups in step with the stored events, inside the transaction that stores a
 * batch (upload or sneakernet import). It is given only the events that batch stored for the first
 * time, keyed by (station_id, epoch, seq) whatever the epoch, so a duplicate or a replay changes
 * nothing. Three statements at most per batch: make sure every learner has a row, lock the rows and read
 * their passes, write everything (one function call).
 */
import type { SqlExecutor } from '../db/hub-database';
import type { EventFact, EventToStore } from '../store/event-store';
import { computeRollupChange, learnerKeysOf } from './rollup-deltas';
import { lockLearners, writeRollupChange } from './rollup-store';

export interface StoredBatch {
  readonly stationId: string;
  readonly epoch: number;
  readonly stationWard: string;
  /** The events stored by this transaction (never duplicates). */
  readonly events: readonly EventToStore[];
  /** Their report facts. */
  readonly facts: readonly EventFact[];
}

const ATTENDEES = /"attendees":([0-9]{1,6})/;

/** Group sessions a batch ended, and the attendees they counted (as the station reported them). */
export function groupSessionsOf(events: readonly EventToStore[]): { sessions: number; attendees: number } {
  let sessions = 0;
  let attendees = 0;
  for (const event of events) {
    if (event.kind !== 'group.ended') continue;
    sessions += 1;
    attendees += Number(ATTENDEES.exec(event.payload)?.[1] ?? 0);
  }
  return { sessions, attendees };
}

/** Applies one stored batch to the rollups (call inside the batch's transaction, after insertBatch). */
export async function updateRollups(tx: SqlExecutor, batch: StoredBatch): Promise<void> {
  const keys = learnerKeysOf(batch.facts);
  const groups = groupSessionsOf(batch.events);
  if (keys.length === 0 && groups.sessions === 0) return;
  const { learners, passes } = keys.length === 0 ? { learners: new Map(), passes: [] } : await lockLearners(tx, keys);
  const wallMsBySeq = new Map(batch.events.map((event) => [event.seq, event.wall_ms]));
  const change = computeRollupChange({ stationId: batch.stationId, epoch: batch.epoch, stationWard: batch.stationWard, facts: batch.facts, wallMsBySeq }, learners, passes);
  await writeRollupChange(tx, change, { stationId: batch.stationId, ...groups });
}
