/**
 * The 12-digit personal identification number (số định danh cá nhân), reference §1.6:
 * PPP G YY RRRRRR — place code, century/gender digit, last two digits of the birth year, 6 random
 * digits. There is no check digit, so the only typo check is agreement with the birth date and
 * gender printed in the same QR. Matching is exact on the canonical string; never fuzzy (§1.4.7).
 */
import { identityError, identityOk, type IdentityResult } from './identity-error';
import { isKnownProvinceCode } from './province-codes';

export type Gender = 'nam' | 'nu';

export type IdNumberFacts = {
  readonly placeCode: string;
  readonly isKnownPlace: boolean;
  readonly birthYear: number;
  readonly gender: Gender;
};

const ID_PATTERN = /^\d{12}$/;

/** True for exactly twelve ASCII digits. */
export function isIdNumberFormat(text: string): boolean {
  return ID_PATTERN.test(text);
}

/**
 * What the digits say: digit 4 (G) gives century and gender — even is male, odd is female,
 * 0/1 → 1900s, 2/3 → 2000s, … — so birthYear = 1900 + 100·⌊G/2⌋ + YY.
 */
export function idNumberFacts(id: string): IdentityResult<IdNumberFacts> {
  if (!isIdNumberFormat(id)) return identityError('bad_id_format', 'the ID number must be exactly 12 digits');
  const centuryGender = Number(id.charAt(3));
  const placeCode = id.slice(0, 3);
  return identityOk({
    placeCode,
    isKnownPlace: isKnownProvinceCode(placeCode),
    birthYear: 1900 + 100 * Math.floor(centuryGender / 2) + Number(id.slice(4, 6)),
    gender: centuryGender % 2 === 0 ? 'nam' : 'nu',
  });
}

/**
 * The canonical ID string used for learner keys: exactly 12 ASCII digits. Surrounding whitespace is
 * forgiven; nothing else is rewritten (no digit fixing, no padding), so two different numbers can
 * never meet in one key.
 */
export function canonicalIdNumber(raw: string): IdentityResult<string> {
  const trimmed = raw.trim();
  return isIdNumberFormat(trimmed) ? identityOk(trimmed) : identityError('bad_id_format', 'the ID number must be exactly 12 digits');
}
