/**
 * Parser for the QR code of the chip-based CCCD (2021) and the Căn cước (2024) card, reference §1.4:
 * `id|old_id|name|ddmmyyyy|Nam/Nữ|address|ddmmyyyy` with an empty old ID, a 6-field variant without
 * the old ID, and 2024 fields appended after the issue date (parents' names, cancelled IDs — third
 * party data: counted, never returned). Splits on '|' only: addresses contain commas.
 */
import { compareCivilDates, parseCardDate, toIsoDate, vietnamDateAt, type CivilDate } from './civil-date';
import { idNumberFacts, type Gender } from './id-number';
import { identityError, identityOk, type IdentityResult } from './identity-error';
import { cleanQrText, type CleanedQrText } from './qr-text';

/** Inputs longer than this are refused before any other work (real payloads are ~150 characters). */
export const MAX_QR_LENGTH = 2048;

export type IdentityWarning =
  | 'unknown_place_code' // not one of the 63 province codes (merged provinces, births abroad)
  | 'mojibake_repaired' // the scanner decoded UTF-8 as Latin-1; the text was repaired
  | 'six_field_layout' // the variant without the old-ID field
  | 'extra_fields_ignored' // 2024 card fields after the issue date were left out
  | 'issue_date_missing'
  | 'address_empty'
  | 'wedge_text_dropped'; // keyboard-wedge scan: name and address left empty, gender taken from the ID

export type CccdIdentity = {
  readonly id: string;
  readonly oldId: string | null;
  readonly name: string;
  readonly birthDate: string;
  readonly gender: Gender;
  readonly address: string;
  readonly issueDate: string | null;
  readonly warnings: IdentityWarning[];
};

export type ParseOptions = {
  /** The current instant (epoch ms) from the caller's clock: dates after today are refused. */
  readonly nowMs: number;
  /**
   * 'keyboard-wedge' when the text was typed by a scanner in keyboard mode: such a scanner drops
   * every non-ASCII letter ("Nữ" arrives as "N"), so only the digits are trusted (docs/ARCHITECTURE.md §5).
   * The name and address come back empty and the gender comes from the ID number.
   */
  readonly source?: 'scanner' | 'keyboard-wedge';
};

const OLD_ID = /^(?:\d{9}|\d{12})?$/;
const URL_OR_LABEL = /^[A-Za-z][A-Za-z0-9+.-]*:/; // "https://…", "CCCD:…", "TRAMHS1:…"
const EMV_PAYMENT = /^000201/; // EMVCo merchant QR (VietQR): payload format indicator "01" = "01"
const NAME = /^[\p{L}\p{M}](?:[\p{L}\p{M}'.-]| (?! ))*$/u;
const MAX_NAME_LENGTH = 100;

type RawFields = {
  readonly id: string;
  readonly oldId: string;
  readonly name: string;
  readonly birth: string;
  readonly gender: string;
  readonly address: string;
  readonly issue: string;
  readonly warnings: IdentityWarning[];
};

function collapseSpaces(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

// The address is free text and is thrown away after the greeting, so stray control bytes are blanked
// rather than refused; in a name they are refused (NAME) because they mean the scan is corrupt.
function cleanAddress(text: string): string {
  return collapseSpaces(text.replace(/\p{Cc}/gu, ' '));
}

function splitFields(text: string): IdentityResult<RawFields> {
  const parts = text.split('|').map((part) => part.trim());
  if (parts.length < 6) return identityError('field_count', `expected at least 6 '|'-separated fields, got ${parts.length}`);
  const at = (index: number): string => parts[index] ?? '';
  const warnings: IdentityWarning[] = [];
  if (OLD_ID.test(at(1))) {
    if (parts.length > 7) warnings.push('extra_fields_ignored');
    return identityOk({ id: at(0), oldId: at(1), name: at(2), birth: at(3), gender: at(4), address: at(5), issue: at(6), warnings });
  }
  if (parts.length === 6) {
    warnings.push('six_field_layout');
    return identityOk({ id: at(0), oldId: '', name: at(1), birth: at(2), gender: at(3), address: at(4), issue: at(5), warnings });
  }
  return identityError('bad_layout', 'field 2 is not an old ID number and there are not exactly 6 fields');
}

function parseGender(text: string): Gender | null {
  const folded = text.toLowerCase();
  if (folded === 'nam') return 'nam';
  if (folded === 'nữ' || folded === 'nu') return 'nu';
  return null;
}

function parseDateField(text: string, today: CivilDate, what: string): IdentityResult<CivilDate> {
  const date = parseCardDate(text);
  if (date === null) return identityError('bad_date', `the ${what} is not a real date in ddmmyyyy or dd/mm/yyyy form`);
  if (compareCivilDates(date, today) > 0) return identityError('future_date', `the ${what} is after today`);
  return identityOk(date);
}

/** Parses and validates a CCCD / Căn cước QR payload. Never throws; a failure carries a typed code. */
export function parseCccdQr(raw: string, options: ParseOptions): IdentityResult<CccdIdentity> {
  if (raw.length > MAX_QR_LENGTH) return identityError('too_long', `the scan is longer than ${MAX_QR_LENGTH} characters`);
  return parseCleanedCccd(cleanQrText(raw), options);
}

/** parseCccdQr on text already cleaned once (classify-scan.ts cleans every scan exactly once). */
export function parseCleanedCccd(cleaned: CleanedQrText, options: ParseOptions): IdentityResult<CccdIdentity> {
  const text = cleaned.text;
  if (text === '') return identityError('empty', 'the scan is empty');
  if (URL_OR_LABEL.test(text) || EMV_PAYMENT.test(text) || /^[[{<]/.test(text) || !text.includes('|')) {
    return identityError('not_id_card', 'this QR code is not a citizen ID card');
  }
  const split = splitFields(text);
  if (!split.ok) return split;
  const fields = split.value;
  const warnings: IdentityWarning[] = cleaned.repairedMojibake ? ['mojibake_repaired', ...fields.warnings] : [...fields.warnings];

  const facts = idNumberFacts(fields.id);
  if (!facts.ok) return facts;
  const isWedge = options.source === 'keyboard-wedge';
  const name = isWedge ? '' : collapseSpaces(fields.name);
  if (!isWedge && (name.length > MAX_NAME_LENGTH || !NAME.test(name))) {
    return identityError('bad_name', 'the name is empty or has characters a name cannot have');
  }

  const today = vietnamDateAt(options.nowMs);
  const birth = parseDateField(fields.birth, today, 'birth date');
  if (!birth.ok) return birth;
  // A wedge turns "Nữ" into "N" (or nothing): then only the ID's digit can tell, and is used.
  const wedgeGender = isWedge && /^n?$/i.test(fields.gender) ? facts.value.gender : null;
  const gender = parseGender(fields.gender) ?? wedgeGender;
  if (gender === null) return identityError('bad_gender', "the gender must be 'Nam' or 'Nữ'");
  let issue: CivilDate | null = null;
  if (fields.issue === '') {
    warnings.push('issue_date_missing');
  } else {
    const parsed = parseDateField(fields.issue, today, 'issue date');
    if (!parsed.ok) return parsed;
    if (compareCivilDates(parsed.value, birth.value) < 0) return identityError('issue_before_birth', 'the issue date is before the birth date');
    issue = parsed.value;
  }

  if (facts.value.birthYear !== birth.value.year) return identityError('id_birth_mismatch', 'the ID number does not match the birth year');
  if (facts.value.gender !== gender) return identityError('id_gender_mismatch', 'the ID number does not match the gender');
  if (!facts.value.isKnownPlace) warnings.push('unknown_place_code');

  const address = isWedge ? '' : cleanAddress(fields.address);
  if (isWedge) warnings.push('wedge_text_dropped');
  else if (address === '') warnings.push('address_empty');
  return identityOk({
    id: fields.id,
    oldId: fields.oldId === '' ? null : fields.oldId,
    name,
    birthDate: toIsoDate(birth.value),
    gender,
    address,
    issueDate: issue === null ? null : toIsoDate(issue),
    warnings,
  });
}
