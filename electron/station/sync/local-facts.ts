/**
 * What the upload engine needs to know from the station database at start and after a local error:
 * the newest epoch's head and acknowledgement, and the older epochs of this station to visit
 * (docs/PROTOCOL.md §9, closed epochs): those whose events the city has not all confirmed, and those
 * whose events are still kept here — one cursor each per start tells whether the city lost any of
 * them (a hub restored from a backup), while the station can still send them again.
 */
import type { Database } from 'better-sqlite3';
import type { AckBelief, ClosedEpoch, LocalFacts } from '../../core/sync/engine/engine-types';
import { readAcknowledgement } from '../store/sync-state';

interface EpochHeadRow {
  readonly epoch: number;
  readonly station_id: string;
  readonly head_seq: number;
}

function belief(db: Database, epoch: number): AckBelief | null {
  const ack = readAcknowledgement(db, epoch);
  return ack === null ? null : { epoch, seq: ack.ackedSeq, hash: ack.ackedHash };
}

/**
 * The engine's local facts, or null when the log has no epoch yet. Older epochs written under
 * another station id (a renamed station) cannot be sent under this one and are listed in `foreign`.
 */
export function readLocalFacts(db: Database, stationId: string): (LocalFacts & { readonly foreign: readonly number[] }) | null {
  const epochs = db.prepare<[], EpochHeadRow>('SELECT epoch, station_id, head_seq FROM epochs ORDER BY epoch').all();
  const kept = new Set(db.prepare<[], { epoch: number }>('SELECT DISTINCT epoch FROM events').all().map((row) => row.epoch));
  const current = epochs.at(-1);
  if (current === undefined) return null;
  const closed: ClosedEpoch[] = [];
  const foreign: number[] = [];
  for (const row of epochs.slice(0, -1)) {
    const acked = belief(db, row.epoch);
    if (row.head_seq <= (acked?.seq ?? 0) && !kept.has(row.epoch)) continue;
    if (row.station_id !== stationId) foreign.push(row.epoch);
    else closed.push({ epoch: row.epoch, seq: row.head_seq, acked });
  }
  return { local: { epoch: current.epoch, seq: current.head_seq }, acked: belief(db, current.epoch), closed, foreign };
}
