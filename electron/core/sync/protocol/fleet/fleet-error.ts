/**
 * The typed errors of the fleet channel (docs/PROTOCOL.md §11): every refused manifest, file,
 * signature, config document or health body gets one of these codes and a message that names what was
 * wrong (the field, the path, the versions). Nothing is changed on the way to throwing one.
 */
export type FleetErrorCode =
  | 'manifest_malformed'
  | 'manifest_path'
  | 'manifest_limit'
  | 'bad_signature'
  | 'content_key_unknown'
  | 'stale_version'
  | 'app_too_old'
  | 'file_hash'
  | 'file_size'
  | 'file_missing'
  | 'file_unexpected'
  | 'pack_invalid'
  | 'config_malformed'
  | 'config_field_not_allowed'
  | 'config_invalid'
  | 'config_target'
  | 'health_invalid'
  | 'bundle_malformed'
  | 'hub_unreachable'
  | 'hub_bad_answer'
  | 'not_enrolled'
  | 'busy';

export class FleetError extends Error {
  override readonly name = 'FleetError';
  constructor(
    readonly code: FleetErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** True for a FleetError with one of the given codes (or any code when none is given). */
export function isFleetError(error: unknown, ...codes: readonly FleetErrorCode[]): error is FleetError {
  return error instanceof FleetError && (codes.length === 0 || codes.includes(error.code));
}
