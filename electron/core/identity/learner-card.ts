/**
 * Learner cards: QR cards the station prints for people without an ID card (docs/ARCHITECTURE.md §5).
 * Payload: `TRAMHS1:<card id>`, the card id being 16 characters of RFC 4648 base32 (80 random bits).
 *
 * Security note: the payload holds a card id and nothing else — no role, no flag, no name. A printed
 * card can therefore never carry volunteer rights; those come from a PIN or a volunteer card checked
 * elsewhere, and anything after the card id makes the payload invalid ('bad_card').
 */
import { identityError, identityOk, type IdentityResult } from './identity-error';
import { cleanQrText } from './qr-text';

export const LEARNER_CARD_PREFIX = 'TRAMHS1:';
export const CARD_ID_LENGTH = 16;
const CARD_ID_BYTES = 10; // 10 bytes × 8 bits = 16 base32 characters × 5 bits
const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const CARD_ID = /^[A-Z2-7]{16}$/;
const ANY_CARD_VERSION = /^TRAMHS\d*:/i;

export type LearnerCard = { readonly kind: 'card'; readonly cardId: string };

/** True when the (cleaned) text claims to be a learner card of any version. */
export function looksLikeLearnerCard(text: string): boolean {
  return ANY_CARD_VERSION.test(text);
}

/** Makes a new random card id from injected randomness (e.g. crypto.getRandomValues in the station). */
export function newLearnerCardId(randomBytes: (length: number) => Uint8Array): IdentityResult<string> {
  const bytes = randomBytes(CARD_ID_BYTES);
  if (bytes.length !== CARD_ID_BYTES) return identityError('bad_card', `the random source must give ${CARD_ID_BYTES} bytes`);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET.charAt((value >>> (bits - 5)) & 0x1f);
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return identityOk(out);
}

/** The QR payload to print for a card id. */
export function formatLearnerCardPayload(cardId: string): IdentityResult<string> {
  return CARD_ID.test(cardId) ? identityOk(LEARNER_CARD_PREFIX + cardId) : identityError('bad_card', 'a card id is 16 base32 characters');
}

/**
 * Parses a learner-card payload. Case is forgiven (a wedge with Caps Lock flips it); scanner
 * prefixes and suffixes are stripped; everything else must match exactly.
 */
export function parseLearnerCard(raw: string): IdentityResult<LearnerCard> {
  return parseCleanedLearnerCard(cleanQrText(raw).text);
}

/** parseLearnerCard on text already cleaned once. */
export function parseCleanedLearnerCard(cleanedText: string): IdentityResult<LearnerCard> {
  const text = cleanedText.toUpperCase();
  if (!text.startsWith(LEARNER_CARD_PREFIX)) return identityError('bad_card', 'not a version-1 learner card');
  const cardId = text.slice(LEARNER_CARD_PREFIX.length);
  if (!CARD_ID.test(cardId)) return identityError('bad_card', 'a learner card holds exactly one 16-character base32 card id');
  return identityOk({ kind: 'card', cardId });
}
