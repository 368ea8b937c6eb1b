/**
 * Typed failures of identity parsing. Messages name the problem, never the data: they may reach
 * logs and screens, and must not carry an ID number, a name or the raw QR text (docs/ARCHITECTURE.md §5).
 */

export type IdentityErrorCode =
  | 'empty' // nothing left after stripping scanner prefixes and suffixes
  | 'too_long' // above the input cap; refused before any other work
  | 'not_id_card' // a URL, a payment QR, JSON, a labelled demo format, free text
  | 'field_count' // fewer than 6 '|'-separated fields
  | 'bad_layout' // neither the 7-field nor the 6-field layout
  | 'bad_id_format' // field 0 is not exactly 12 digits
  | 'bad_name'
  | 'bad_date' // not ddmmyyyy / dd/mm/yyyy, or not a real calendar date
  | 'future_date' // after today (the injected clock)
  | 'issue_before_birth'
  | 'bad_gender' // neither "Nam" nor "Nữ"
  | 'id_birth_mismatch' // ID digits 4–6 disagree with the birth year
  | 'id_gender_mismatch' // ID digit 4 disagrees with the gender
  | 'bad_card'; // a learner-card payload that is not exactly TRAMHS1:<16 base32 characters>

export type IdentityFailure = { readonly ok: false; readonly code: IdentityErrorCode; readonly message: string };
export type IdentityResult<T> = { readonly ok: true; readonly value: T } | IdentityFailure;

/** Builds a typed identity failure. */
export function identityError(code: IdentityErrorCode, message: string): IdentityFailure {
  return { ok: false, code, message };
}

/** Wraps a value as a success. */
export function identityOk<T>(value: T): IdentityResult<T> {
  return { ok: true, value };
}
