/**
 * Typed errors of the station's sync adapters. Every bad input — a hub answering garbage, a damaged
 * key store, a log that does not match the enrolment — becomes one of these with a stable code, so the
 * CLI and the maintenance screen can say exactly what is wrong and nothing is changed.
 */
export type SyncErrorCode =
  | 'not_enrolled'
  | 'enrolment_refused'
  | 'epoch_conflict'
  | 'city_key_changed'
  | 'hub_unreachable'
  | 'hub_bad_answer'
  | 'station_mismatch'
  | 'events_missing'
  | 'chain_broken'
  | 'nothing_to_export'
  | 'bad_argument';

export class SyncError extends Error {
  readonly code: SyncErrorCode;

  constructor(code: SyncErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SyncError';
    this.code = code;
  }
}
