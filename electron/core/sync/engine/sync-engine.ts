/**
 * The station's upload engine (docs/PROTOCOL.md §5, station side) as a pure state machine:
 * `step(state, input, deps) → { state, commands }`. No I/O, no clock, no randomness of its own: the
 * driver feeds it answers with their station-clock timings and gives it a random source, so every
 * history replays exactly.
 *
 * Phases: idle → fetching_cursor → uploading ⇄ (more batches) → idle; any transient failure →
 * backing_off → (timer) fetching_cursor; a local error → backing_off → (timer) reloading → fetching_cursor;
 * a stop condition → stopped (only `start` leaves it).
 *
 * Invariants:
 * - At most one request in flight (`inFlight`); an answer that arrives in any other phase is ignored.
 * - The acknowledged watermark (`acked`) changes only from a 200 body — a cursor or an upload answer —
 *   and every change is emitted as `record_ack`. The cursor is the truth: a lower `acked_seq` than
 *   believed (the city restored a backup) is recorded and re-sent from.
 * - A batch always starts at `acked + 1` or at a `gap`'s `expected_seq`, and never passes the local head.
 * - 401, 403, fork, epoch, 400, an unverifiable receipt, a city ahead of the local log, a single event
 *   the hub cannot take and a broken local log stop the engine with an alert: no blind retries.
 * - 413 halves the batch (minimum 1) and retries at once; a timeout halves it and backs off; two
 *   successes in a row double it again up to `maxBatch`.
 * - Transient failures wait `random(0, min(cap, base·2^n))` (full jitter), at least Retry-After.
 * - `start` and `network_up` try at once. The clock is only measured, never a reason to refuse.
 * - The first new event after everything was acknowledged brings the next try forward from
 *   `idlePollMs` to `newEventsDelayMs`; later events while that wait runs change nothing, so a busy
 *   station cannot postpone its own upload.
 * - Closed epochs (docs/PROTOCOL.md §9) are delivered oldest first, before the current epoch, with
 *   the same rules. In a closed epoch the city may hold MORE than this copy of the log (a station
 *   restored from an older backup): then the unconfirmed local tail is sent once more, and only the
 *   hub's 200 (all duplicates, same hashes) confirms it; the cursor alone never does.
 * - Total: every input in every phase leads to a request in flight, a wait, idle or stopped. A local
 *   error (the driver failed while acting on an answer) backs off and then reloads the beliefs from
 *   the database, because the in-memory ones may be ahead of what was written.
 */
import { retryDelayMs } from './backoff';
import type { RandomUnit } from './backoff';
import { betterSample, clockSample } from './clock-offset';
import { DEFAULT_BACKOFF } from './backoff';
import { currentTarget, pendingClosed, withoutFirstClosed, withTargetAck } from './engine-target';
import type {
  AckBelief,
  AckFacts,
  EngineCommand,
  EngineConfig,
  EngineInput,
  EngineState,
  EngineStep,
  LocalFacts,
  RequestTiming,
  StopReason,
  TransientFailure,
} from './engine-types';
import { MAX_BATCH_EVENTS } from '../protocol/limits';

export const DEFAULT_ENGINE_CONFIG: EngineConfig = { maxBatch: MAX_BATCH_EVENTS, backoff: DEFAULT_BACKOFF, idlePollMs: 60_000, newEventsDelayMs: 5_000 };

export interface EngineDeps {
  readonly config: EngineConfig;
  readonly random: RandomUnit;
}

/** The engine before `start`: idle, knowing nothing. */
export function initialEngineState(config: EngineConfig = DEFAULT_ENGINE_CONFIG): EngineState {
  return {
    phase: 'idle',
    local: { epoch: 0, seq: 0 },
    acked: null,
    closed: [],
    stale: false,
    inFlight: null,
    batchLimit: config.maxBatch,
    successStreak: 0,
    failures: 0,
    lastFailure: null,
    stopReason: null,
    clock: null,
    lastSuccessMs: null,
  };
}

function assertNever(value: never): never {
  throw new Error(`sync engine: unexpected input ${JSON.stringify(value)}`);
}

const unchanged = (state: EngineState): EngineStep => ({ state, commands: [] });

function stopWith(state: EngineState, reason: Exclude<StopReason, { code: 'requested' }>, extra: readonly EngineCommand[] = []): EngineStep {
  return { state: { ...state, phase: 'stopped', inFlight: null, stopReason: reason }, commands: [...extra, { type: 'cancel_wait' }, { type: 'alert', reason }] };
}

/** Asks the cursor of the epoch being worked on (the plain v1 request for the current epoch). */
function fetchCursor(state: EngineState, before: readonly EngineCommand[] = []): EngineStep {
  const target = currentTarget(state);
  const command: EngineCommand = target.closed ? { type: 'fetch_cursor', epoch: target.epoch } : { type: 'fetch_cursor' };
  return { state: { ...state, phase: 'fetching_cursor', inFlight: { kind: 'cursor', epoch: target.epoch } }, commands: [...before, command] };
}

/** Next try after a wait: reload first when a local error left the beliefs in doubt. */
function retry(state: EngineState): EngineStep {
  if (state.stale) return { state: { ...state, phase: 'reloading', inFlight: null }, commands: [{ type: 'reload' }] };
  return fetchCursor(state);
}

/**
 * Sends the next batch of the target epoch from `fromSeq`. When the target is done: a closed epoch
 * gives way to the next target (its cursor first), the current epoch settles.
 */
function sendFrom(state: EngineState, fromSeq: number, before: readonly EngineCommand[], config: EngineConfig): EngineStep {
  const target = currentTarget(state);
  const remaining = target.headSeq - fromSeq + 1;
  if (remaining <= 0) {
    if (target.closed) return fetchCursor(withoutFirstClosed(state), before);
    return { state: { ...state, phase: 'idle', inFlight: null }, commands: [...before, { type: 'settled' }, { type: 'wait', ms: config.idlePollMs }] };
  }
  const count = Math.min(state.batchLimit, remaining);
  const epoch = target.epoch;
  return {
    state: { ...state, phase: 'uploading', inFlight: { kind: 'upload', epoch, fromSeq, count } },
    commands: [...before, { type: 'send_batch', epoch, fromSeq, count }],
  };
}

/** Takes a city acknowledgement as the target's new belief; emits `record_ack` only when it changed. */
function acknowledge(state: EngineState, epoch: number, facts: AckFacts, timing: RequestTiming): { state: EngineState; commands: EngineCommand[] } {
  const next: AckBelief = { epoch, seq: facts.ackedSeq, hash: facts.headHash };
  const before = currentTarget(state).acked;
  const same = before !== null && before.epoch === epoch && before.seq === next.seq && before.hash === next.hash;
  const commands: EngineCommand[] = same
    ? []
    : [{ type: 'record_ack', epoch, ackedSeq: facts.ackedSeq, headHash: facts.headHash, receipt: facts.receipt, serverTimeMs: facts.serverTimeMs }];
  return {
    state: {
      ...withTargetAck(state, next),
      failures: 0,
      lastFailure: null,
      lastSuccessMs: timing.receivedAtMs,
      clock: betterSample(state.clock, clockSample(timing.sentAtMs, timing.receivedAtMs, facts.serverTimeMs)),
    },
    commands,
  };
}

function backOff(state: EngineState, failure: TransientFailure, deps: EngineDeps): EngineStep {
  const retryAfter = failure.type === 'retry_later' ? failure.retryAfterMs : null;
  const ms = retryDelayMs(state.failures, deps.random, retryAfter, deps.config.backoff);
  return {
    state: { ...state, phase: 'backing_off', inFlight: null, failures: state.failures + 1, lastFailure: failure, successStreak: 0 },
    commands: [{ type: 'wait', ms }],
  };
}

function halved(count: number): number {
  return Math.max(1, Math.floor(count / 2));
}

/** The beliefs of a start or reload, with the closed epochs that still need delivering. */
function withFacts(state: EngineState, facts: LocalFacts): EngineState {
  return { ...state, local: facts.local, acked: facts.acked, closed: pendingClosed(facts.closed, facts.local.epoch), stale: false };
}

/** One transition. Pure: the same state, input and random draws give the same step. */
export function step(state: EngineState, input: EngineInput, deps: EngineDeps): EngineStep {
  const { config } = deps;
  const upload = state.inFlight?.kind === 'upload' ? state.inFlight : null;
  switch (input.type) {
    case 'start': {
      if (state.inFlight !== null) return unchanged(state);
      const fresh = initialEngineState(config);
      return fetchCursor(withFacts({ ...fresh, clock: null, lastSuccessMs: state.lastSuccessMs }, input));
    }
    case 'reloaded':
      if (state.phase !== 'reloading') return unchanged(state);
      return fetchCursor(withFacts(state, input));
    case 'stop':
      return { state: { ...state, phase: 'stopped', inFlight: null, stopReason: { code: 'requested' } }, commands: [{ type: 'cancel_wait' }] };
    case 'network_up':
      if (state.phase !== 'backing_off' && state.phase !== 'idle') return unchanged(state);
      return retry({ ...state, failures: 0 });
    case 'log_advanced': {
      const settled = state.phase === 'idle' && isSettled(state);
      const grew = input.local.epoch !== state.local.epoch || input.local.seq > state.local.seq;
      const next = { ...state, local: input.local };
      return settled && grew ? { state: next, commands: [{ type: 'wait', ms: config.newEventsDelayMs }] } : unchanged(next);
    }
    case 'timer_fired':
      if (state.phase !== 'backing_off' && state.phase !== 'idle') return unchanged(state);
      return retry(state);
    case 'cursor_ok':
      if (state.inFlight?.kind !== 'cursor') return unchanged(state);
      return onCursor(state, input.cursor, input.timing, config);
    case 'upload_ok':
      if (upload === null) return unchanged(state);
      return onUploaded(state, upload.epoch, input.answer, input.timing, config);
    case 'gap': {
      if (upload === null) return unchanged(state);
      const target = currentTarget(state);
      if (input.expectedSeq > target.headSeq + 1) {
        return stopWith(state, { code: 'city_ahead', cityAckedSeq: input.expectedSeq - 1, localHeadSeq: target.headSeq });
      }
      // A gap must point before the batch; anything else is a confused hub, not a reason to spin.
      if (input.expectedSeq >= upload.fromSeq) return backOff(state, { type: 'bad_answer', detail: `gap expected_seq ${input.expectedSeq} is not before ${upload.fromSeq}` }, deps);
      return sendFrom({ ...state, failures: 0 }, input.expectedSeq, [], config);
    }
    case 'too_large': {
      if (upload === null) return backOff(state, { type: 'bad_answer', detail: '413 to a cursor request' }, deps);
      if (upload.count <= 1) return stopWith(state, { code: 'event_too_large', seq: upload.fromSeq });
      return sendFrom({ ...state, batchLimit: halved(upload.count), successStreak: 0 }, upload.fromSeq, [], config);
    }
    case 'timeout': {
      if (state.inFlight === null) return unchanged(state);
      const shrunk = upload === null ? state : { ...state, batchLimit: halved(upload.count) };
      return backOff(shrunk, input, deps);
    }
    case 'retry_later':
    case 'server_error':
    case 'network_error':
    case 'bad_answer':
      if (state.inFlight === null) return unchanged(state);
      return backOff(state, input, deps);
    case 'local_error':
      // Whatever was in flight or half-applied, the next try starts from what the database holds.
      if (state.phase === 'stopped') return unchanged(state);
      return backOff({ ...state, stale: true, inFlight: null }, input, deps);
    case 'fork':
      if (state.inFlight === null) return unchanged(state);
      return stopWith(state, { code: 'fork', seq: input.seq });
    case 'epoch':
      if (state.inFlight === null) return unchanged(state);
      return stopWith(state, { code: 'epoch', cityEpoch: input.epoch, localEpoch: currentTarget(state).epoch });
    case 'unauthorized':
    case 'forbidden':
    case 'bad_receipt':
      if (state.inFlight === null) return unchanged(state);
      return stopWith(state, { code: input.type });
    case 'bad_request':
      if (state.inFlight === null) return unchanged(state);
      return stopWith(state, { code: 'bad_request', detail: input.detail });
    case 'local_problem':
      if (state.phase === 'stopped') return unchanged(state);
      return stopWith(state, { code: 'local_log', detail: input.detail });
    default:
      return assertNever(input);
  }
}

function onCursor(state: EngineState, cursor: Extract<EngineInput, { type: 'cursor_ok' }>['cursor'], timing: RequestTiming, config: EngineConfig): EngineStep {
  const target = currentTarget(state);
  // A hub that does not know closed epochs answers with its current one: the same stop as a wrong epoch.
  if (cursor.epoch !== target.epoch) return stopWith(state, { code: 'epoch', cityEpoch: cursor.epoch, localEpoch: target.epoch });
  if (cursor.ackedSeq > target.headSeq) {
    if (!target.closed) return stopWith(state, { code: 'city_ahead', cityAckedSeq: cursor.ackedSeq, localHeadSeq: target.headSeq });
    // The city holds more of this old epoch than this copy: confirm the unconfirmed local tail by
    // sending it again (the hub answers duplicates, or fork if it holds other events there).
    return sendFrom({ ...state, failures: 0, lastFailure: null }, (target.acked?.seq ?? 0) + 1, [], config);
  }
  // The city holds other events at these seqs (a cloned station, an old copy put back): taking its
  // watermark would mark our own, never-sent events as acknowledged. Stop and alert instead.
  if (cursor.localHashAtAcked !== null && cursor.localHashAtAcked !== cursor.headHash) return stopWith(state, { code: 'fork', seq: cursor.ackedSeq });
  const acked = acknowledge(state, cursor.epoch, cursor, timing);
  return sendFrom(acked.state, cursor.ackedSeq + 1, acked.commands, config);
}

function onUploaded(state: EngineState, epoch: number, answer: Extract<EngineInput, { type: 'upload_ok' }>['answer'], timing: RequestTiming, config: EngineConfig): EngineStep {
  const target = currentTarget(state);
  if (answer.ackedSeq > target.headSeq && !target.closed) {
    return stopWith(state, { code: 'city_ahead', cityAckedSeq: answer.ackedSeq, localHeadSeq: target.headSeq });
  }
  const acked = acknowledge(state, epoch, answer, timing);
  const streak = acked.state.successStreak + 1;
  const grow = streak >= 2 && acked.state.batchLimit < config.maxBatch;
  const paced: EngineState = {
    ...acked.state,
    successStreak: grow ? 0 : streak,
    batchLimit: grow ? Math.min(config.maxBatch, acked.state.batchLimit * 2) : acked.state.batchLimit,
  };
  return sendFrom(paced, answer.ackedSeq + 1, acked.commands, config);
}

/** True when the city holds every event of every local epoch (nothing waits to be sent). */
export function isSettled(state: EngineState): boolean {
  return state.closed.length === 0 && state.acked !== null && state.acked.epoch === state.local.epoch && state.acked.seq >= state.local.seq;
}
