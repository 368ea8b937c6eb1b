/**
 * The result envelope of every IPC command: plain JSON data, never a thrown Error across the bridge.
 */
export type ErrorCode =
  | 'unknown_command'
  | 'bad_request'
  | 'too_large'
  | 'forbidden_sender'
  | 'unavailable'
  | 'not_found'
  | 'conflict'
  | 'storage_full'
  | 'internal';

export interface CommandError {
  readonly code: ErrorCode | (string & {});
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CommandError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: CommandError['code'], message: string): { readonly ok: false; readonly error: CommandError } {
  return { ok: false, error: { code, message } };
}

/** The largest serialised command argument either host accepts; kiosk inputs are tiny. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
