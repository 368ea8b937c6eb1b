/**
 * The hub's decision for one upload batch (docs/PROTOCOL.md §5, steps 1–2), kept pure so the HTTP route
 * and the sneakernet import (§7) apply exactly the same checks.
 *
 * Order, as §5 lists it: epoch → events are exactly first_seq..last_seq → gap → batch prev_hash equals
 * the stored hash of first_seq − 1 (or the epoch's start hash) → per event: prev_hash links, hash
 * recomputes, an already stored seq has the same hash (duplicate) or not (fork). The first problem
 * wins; a fork names the first seq that is wrong.
 */
import { computeEventHash } from './event-hash';
import type { ChainedEvent, Sha256Hex } from './event-hash';

/** What the hub knows about the station's current epoch. */
export interface EpochHead {
  readonly epoch: number;
  readonly ackedSeq: number;
  readonly headHash: string;
  readonly startHash: string;
}

export interface BatchUnderTest {
  readonly epoch: number;
  readonly first_seq: number;
  readonly last_seq: number;
  readonly prev_hash: string;
  readonly events: readonly ChainedEvent[];
}

export type ForkReason = 'prev_hash' | 'broken_link' | 'bad_hash' | 'stored_differs';

export type BatchVerdict =
  | { readonly kind: 'epoch'; readonly epoch: number }
  | { readonly kind: 'malformed'; readonly detail: string }
  | { readonly kind: 'gap'; readonly expectedSeq: number }
  | { readonly kind: 'fork'; readonly seq: number; readonly reason: ForkReason; readonly storedHash: string | null }
  | {
      readonly kind: 'accept';
      readonly fresh: readonly ChainedEvent[];
      readonly duplicates: number;
      readonly headSeq: number;
      readonly headHash: string;
    };

/**
 * The stored seqs whose hashes `judgeBatch` needs: first_seq − 1 up to the overlap with what is
 * stored, less the acknowledged head itself, whose hash the epoch head already carries. The usual
 * next batch (first_seq = acked_seq + 1) therefore needs no read at all.
 */
export function storedSeqsNeeded(batch: Pick<BatchUnderTest, 'first_seq' | 'last_seq'>, ackedSeq: number): { from: number; to: number } | null {
  const from = Math.max(1, batch.first_seq - 1);
  const to = Math.min(batch.last_seq, ackedSeq - 1);
  return from <= to ? { from, to } : null;
}

/** Judges a batch against the current epoch head and the stored hashes by seq. */
export function judgeBatch(
  sha256Hex: Sha256Hex,
  stationId: string,
  head: EpochHead,
  batch: BatchUnderTest,
  storedHashes: ReadonlyMap<number, string>,
): BatchVerdict {
  if (batch.epoch !== head.epoch) return { kind: 'epoch', epoch: head.epoch };
  const expectedCount = batch.last_seq - batch.first_seq + 1;
  if (batch.events.length !== expectedCount) {
    return { kind: 'malformed', detail: `events: expected ${expectedCount} events for first_seq..last_seq, got ${batch.events.length}` };
  }
  const outOfPlace = batch.events.findIndex((event, index) => event.seq !== batch.first_seq + index);
  if (outOfPlace >= 0) return { kind: 'malformed', detail: `events.${outOfPlace}.seq: expected ${batch.first_seq + outOfPlace}` };
  if (batch.first_seq > head.ackedSeq + 1) return { kind: 'gap', expectedSeq: head.ackedSeq + 1 };

  // The hash at the acknowledged head is the epoch head's own (storedSeqsNeeded leaves it out).
  const storedAt = (seq: number): string | undefined => (seq === head.ackedSeq && seq > 0 ? head.headHash : storedHashes.get(seq));
  const expectedPrev = batch.first_seq === 1 ? head.startHash : storedAt(batch.first_seq - 1);
  if (expectedPrev === undefined) throw new Error(`judgeBatch: stored hash of seq ${batch.first_seq - 1} not supplied`);
  if (batch.prev_hash !== expectedPrev) return { kind: 'fork', seq: batch.first_seq, reason: 'prev_hash', storedHash: null };

  const fresh: ChainedEvent[] = [];
  let duplicates = 0;
  let previous = expectedPrev;
  for (const event of batch.events) {
    const stored = storedAt(event.seq) ?? null;
    if (event.prev_hash !== previous) return { kind: 'fork', seq: event.seq, reason: 'broken_link', storedHash: stored };
    if (computeEventHash(sha256Hex, stationId, batch.epoch, event) !== event.hash) {
      return { kind: 'fork', seq: event.seq, reason: 'bad_hash', storedHash: stored };
    }
    if (event.seq <= head.ackedSeq) {
      if (stored === null) throw new Error(`judgeBatch: stored hash of seq ${event.seq} not supplied`);
      if (stored !== event.hash) return { kind: 'fork', seq: event.seq, reason: 'stored_differs', storedHash: stored };
      duplicates += 1;
    } else {
      fresh.push(event);
    }
    previous = event.hash;
  }
  const last = fresh.at(-1);
  return last === undefined
    ? { kind: 'accept', fresh, duplicates, headSeq: head.ackedSeq, headHash: head.headHash }
    : { kind: 'accept', fresh, duplicates, headSeq: last.seq, headHash: last.hash };
}
