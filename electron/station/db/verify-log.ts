/**
 * Verifies the attendance log: SQLite integrity, then every epoch's chain (gapless seq, each hash
 * recomputes, each prev_hash links, the stored head matches the last row). Pruned epochs are checked
 * from their first kept row, whose link was verified before it was acknowledged.
 */
import type { Database } from 'better-sqlite3';
import { verifyChainSegment, type ChainedEvent, type Sha256Hex } from '../../core/sync/protocol/event-hash';
import { integrityProblems } from './open-database';

export interface LogProblem {
  readonly code: 'integrity' | 'gap' | 'bad_hash' | 'broken_link' | 'head_mismatch' | 'bad_start';
  readonly epoch?: number;
  readonly seq?: number;
  readonly message: string;
}

export interface LogVerification {
  readonly ok: boolean;
  readonly events: number;
  readonly epochs: number;
  readonly head_hash: string | null;
  readonly problems: LogProblem[];
}

export interface VerifyOptions {
  readonly sha256Hex: Sha256Hex;
  /** Check only events after the acknowledged watermark (start-up); default: everything. */
  readonly onlyUnacknowledged?: boolean;
  /** Run integrity_check (full) rather than quick_check. */
  readonly fullIntegrity?: boolean;
  /** Skip SQLite's own check and verify the chain only (benchmarks measure the chain alone). */
  readonly chainOnly?: boolean;
}

interface EpochInfo {
  epoch: number;
  station_id: string;
  start_hash: string;
  head_seq: number;
  head_hash: string;
  acked_seq: number | null;
  acked_hash: string | null;
}

/** Verifies the whole log (or its unacknowledged tail) and lists every problem found. */
export function verifyLog(db: Database, options: VerifyOptions): LogVerification {
  const problems: LogProblem[] = options.chainOnly ? [] : integrityProblems(db, options.fullIntegrity ?? false).map((message) => ({ code: 'integrity' as const, message }));
  const epochs = db
    .prepare<[], EpochInfo>(
      `SELECT e.epoch, e.station_id, e.start_hash, e.head_seq, e.head_hash, s.acked_seq, s.acked_hash
       FROM epochs e LEFT JOIN sync_state s ON s.epoch = e.epoch ORDER BY e.epoch`,
    )
    .all();
  const firstRow = db.prepare<[number], { seq: number; prev_hash: string }>('SELECT seq, prev_hash FROM events WHERE epoch = ? ORDER BY seq LIMIT 1');
  const rowsFrom = db.prepare<[number, number], ChainedEvent>(
    'SELECT seq, event_id, kind, payload, wall_ms, hlc, boot_id, mono_ms, prev_hash, hash FROM events WHERE epoch = ? AND seq > ? ORDER BY seq',
  );
  let events = 0;
  let headHash: string | null = null;
  for (const info of epochs) {
    headHash = info.head_hash;
    // The city may hold more of a closed epoch than this (restored) copy: then nothing here is unacknowledged.
    if ((options.onlyUnacknowledged ?? false) && info.acked_seq !== null && info.acked_seq >= info.head_seq) continue;
    const useAck = (options.onlyUnacknowledged ?? false) && info.acked_seq !== null && info.acked_hash !== null;
    let afterSeq = useAck ? (info.acked_seq as number) : 0;
    let afterHash = useAck ? (info.acked_hash as string) : info.start_hash;
    const first = firstRow.get(info.epoch);
    if (!useAck && first && first.seq > 1) {
      // Retention pruned the acknowledged start of this epoch: anchor on the first kept row.
      if (info.acked_seq === null || first.seq > info.acked_seq + 1) {
        problems.push({ code: 'gap', epoch: info.epoch, seq: first.seq, message: `epoch ${info.epoch} starts at seq ${first.seq} but only acknowledged events may be pruned` });
      }
      afterSeq = first.seq - 1;
      afterHash = first.prev_hash;
    }
    const segment = verifyChainSegment(options.sha256Hex, info.station_id, info.epoch, afterSeq, afterHash, rowsFrom.iterate(info.epoch, afterSeq));
    events += segment.count;
    if (segment.problem) {
      const { code, seq } = segment.problem;
      problems.push({ code, epoch: info.epoch, seq, message: `epoch ${info.epoch}, seq ${seq}: ${code.replace('_', ' ')}` });
    } else if (segment.headSeq !== info.head_seq || segment.headHash !== info.head_hash) {
      problems.push({ code: 'head_mismatch', epoch: info.epoch, seq: segment.headSeq, message: `epoch ${info.epoch}: stored head ${info.head_seq} does not match the last event ${segment.headSeq}` });
    }
  }
  return { ok: problems.length === 0, events, epochs: epochs.length, head_hash: headHash, problems };
}
