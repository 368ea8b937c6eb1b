/**
 * The sync service's public shape (see sync-service.ts): its options, the result of a one-shot run,
 * and the methods the station, the CLI and the tests call.
 */
import type { Database } from 'better-sqlite3';
import type { SyncStatus } from '../../contract/dto';
import type { RandomUnit } from '../../core/sync/engine/backoff';
import type { EngineConfig, EngineState, StopReason } from '../../core/sync/engine/engine-types';
import type { Enrolment } from '../keys/key-store';
import type { FetchFn, SyncTransport } from './http-transport';

export interface SyncTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SyncServiceOptions {
  readonly db: Database;
  /** DIR/keys.json: the station key and the enrolment (hub URL, pinned city key). */
  readonly keysPath: string;
  readonly appVersion: string;
  readonly clock: { readonly wallMs: () => number };
  /**
   * The hub of the station config: null for a USB-only station (`"hub": null`), which never uploads
   * over the network; a URL the enrolment must match. Absent (the technician CLI): the enrolment's.
   */
  readonly configuredHubUrl?: string | null;
  readonly random?: RandomUnit;
  readonly engine?: Partial<EngineConfig>;
  readonly requestTimeoutMs?: number;
  readonly fetch?: FetchFn;
  /** Replaces the HTTP transport (tests). */
  readonly transport?: (enrolment: Enrolment, signal: AbortSignal) => SyncTransport;
  readonly timers?: SyncTimers;
  /** A maintenance alert (401/403/fork/epoch …): the engine has stopped uploading. */
  readonly onAlert?: (reason: Exclude<StopReason, { code: 'requested' }>) => void;
}

export interface SyncRunResult {
  readonly ok: boolean;
  readonly ackedSeq: number;
  readonly headHash: string | null;
  readonly requests: number;
  readonly state: SyncStatus['state'];
  readonly stopReason: StopReason | null;
  readonly detail: string | null;
}

export interface SyncService {
  /** Starts (or restarts) syncing: one immediate try, then the engine's pacing. */
  start(): void;
  stop(): void;
  /** The network is back (Electron `online`, a network change): try at once if waiting. */
  online(): void;
  /** The local log grew (EventLog.onAppended): a settled engine tries again soon, not at its next poll. */
  logAdvanced(): void;
  /** Runs until the log is acknowledged, a stop condition, or `maxFailures` failures in a row. */
  runOnce(options?: { readonly maxFailures?: number }): Promise<SyncRunResult>;
  status(): SyncStatus;
  onChange(listener: (status: SyncStatus) => void): () => void;
  /** The engine's current state (for diagnostics and tests). */
  engineState(): EngineState;
}
