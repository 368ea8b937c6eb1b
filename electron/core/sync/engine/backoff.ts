/**
 * Retry pacing for the upload engine (reference/sync.md §4.5): full-jitter exponential backoff,
 * `delay = random(0, min(cap, base · 2^attempt))`, base 2 s, cap 10 min. The jitter is what keeps a
 * city's hundred stations from retrying in lock-step after an outage, so it is never optional; the
 * randomness is injected to keep the engine deterministic under test.
 */

/** §5: first retry window. */
export const BACKOFF_BASE_MS = 2_000;
/** §5: the longest a station ever waits between attempts (unless the hub asks for more). */
export const BACKOFF_CAP_MS = 10 * 60_000;
/** A hub's Retry-After is honoured up to this bound, so a broken header cannot park a station for days. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: BACKOFF_BASE_MS, capMs: BACKOFF_CAP_MS };

/** A number in [0, 1), like Math.random. */
export type RandomUnit = () => number;

/** The window of the n-th retry (attempt 0 is the first retry): min(cap, base · 2^attempt). */
export function backoffWindowMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  // 2^attempt overflows to Infinity long after it passed the cap; min() keeps it finite.
  const exponent = Math.max(0, Math.floor(attempt));
  return Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(exponent, 60));
}

/** Full-jitter delay for the n-th retry; a random source outside [0, 1) is clamped, never trusted. */
export function fullJitterDelayMs(attempt: number, random: RandomUnit, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const draw = random();
  const unit = Number.isFinite(draw) ? Math.min(Math.max(draw, 0), 1) : 0;
  return Math.floor(unit * backoffWindowMs(attempt, policy));
}

/**
 * The delay before a retry that the hub answered with 429/503: at least its Retry-After (bounded by
 * MAX_RETRY_AFTER_MS), and never less than our own jittered delay.
 */
export function retryDelayMs(attempt: number, random: RandomUnit, retryAfterMs: number | null, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const jitter = fullJitterDelayMs(attempt, random, policy);
  if (retryAfterMs === null || !Number.isFinite(retryAfterMs)) return jitter;
  return Math.max(jitter, Math.min(Math.max(0, Math.ceil(retryAfterMs)), MAX_RETRY_AFTER_MS));
}

/**
 * Parses an HTTP Retry-After value: delta-seconds, or an HTTP-date measured against `nowMs` (the
 * station clock, which may be wrong — so a date answer is clamped to [0, MAX_RETRY_AFTER_MS]).
 * Returns null for an absent or unreadable header.
 */
export function parseRetryAfterMs(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (/^\d{1,10}$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  // An HTTP-date names its day and month in letters; a bare number like "-5" is not one.
  const at = /[A-Za-z]{3}/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, at - nowMs), MAX_RETRY_AFTER_MS);
}
