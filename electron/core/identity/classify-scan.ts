/**
 * What a scan is, decided once for every scanner path (HID-POS, keyboard wedge, demo): a volunteer
 * card, a learner (citizen ID card or printed learner card), or something to refuse. The scanner's
 * text is cleaned exactly once here (BOM, mojibake, AIM prefix, NFC: qr-text.ts) and the parsers get
 * the cleaned text. The station's scan router then sends each class down its one road.
 *
 * A volunteer card's token is returned as read; whether it opens the station is the station's
 * question (it keeps only a hash of each token).
 */
import { MAX_QR_LENGTH, parseCleanedCccd, type ParseOptions } from './cccd-qr';
import { identityError, type IdentityErrorCode } from './identity-error';
import { looksLikeLearnerCard, parseCleanedLearnerCard } from './learner-card';
import type { ParsedScan } from './parse-scan';
import { cleanQrText } from './qr-text';

/** The prefix of a volunteer card's QR (`TRAMVT1:<random token>`). */
export const VOLUNTEER_CARD_PREFIX = 'TRAMVT1:';

export type ScanClass =
  | { readonly kind: 'volunteer-card'; readonly token: string }
  | { readonly kind: 'learner'; readonly scan: ParsedScan }
  | { readonly kind: 'rejected'; readonly code: IdentityErrorCode; readonly message: string };

/** Classifies one scan. Never throws. */
export function classifyScan(raw: string, options: ParseOptions): ScanClass {
  if (raw.length > MAX_QR_LENGTH) return rejected(identityError('too_long', `the scan is longer than ${MAX_QR_LENGTH} characters`));
  const cleaned = cleanQrText(raw);
  if (cleaned.text.startsWith(VOLUNTEER_CARD_PREFIX)) return { kind: 'volunteer-card', token: cleaned.text.slice(VOLUNTEER_CARD_PREFIX.length).trim() };
  if (looksLikeLearnerCard(cleaned.text)) {
    const card = parseCleanedLearnerCard(cleaned.text);
    return card.ok ? { kind: 'learner', scan: card.value } : rejected(card);
  }
  const identity = parseCleanedCccd(cleaned, options);
  return identity.ok ? { kind: 'learner', scan: { kind: 'cccd', ...identity.value } } : rejected(identity);
}

function rejected(failure: { readonly code: IdentityErrorCode; readonly message: string }): ScanClass {
  return { kind: 'rejected', code: failure.code, message: failure.message };
}
