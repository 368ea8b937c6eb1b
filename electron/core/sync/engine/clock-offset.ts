/**
 * Station clock minus city clock, NTP-style from one request (reference/sync.md §4.7): the hub stamps
 * `server_time_ms` once, so t1 = t2 and offset = (t0 + t3) / 2 − server_time, error ≤ rtt / 2.
 * The estimate is for display and flagging only: nothing is ever refused for its clock, and a station
 * whose clock says 2005 syncs like any other.
 */

export interface ClockSample {
  /** Station wall clock minus city clock, ms (positive: the station runs ahead). */
  readonly offsetMs: number;
  readonly rttMs: number;
}

/** Offset estimate from one answer; null when the station clock moved backwards during the request. */
export function clockSample(sentAtMs: number, receivedAtMs: number, serverTimeMs: number): ClockSample | null {
  const rttMs = receivedAtMs - sentAtMs;
  if (!Number.isFinite(rttMs) || rttMs < 0) return null;
  return { offsetMs: Math.round((sentAtMs + receivedAtMs) / 2 - serverTimeMs), rttMs };
}

/** A jump larger than this between two samples means the station clock itself moved. */
const CLOCK_MOVED_MS = 60_000;

/**
 * Keeps the sample with the lowest round trip (the tightest bound), unless the new one disagrees by
 * more than its own uncertainty plus a minute: then the station clock was changed and the old
 * sample is stale.
 */
export function betterSample(current: ClockSample | null, next: ClockSample | null): ClockSample | null {
  if (next === null) return current;
  if (current === null) return next;
  if (Math.abs(next.offsetMs - current.offsetMs) > CLOCK_MOVED_MS + next.rttMs + current.rttMs) return next;
  return next.rttMs <= current.rttMs ? next : current;
}
