/**
 * The vocabulary of the upload engine (docs/PROTOCOL.md §5, station side): what it can be doing, what can
 * happen to it, and what it asks its driver to do. Plain data only, so a test can script any history
 * and compare the commands exactly.
 */
import type { BackoffPolicy } from './backoff';
import type { ClockSample } from './clock-offset';

export type EnginePhase = 'idle' | 'fetching_cursor' | 'uploading' | 'backing_off' | 'reloading' | 'stopped';

/** Why the engine stopped. Every reason but `requested` needs a person and raises an alert. */
export type StopReason =
  | { readonly code: 'unauthorized' }
  | { readonly code: 'forbidden' }
  | { readonly code: 'fork'; readonly seq: number }
  | { readonly code: 'epoch'; readonly cityEpoch: number; readonly localEpoch: number }
  | { readonly code: 'bad_request'; readonly detail: string }
  | { readonly code: 'city_ahead'; readonly cityAckedSeq: number; readonly localHeadSeq: number }
  | { readonly code: 'event_too_large'; readonly seq: number }
  | { readonly code: 'bad_receipt' }
  | { readonly code: 'local_log'; readonly detail: string }
  | { readonly code: 'requested' };

export type StopCode = StopReason['code'];

/** The committed head of the station's current epoch. */
export interface LocalHead {
  readonly epoch: number;
  readonly seq: number;
}

/**
 * An older local epoch that still holds events the city has not confirmed (its tail after a
 * re-enrolment, or after a restore opened a new epoch). Delivered before the current epoch
 * (docs/PROTOCOL.md §9, closed epochs). `seq` is its final local head.
 */
export interface ClosedEpoch {
  readonly epoch: number;
  readonly seq: number;
  readonly acked: AckBelief | null;
}

/** What the station believes the city acknowledged (from the last 200 or cursor it recorded). */
export interface AckBelief {
  readonly epoch: number;
  readonly seq: number;
  readonly hash: string;
}

/** The acknowledgement part of a cursor or upload answer, receipt already verified by the driver. */
export interface AckFacts {
  readonly ackedSeq: number;
  readonly headHash: string;
  readonly serverTimeMs: number;
  readonly receipt: string;
}

export interface CursorFacts extends AckFacts {
  readonly epoch: number;
  /**
   * The station's own hash at the city's `ackedSeq` (the epoch's start hash for 0), read by the driver;
   * null when the station cannot know it (pruned before the city's watermark).
   */
  readonly localHashAtAcked: string | null;
}

/** Station wall-clock times around one request, for the offset estimate. */
export interface RequestTiming {
  readonly sentAtMs: number;
  readonly receivedAtMs: number;
}

/** Failures the engine retries with backoff (the network or the hub is unwell). */
export type TransientFailure =
  | { readonly type: 'retry_later'; readonly status: number; readonly retryAfterMs: number | null }
  | { readonly type: 'server_error'; readonly status: number }
  | { readonly type: 'network_error'; readonly detail: string }
  | { readonly type: 'timeout' }
  | { readonly type: 'bad_answer'; readonly detail: string }
  /** The station itself failed while handling an answer (e.g. the disk is full): retried, then reloaded. */
  | { readonly type: 'local_error'; readonly detail: string };

/** Answers that are not a 200: each has exactly one rule in the engine. */
export type AnswerFailure =
  | TransientFailure
  | { readonly type: 'gap'; readonly expectedSeq: number }
  | { readonly type: 'fork'; readonly seq: number }
  | { readonly type: 'epoch'; readonly epoch: number }
  | { readonly type: 'unauthorized' }
  | { readonly type: 'forbidden' }
  | { readonly type: 'too_large' }
  | { readonly type: 'bad_request'; readonly detail: string }
  | { readonly type: 'bad_receipt' };

/** What the driver reads from the station database at start and after a local error. */
export interface LocalFacts {
  readonly local: LocalHead;
  readonly acked: AckBelief | null;
  /** Older epochs still to deliver, oldest first (absent: none). */
  readonly closed?: readonly ClosedEpoch[];
}

export type EngineInput =
  | ({ readonly type: 'start' } & LocalFacts)
  /** The answer to a `reload` command: fresh beliefs, the failure count kept. */
  | ({ readonly type: 'reloaded' } & LocalFacts)
  | { readonly type: 'stop' }
  | { readonly type: 'network_up' }
  | { readonly type: 'log_advanced'; readonly local: LocalHead }
  | { readonly type: 'timer_fired' }
  | { readonly type: 'cursor_ok'; readonly cursor: CursorFacts; readonly timing: RequestTiming }
  | { readonly type: 'upload_ok'; readonly answer: AckFacts & { readonly inserted: number; readonly duplicates: number }; readonly timing: RequestTiming }
  | { readonly type: 'local_problem'; readonly detail: string }
  | AnswerFailure;

/**
 * Commands for the driver. It keeps at most one timer: `wait` replaces it, and `fetch_cursor`,
 * `send_batch` and `cancel_wait` clear it. It runs one request at a time and feeds each answer back.
 */
export type EngineCommand =
  /** `epoch` only for a closed epoch (`?epoch=N`); the current epoch's cursor is the plain v1 request. */
  | { readonly type: 'fetch_cursor'; readonly epoch?: number }
  /** Re-read heads and acknowledgements from the database, then feed `reloaded`. */
  | { readonly type: 'reload' }
  | { readonly type: 'send_batch'; readonly epoch: number; readonly fromSeq: number; readonly count: number }
  | { readonly type: 'wait'; readonly ms: number }
  | { readonly type: 'cancel_wait' }
  | {
      readonly type: 'record_ack';
      readonly epoch: number;
      readonly ackedSeq: number;
      readonly headHash: string;
      readonly receipt: string;
      readonly serverTimeMs: number;
    }
  | { readonly type: 'alert'; readonly reason: Exclude<StopReason, { code: 'requested' }> }
  /** The city holds the whole local log; nothing to send until the log grows. */
  | { readonly type: 'settled' };

export type InFlight =
  | { readonly kind: 'cursor'; readonly epoch: number }
  | { readonly kind: 'upload'; readonly epoch: number; readonly fromSeq: number; readonly count: number };

export interface EngineState {
  readonly phase: EnginePhase;
  readonly local: LocalHead;
  readonly acked: AckBelief | null;
  /** Older epochs to deliver first, oldest first; the head of the list is the one being worked on. */
  readonly closed: readonly ClosedEpoch[];
  /** A local error happened: beliefs may differ from the database, so the next try reloads them. */
  readonly stale: boolean;
  readonly inFlight: InFlight | null;
  /** Largest batch to ask for now: halves on 413 and timeouts, doubles after two successes. */
  readonly batchLimit: number;
  readonly successStreak: number;
  /** Consecutive transient failures; the backoff exponent. */
  readonly failures: number;
  readonly lastFailure: TransientFailure | null;
  readonly stopReason: StopReason | null;
  readonly clock: ClockSample | null;
  /** Station wall ms of the last 200 (cursor or upload). */
  readonly lastSuccessMs: number | null;
}

export interface EngineConfig {
  readonly maxBatch: number;
  readonly backoff: BackoffPolicy;
  /** How long an idle engine waits before asking the cursor again. */
  readonly idlePollMs: number;
  /**
   * How soon a settled engine tries again once the log grows: long enough to gather a visit's
   * events into one batch, short enough that the city's report shows the visit within seconds.
   */
  readonly newEventsDelayMs: number;
}

export interface EngineStep {
  readonly state: EngineState;
  readonly commands: readonly EngineCommand[];
}
