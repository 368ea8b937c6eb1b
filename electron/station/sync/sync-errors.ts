/**
 * Typed errors of the station's sync adapters. Every bad input — a hub answering garbage, a damaged
 * key store, a log that does not match the enrolment — becomes one of these with a stable code, so the
 * CLI and the maintenance screen can say exactly what is wrong and nothing is changed.
 */
import type { SyncErrorCode } from '../../contract/result';

// One list of codes: the contract's, which the renderer and the IPC layer see too.
export type { SyncErrorCode };

export class SyncError extends Error {
  readonly code: SyncErrorCode;

  constructor(code: SyncErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SyncError';
    this.code = code;
  }
}
