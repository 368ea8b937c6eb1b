/**
 * Builds the next rows of the hash chain (docs/PROTOCOL.md §4) from the current head. Pure: the database
 * adapter reads the head, calls this, and writes the rows in the same transaction.
 */
import { canonicalJson, type JsonValue } from '../sync/protocol/canonical-json';
import { computeEventHash, type ChainedEvent, type Sha256Hex } from '../sync/protocol/event-hash';
import type { NewEvent } from '../sync/protocol/event-payloads';
import { formatHlc, tickHlc, type Hlc } from './hlc';

export interface ChainHead {
  readonly stationId: string;
  readonly epoch: number;
  readonly seq: number;
  readonly hash: string;
  readonly hlc: Hlc | null;
}

export interface EventContext {
  readonly wallMs: number;
  readonly monoMs: number;
  readonly bootId: string;
  readonly newEventId: () => string;
  readonly sha256Hex: Sha256Hex;
}

/** The rows that continue the chain, and the head after them. */
export function buildEvents(head: ChainHead, events: readonly NewEvent[], context: EventContext): { rows: ChainedEvent[]; head: ChainHead } {
  const rows: ChainedEvent[] = [];
  let seq = head.seq;
  let hash = head.hash;
  let hlc = head.hlc;
  for (const event of events) {
    hlc = tickHlc(hlc, context.wallMs);
    seq += 1;
    const unhashed = {
      seq,
      event_id: context.newEventId(),
      kind: event.kind,
      payload: canonicalJson(event.payload as unknown as JsonValue),
      wall_ms: Math.floor(context.wallMs),
      hlc: formatHlc(hlc),
      boot_id: context.bootId,
      mono_ms: Math.max(0, Math.floor(context.monoMs)),
      prev_hash: hash,
    };
    hash = computeEventHash(context.sha256Hex, head.stationId, head.epoch, unhashed);
    rows.push({ ...unhashed, hash });
  }
  return { rows, head: { ...head, seq, hash, hlc } };
}
