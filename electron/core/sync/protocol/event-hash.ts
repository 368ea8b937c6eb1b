/**
 * The event hash chain of docs/PROTOCOL.md §4.
 *
 * Invariant: hash = SHA-256 over the UTF-8 of the fixed preimage below; prev_hash of the first event of
 * an epoch is the epoch's start hash (64 zeros in epoch 1, else the head the city acknowledged for the
 * previous epoch). The digest itself is injected (`Sha256Hex`) so this module stays free of I/O and
 * runs the same in the station, the hub and the browser.
 */
export const ZERO_HASH = '0'.repeat(64);

/** Hex SHA-256 of the UTF-8 bytes of a string, supplied by the host (node:crypto on Node). */
export type Sha256Hex = (text: string) => string;

/** The hashed fields of one event, as they travel on the wire. */
export interface ChainedEvent {
  readonly seq: number;
  readonly event_id: string;
  readonly kind: string;
  readonly payload: string;
  readonly wall_ms: number;
  readonly hlc: string;
  readonly boot_id: string;
  readonly mono_ms: number;
  readonly prev_hash: string;
  readonly hash: string;
}

export type UnhashedEvent = Omit<ChainedEvent, 'hash'>;

/** The exact text that is hashed for one event. */
export function eventHashPreimage(stationId: string, epoch: number, event: UnhashedEvent): string {
  // One template literal: verification hashes hundreds of thousands of these per second.
  return `tram-hoc-so/event/v1\n${stationId}\n${epoch}\n${event.seq}\n${event.event_id}\n${event.kind}\n${event.payload}\n${event.wall_ms}\n${event.hlc}\n${event.boot_id}\n${event.mono_ms}\n${event.prev_hash}`;
}

/** The hash an event must carry. */
export function computeEventHash(sha256Hex: Sha256Hex, stationId: string, epoch: number, event: UnhashedEvent): string {
  return sha256Hex(eventHashPreimage(stationId, epoch, event));
}

export type ChainProblem =
  | { readonly code: 'gap'; readonly seq: number; readonly expectedSeq: number }
  | { readonly code: 'bad_hash'; readonly seq: number }
  | { readonly code: 'broken_link'; readonly seq: number };

/**
 * Checks that `events` continue a chain whose last known event is (`afterSeq`, `afterHash`): seq is
 * gapless and every hash recomputes and links. Returns the first problem, or null with the new head.
 */
export function verifyChainSegment(
  sha256Hex: Sha256Hex,
  stationId: string,
  epoch: number,
  afterSeq: number,
  afterHash: string,
  events: Iterable<ChainedEvent>,
): { readonly problem: ChainProblem | null; readonly headSeq: number; readonly headHash: string; readonly count: number } {
  let headSeq = afterSeq;
  let headHash = afterHash;
  let count = 0;
  for (const event of events) {
    if (event.seq !== headSeq + 1) return { problem: { code: 'gap', seq: event.seq, expectedSeq: headSeq + 1 }, headSeq, headHash, count };
    if (event.prev_hash !== headHash) return { problem: { code: 'broken_link', seq: event.seq }, headSeq, headHash, count };
    if (computeEventHash(sha256Hex, stationId, epoch, event) !== event.hash) {
      return { problem: { code: 'bad_hash', seq: event.seq }, headSeq, headHash, count };
    }
    headSeq = event.seq;
    headHash = event.hash;
    count += 1;
  }
  return { problem: null, headSeq, headHash, count };
}
