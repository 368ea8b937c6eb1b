/**
 * docs/PROTOCOL.md §5 steps 1–3 for one batch, in ONE transaction: lock the station row (serialises
 * concurrent uploads of one station), judge the batch with the shared core rules, insert, advance
 * the head (with the signed receipt's short form), commit — and only then answer, with that receipt.
 * Used by the HTTP route and by `tram city import`, so both give the same answer object.
 *
 * The batch's epoch may be the station's current one or, per docs/PROTOCOL.md §9, a closed one (an
 * older epoch of the same station, closed by a re-enrolment): its tail is judged against that epoch's
 * own head with exactly the same chain checks. An epoch the hub never opened is refused (409 epoch).
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

export interface ApplyOptions {
  /** Names the path in audit rows. */
  readonly source: 'upload' | 'import';
  /** The signed ts of a fresh upload (the station is alive now); null for a replay or an import. */
  readonly contactTs?: number | null;
}

/** The short form a station shows of a receipt: the first 8 hex of SHA-256 of its b64 text. */
export function receiptShortForm(receiptB64: string): string {
  return sha256Hex(receiptB64).slice(0, 8);
}

/** Applies a batch whose signature the caller has verified. */
export async function applyBatch(ctx: HubContext, stationId: string, batch: BatchUnderTest, options: ApplyOptions): Promise<HubAnswer> {
  const { source } = options;
  const contactTs = options.contactTs ?? null;
  const wards = await ctx.wards();
  const outcome = await ctx.db.transaction(async (tx) => {
    const closed = Number.isSafeInteger(batch.epoch) && batch.epoch >= 1 ? batch.epoch : null;
    const locked = await lockStationHead(tx, stationId, closed);
    if (locked === null || locked.station.status !== 'active') return { kind: 'unauthorized' } as const;
    const { station } = locked;
    const isCurrent = batch.epoch === station.current_epoch;
    // Only epochs up to the current one exist; anything else is the wrong epoch, answered as §5 says.
    const head = batch.epoch <= station.current_epoch ? locked.head : null;
    if (head === null) {
      if (isCurrent) throw new Error(`station ${stationId} has no row for epoch ${station.current_epoch}`);
      return { kind: 'verdict', verdict: { kind: 'epoch', epoch: station.current_epoch } } as const;
    }
    const range = storedSeqsNeeded(batch, head.acked_seq);
    const stored = range === null ? new Map<number, string>() : await storedHashes(tx, { stationId, epoch: head.epoch, ...range });
    const verdict = judgeBatch(sha256Hex, stationId, { epoch: head.epoch, ackedSeq: head.acked_seq, headHash: head.head_hash, startHash: head.start_hash }, batch, stored);
    if (verdict.kind !== 'accept') return { kind: 'verdict', verdict } as const;

    const now = ctx.now();
    const province = wards.provinceCode === null ? undefined : { stationWard: station.ward_code, isProvinceWard: (code: string) => wards.isProvinceWard(code) };
    const examined = verdict.fresh.map((event) => examineEvent(event, province));
    const events: EventToStore[] = examined.map((item) => item.stored);
    const facts = examined.map((item) => item.fact).filter((fact): fact is EventFact => fact !== null);
    const inserted = await insertBatch(tx, { stationId, epoch: head.epoch, stationWard: station.ward_code, receivedAt: now, events, facts });
    // The row lock makes a conflict impossible; if one happens anyway, roll back rather than lie.
    if (inserted !== events.length) throw new Error(`concurrent insert for ${stationId}: ${inserted} of ${events.length}`);
    const lastWallMs = batch.events.at(-1)?.wall_ms;
    // Signed before COMMIT so its short form is stored by the same statement (no second commit per
    // batch); it leaves this process only after the commit succeeded.
    const serverTimeMs = ctx.now();
    const receipt = ctx.keys.signReceipt(stationId, head.epoch, verdict.headSeq, verdict.headHash, serverTimeMs);
    await advanceHead(tx, {
      stationId,
      epoch: head.epoch,
      ackedSeq: verdict.headSeq,
      headHash: verdict.headHash,
      now,
      // A closed epoch's last event is old news: only the current epoch says how far the clock is off.
      offsetMs: lastWallMs === undefined || !isCurrent || contactTs === null ? null : now - lastWallMs,
      contactTs,
      // An upload's receipt is the one its station shows; the stations page shows its short form.
      receiptShort: source === 'upload' ? receiptShortForm(receipt) : null,
    });
    // Last, so the shared ward rows it updates stay locked for the shortest time before COMMIT.
    await updateRollups(tx, { stationId, epoch: head.epoch, stationWard: station.ward_code, events, facts }, now);
    return { kind: 'stored', verdict, inserted, serverTimeMs, receipt } as const;
  });

  if (outcome.kind === 'unauthorized') return UNAUTHORIZED;
  if (outcome.kind === 'verdict') return refusal(ctx, stationId, batch, outcome.verdict, source);
  return {
    status: 200,
    body: {
      acked_seq: outcome.verdict.headSeq,
      head_hash: outcome.verdict.headHash,
      inserted: outcome.inserted,
      duplicates: outcome.verdict.duplicates,
      server_time_ms: outcome.serverTimeMs,
      receipt: outcome.receipt,
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
