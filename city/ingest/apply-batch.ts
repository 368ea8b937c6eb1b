/**
 * PROTOCOL.md §5 steps 1–3 for one batch, in ONE transaction: lock the station row (serialises
 * concurrent uploads of one station), judge the batch with the shared core rules, insert, advance
 * the head, commit — and only then build the answer with a fresh signed receipt. Used by the HTTP
 * route and by `tram city import`, so both give the same answer object.
 */
import { judgeBatch, storedSeqsNeeded } from '../../electron/core/sync/protocol/batch-verdict';
import type { BatchUnderTest, BatchVerdict } from '../../electron/core/sync/protocol/batch-verdict';
import { MAX_BATCH_EVENTS } from '../../electron/core/sync/protocol/limits';
import { sha256Hex } from '../crypto/ed25519';
import type { HubContext } from '../hub-context';
import { insertBatch, storedHashes } from '../store/event-store';
import type { EventFact, EventToStore } from '../store/event-store';
import { advanceHead, lockStationHead, reportFork } from '../store/station-store';
import { updateRollups } from '../rollups/update-rollups';
import { examineEvent } from './event-facts';

export interface HubAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

export const UNAUTHORIZED: HubAnswer = { status: 401, body: { error: 'unauthorized' } };
export const TOO_LARGE: HubAnswer = { status: 413, body: { error: 'too_large', max_events: MAX_BATCH_EVENTS, max_bytes: 1024 * 1024 } };

/** Applies a batch whose signature the caller has verified; `source` names the path in audit rows. */
export async function applyBatch(ctx: HubContext, stationId: string, batch: BatchUnderTest, source: 'upload' | 'import'): Promise<HubAnswer> {
  const outcome = await ctx.db.transaction(async (tx) => {
    const locked = await lockStationHead(tx, stationId);
    if (locked === null || locked.station.status !== 'active') return { kind: 'unauthorized' } as const;
    const { station, head } = locked;
    if (head === null) throw new Error(`station ${stationId} has no row for epoch ${station.current_epoch}`);
    const range = batch.epoch === station.current_epoch ? storedSeqsNeeded(batch, head.acked_seq) : null;
    const stored = range === null ? new Map<number, string>() : await storedHashes(tx, { stationId, epoch: head.epoch, ...range });
    const verdict = judgeBatch(sha256Hex, stationId, { epoch: head.epoch, ackedSeq: head.acked_seq, headHash: head.head_hash, startHash: head.start_hash }, batch, stored);
    if (verdict.kind !== 'accept') return { kind: 'verdict', verdict } as const;

    const now = ctx.now();
    const examined = verdict.fresh.map(examineEvent);
    const events: EventToStore[] = examined.map((item) => item.stored);
    const facts = examined.map((item) => item.fact).filter((fact): fact is EventFact => fact !== null);
    const inserted = await insertBatch(tx, { stationId, epoch: head.epoch, stationWard: station.ward_code, receivedAt: now, events, facts });
    // The row lock makes a conflict impossible; if one happens anyway, roll back rather than lie.
    if (inserted !== events.length) throw new Error(`concurrent insert for ${stationId}: ${inserted} of ${events.length}`);
    const lastWallMs = batch.events.at(-1)?.wall_ms;
    await advanceHead(tx, {
      stationId,
      epoch: head.epoch,
      ackedSeq: verdict.headSeq,
      headHash: verdict.headHash,
      now,
      offsetMs: lastWallMs === undefined ? null : now - lastWallMs,
    });
    // Last, so the shared ward rows it updates stay locked for the shortest time before COMMIT.
    await updateRollups(tx, { stationId, epoch: head.epoch, stationWard: station.ward_code, events, facts });
    return { kind: 'stored', verdict, epoch: head.epoch, inserted } as const;
  });

  if (outcome.kind === 'unauthorized') return UNAUTHORIZED;
  if (outcome.kind === 'verdict') return refusal(ctx, stationId, batch, outcome.verdict, source);
  const serverTimeMs = ctx.now();
  return {
    status: 200,
    body: {
      acked_seq: outcome.verdict.headSeq,
      head_hash: outcome.verdict.headHash,
      inserted: outcome.inserted,
      duplicates: outcome.verdict.duplicates,
      server_time_ms: serverTimeMs,
      receipt: ctx.keys.signReceipt(stationId, outcome.epoch, outcome.verdict.headSeq, outcome.verdict.headHash, serverTimeMs),
    },
  };
}

async function refusal(ctx: HubContext, stationId: string, batch: BatchUnderTest, verdict: Exclude<BatchVerdict, { kind: 'accept' }>, source: string): Promise<HubAnswer> {
  switch (verdict.kind) {
    case 'epoch':
      return { status: 409, body: { error: 'epoch', epoch: verdict.epoch } };
    case 'malformed':
      return { status: 400, body: { error: 'bad_request', detail: verdict.detail } };
    case 'gap':
      return { status: 409, body: { error: 'gap', expected_seq: verdict.expectedSeq } };
    case 'fork': {
      const sent = verdict.reason === 'prev_hash' ? batch.prev_hash : (batch.events.find((event) => event.seq === verdict.seq)?.hash ?? null);
      // Outside the (rolled back) batch transaction: the review mark and audit row must survive.
      await reportFork(ctx.db, {
        stationId,
        epoch: batch.epoch,
        seq: verdict.seq,
        reason: verdict.reason,
        sentHash: sent,
        storedHash: verdict.storedHash,
        source,
        now: ctx.now(),
      });
      return { status: 409, body: { error: 'fork', seq: verdict.seq } };
    }
    default:
      return assertNever(verdict);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected verdict ${JSON.stringify(value)}`);
}
