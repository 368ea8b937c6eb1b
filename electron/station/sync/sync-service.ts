/**
 * Drives the pure upload engine (core/sync/engine) with real timers, the signed HTTP transport and the
 * station database. Adapters only: every decision (what to send, when to retry, when to stop) is the
 * engine's; this file executes its commands and feeds back what happened.
 *
 * - Receipts are verified against the city key pinned at enrolment before an answer reaches the
 *   engine; an acknowledgement is written (recordAcknowledgement) only from a verified 200.
 * - Answers carry a generation number, so an answer to a request from before stop()/start() is
 *   dropped, never mistaken for the current one.
 * - The key store is re-read at start(), so a re-enrolment takes effect on the next start.
 * - Total: an exception anywhere in acting on an answer (a full disk while recording an
 *   acknowledgement, a database read failing) stops the remaining commands of that step and is fed
 *   to the engine as `local_error`, which backs off and reloads; it never escapes as an unhandled
 *   rejection and never leaves the engine waiting for a request that was not sent.
 */
import type { SyncStatus } from '../../contract/dto';
import type { EngineCommand, EngineConfig, EngineInput, EngineStep } from '../../core/sync/engine/engine-types';
import { DEFAULT_ENGINE_CONFIG, initialEngineState, isSettled, step } from '../../core/sync/engine/sync-engine';
import { receiptText } from '../../core/sync/protocol/signed-messages';
import { sha256Hex } from '../crypto/node-hash';
import { recordAcknowledgement } from '../store/sync-state';
import { loadOrCreateKeys } from '../keys/key-store';
import type { Enrolment } from '../keys/key-store';
import { localHashAt, readLocalHead } from './batch-reader';
import { readLocalFacts } from './local-facts';
import type { ReadBatch } from './batch-reader';
import { createBatchReadAhead } from './batch-read-ahead';
import { createHttpTransport } from './http-transport';
import type { SyncTransport } from './http-transport';
import { stationSigner, verifySignature } from './station-crypto';
import { describeSyncStatus, hubSetting } from './sync-status';
import { SyncError } from './sync-errors';

import type { SyncRunResult, SyncService, SyncServiceOptions, SyncTimers } from './sync-service-types';

export type { SyncRunResult, SyncService, SyncServiceOptions, SyncTimers } from './sync-service-types';

const realTimers: SyncTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Creates the service; nothing happens until start() or runOnce(). */
export function createSyncService(options: SyncServiceOptions): SyncService {
  const config: EngineConfig = { ...DEFAULT_ENGINE_CONFIG, ...options.engine };
  const deps = { config, random: options.random ?? Math.random };
  const timers = options.timers ?? realTimers;
  const listeners = new Set<(status: SyncStatus) => void>();
  let engine = initialEngineState(config);
  let enrolment: Enrolment | null = null;
  let transport: SyncTransport | null = null;
  let abort = new AbortController();
  let generation = 0;
  let timer: unknown = null;
  let requests = 0;
  let once: { resolve: (result: SyncRunResult) => void; maxFailures: number } | null = null;
  const readAhead = createBatchReadAhead(options.db, () => generation);

  const clearTimer = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };

  const status = (): SyncStatus => describeSyncStatus(options.db, enrolment, engine, hubSetting(options.configuredHubUrl, enrolment));
  // Listeners (the kiosk's `syncChanged` event) hear only real changes, not every engine step.
  let lastNotified = '';
  const notify = () => {
    const current = status();
    const text = JSON.stringify(current);
    if (text === lastNotified) return;
    lastNotified = text;
    for (const listener of listeners) listener(current);
  };

  const result = (ok: boolean): SyncRunResult => {
    const current = status();
    return {
      ok,
      ackedSeq: engine.acked?.seq ?? 0,
      headHash: engine.acked?.hash ?? null,
      requests,
      state: current.state,
      stopReason: engine.stopReason,
      detail: current.detail,
    };
  };

  /** Ends a runOnce when its goal or a limit is reached; the service then rests. */
  const settleOnce = (force = false) => {
    if (once === null) return;
    const done = force || engine.phase === 'stopped' || (engine.phase === 'idle' && isSettled(engine)) || (engine.phase === 'backing_off' && engine.failures >= once.maxFailures);
    if (!done) return;
    const finished = result(engine.phase === 'idle' && isSettled(engine));
    const { resolve } = once;
    once = null;
    clearTimer();
    abort.abort();
    resolve(finished);
  };

  const describeError = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 200);
  // Set while a local error is being fed back, so a failure inside that step cannot recurse.
  let recovering = false;

  const apply = (next: EngineStep) => {
    engine = next.state;
    for (const command of next.commands) {
      try {
        execute(command);
      } catch (error) {
        if (recovering) break;
        recovering = true;
        try {
          apply(step(engine, { type: 'local_error', detail: describeError(error) }, deps));
        } finally {
          recovering = false;
        }
        return;
      }
    }
    try {
      notify();
    } catch {
      // A status read failing (the same full or locked disk) must not break the engine's pacing.
    }
    settleOnce();
  };

  const dispatch = (input: EngineInput) => {
    try {
      const local = readLocalHead(options.db);
      if (local !== null && (local.epoch !== engine.local.epoch || local.seq !== engine.local.seq) && input.type !== 'start' && input.type !== 'reloaded') {
        engine = step(engine, { type: 'log_advanced', local: { epoch: local.epoch, seq: local.seq } }, deps).state;
      }
    } catch (error) {
      apply(step(engine, { type: 'local_error', detail: describeError(error) }, deps));
      return;
    }
    apply(step(engine, input, deps));
  };

  /** Runs `read` and dispatches its input; an exception becomes `local_error`. */
  const dispatchFrom = (read: () => EngineInput) => {
    let input: EngineInput;
    try {
      input = read();
    } catch (error) {
      input = { type: 'local_error', detail: describeError(error) };
    }
    dispatch(input);
  };

  const request = <T>(run: () => Promise<T>, answer: (value: T) => EngineInput) => {
    const mine = generation;
    requests += 1;
    let sent: Promise<T>;
    try {
      sent = run();
    } catch (error) {
      sent = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    sent
      .then(
        (value) => {
          if (mine === generation) dispatchFrom(() => answer(value));
        },
        (error: unknown) => {
          if (mine === generation) dispatch({ type: 'network_error', detail: describeError(error) });
        },
      )
      .catch((error: unknown) => {
        // Last line of defence: whatever escaped is a local error, never an unhandled rejection.
        if (mine === generation) dispatch({ type: 'local_error', detail: describeError(error) });
      });
  };

  /** The engine's start facts from the database (the newest epoch and the closed ones to deliver). */
  const localFacts = (stationId: string) => {
    const facts = readLocalFacts(options.db, stationId);
    if (facts === null) throw new SyncError('events_missing', 'the local log has no epoch');
    return facts;
  };

  const verifiedReceipt = (epoch: number, ackedSeq: number, headHash: string, serverTimeMs: number, receipt: string): boolean =>
    enrolment !== null && verifySignature(enrolment.cityPublicKeyRaw, receiptText(enrolment.stationId, epoch, ackedSeq, headHash, serverTimeMs), receipt);

  const execute = (command: EngineCommand) => {
    switch (command.type) {
      case 'fetch_cursor': {
        clearTimer();
        const hub = transport;
        if (hub === null) throw new SyncError('not_enrolled', 'no transport: the station is not enrolled');
        request(
          () => hub.fetchCursor(command.epoch),
          ({ result: answer, timing }): EngineInput => {
            if (!answer.ok) return answer.failure;
            const cursor = answer.value;
            if (!verifiedReceipt(cursor.epoch, cursor.acked_seq, cursor.head_hash, cursor.server_time_ms, cursor.receipt)) return { type: 'bad_receipt' };
            const localHashAtAcked = localHashAt(options.db, cursor.epoch, cursor.acked_seq);
            return { type: 'cursor_ok', cursor: { epoch: cursor.epoch, ackedSeq: cursor.acked_seq, headHash: cursor.head_hash, serverTimeMs: cursor.server_time_ms, receipt: cursor.receipt, localHashAtAcked }, timing };
          },
        );
        return;
      }
      case 'send_batch': {
        clearTimer();
        const hub = transport;
        if (hub === null || enrolment === null) throw new SyncError('not_enrolled', 'no transport: the station is not enrolled');
        const batchRequest = { stationId: enrolment.stationId, epoch: command.epoch, fromSeq: command.fromSeq, maxCount: command.count, appVersion: options.appVersion, sha256Hex };
        let batch: ReadBatch;
        try {
          batch = readAhead.take(batchRequest);
        } catch (error) {
          const detail = error instanceof SyncError ? error.message : `cannot read the local log: ${(error as Error).message}`;
          queueMicrotask(() => dispatch({ type: 'local_problem', detail }));
          return;
        }
        request(
          () => {
            const sent = hub.uploadBatch(batch.json);
            readAhead.readAfter(batch, batchRequest, (next) => hub.prepareUpload?.(next));
            return sent;
          },
          ({ result: answer, timing }): EngineInput => {
            if (!answer.ok) return answer.failure;
            const body = answer.value;
            if (!verifiedReceipt(command.epoch, body.acked_seq, body.head_hash, body.server_time_ms, body.receipt)) return { type: 'bad_receipt' };
            return {
              type: 'upload_ok',
              answer: { ackedSeq: body.acked_seq, headHash: body.head_hash, serverTimeMs: body.server_time_ms, receipt: body.receipt, inserted: body.inserted, duplicates: body.duplicates },
              timing,
            };
          },
        );
        return;
      }
      case 'wait':
        clearTimer();
        timer = timers.setTimeout(() => {
          timer = null;
          dispatch({ type: 'timer_fired' });
        }, command.ms);
        return;
      case 'cancel_wait':
        clearTimer();
        return;
      case 'record_ack':
        recordAcknowledgement(
          options.db,
          { epoch: command.epoch, ackedSeq: command.ackedSeq, ackedHash: command.headHash, receipt: command.receipt, serverTimeMs: command.serverTimeMs },
          options.clock.wallMs(),
        );
        return;
      case 'alert':
        options.onAlert?.(command.reason);
        return;
      case 'reload': {
        const stationId = enrolment?.stationId;
        if (stationId === undefined) throw new SyncError('not_enrolled', 'cannot reload: the station is not enrolled');
        queueMicrotask(() => dispatchFrom(() => ({ type: 'reloaded', ...localFacts(stationId) })));
        return;
      }
      case 'settled':
        return;
    }
  };

  const start = () => {
    generation += 1;
    abort.abort();
    abort = new AbortController();
    clearTimer();
    enrolment = loadOrCreateKeys(options.keysPath).enrolment;
    const local = readLocalHead(options.db);
    const hub = hubSetting(options.configuredHubUrl, enrolment);
    if (enrolment === null || local === null || hub.kind !== 'network') {
      transport = null;
      engine = initialEngineState(config);
      notify();
      settleOnce(true);
      return;
    }
    const keys = loadOrCreateKeys(options.keysPath);
    transport = options.transport
      ? options.transport(enrolment, abort.signal)
      : createHttpTransport({
          hubUrl: enrolment.hubUrl,
          stationId: enrolment.stationId,
          sign: stationSigner(keys),
          wallMs: options.clock.wallMs,
          signal: abort.signal,
          ...(options.requestTimeoutMs === undefined ? {} : { timeoutMs: options.requestTimeoutMs }),
          ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
        });
    engine = { ...engine, inFlight: null };
    const stationId = enrolment.stationId;
    dispatchFrom(() => ({ type: 'start', ...localFacts(stationId) }));
  };

  return {
    start,
    stop() {
      generation += 1;
      abort.abort();
      dispatch({ type: 'stop' });
    },
    online() {
      dispatch({ type: 'network_up' });
    },
    logAdvanced() {
      const local = transport === null ? null : readLocalHead(options.db);
      if (local === null) return;
      const next = step(engine, { type: 'log_advanced', local: { epoch: local.epoch, seq: local.seq } }, deps);
      // Most appends change nothing for the engine; only a step with commands pays for status and listeners.
      if (next.commands.length === 0) engine = next.state;
      else apply(next);
    },
    runOnce(runOptions = {}) {
      return new Promise<SyncRunResult>((resolve) => {
        requests = 0;
        once = {
          maxFailures: runOptions.maxFailures ?? 3,
          resolve: (finished) => resolve(enrolment === null || hubSetting(options.configuredHubUrl, enrolment).kind !== 'network' ? { ...finished, ok: false } : finished),
        };
        start();
      });
    },
    status,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    engineState: () => engine,
  };
}
