/**
 * The result envelope of every IPC command: plain JSON data, never a thrown Error across the bridge.
 * Errors are a closed set: every code a command can fail with is listed here, and every error carries
 * its text in Vietnamese and English (`text`); `message` is the same text in one line, for logs.
 */
import type { Bilingual } from '../core/bilingual';
import type { IdentityErrorCode } from '../core/identity/identity-error';
import type { ReportErrorCode } from '../core/reports/report-error';
import type { FleetErrorCode } from '../core/sync/protocol/fleet/fleet-error';

/** Failures of the command gate itself (station/ipc/dispatch.ts). */
export type GateErrorCode = 'unknown_command' | 'bad_request' | 'too_large' | 'forbidden_sender' | 'forbidden' | 'internal';

/** Failures of the station's services. */
export type ServiceErrorCode =
  | 'unavailable' // the station is in maintenance, or the host cannot do it
  | 'not_found'
  | 'conflict'
  | 'storage_full'
  | 'locked' // the volunteer PIN is locked after wrong tries
  | 'no_pin'
  | 'pin_already_set' // first set-up asked on a station that has a PIN
  | 'wrong_pin'
  | 'unknown_volunteer_card'
  | 'volunteer_card_revoked'
  | 'volunteer_card_expired'
  | 'usb_only'
  | 'enrol_qr_malformed' // the sync screen's scan of the hub's enrolment QR (sync/enrol-by-qr.ts)
  | 'enrol_qr_other_hub'
  | 'enrol_qr_other_station'
  | 'key_store_invalid'
  | 'key_store_sealed';

/** Failures of enrolment, sync and USB bundles (station/sync/sync-errors.ts throws them). */
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

/** Fleet channel failures (lesson packs, signed config, USB channel bundles; docs/PROTOCOL.md §11) are FleetErrorCode. */
export type ErrorCode = GateErrorCode | ServiceErrorCode | SyncErrorCode | IdentityErrorCode | ReportErrorCode | FleetErrorCode;

export interface CommandError {
  readonly code: ErrorCode;
  /** `text` in one line ("vi / en"), for logs and simple displays. */
  readonly message: string;
  readonly text: Bilingual;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CommandError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** One line of a bilingual text. */
export function oneLine(text: Bilingual): string {
  return text.vi === text.en ? text.vi : `${text.vi} / ${text.en}`;
}

export function fail(code: ErrorCode, text: Bilingual): { readonly ok: false; readonly error: CommandError } {
  return { ok: false, error: { code, message: oneLine(text), text } };
}

/** The largest serialised command argument either host accepts; kiosk inputs are tiny. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
