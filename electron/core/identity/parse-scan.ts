/**
 * One entry point for anything a scanner read at the welcome screen: a citizen ID card or a
 * learner card. Also the string a learner key is derived from (PROTOCOL.md §1).
 */
import { MAX_QR_LENGTH, parseCccdQr, type CccdIdentity, type ParseOptions } from './cccd-qr';
import { identityError, type IdentityResult } from './identity-error';
import { looksLikeLearnerCard, parseLearnerCard, type LearnerCard } from './learner-card';
import { cleanQrText } from './qr-text';

export type ParsedScan = ({ readonly kind: 'cccd' } & CccdIdentity) | LearnerCard;

/** Parses a scan into an ID-card identity or a learner card; never throws. */
export function parseScan(raw: string, options: ParseOptions): IdentityResult<ParsedScan> {
  if (raw.length > MAX_QR_LENGTH) return identityError('too_long', `the scan is longer than ${MAX_QR_LENGTH} characters`);
  if (looksLikeLearnerCard(cleanQrText(raw).text)) return parseLearnerCard(raw);
  const identity = parseCccdQr(raw, options);
  return identity.ok ? { ok: true, value: { kind: 'cccd', ...identity.value } } : identity;
}

/**
 * The input of the learner-key HMAC: "cccd:" + the 12-digit number, or "card:" + the card id. The
 * prefixes keep the two spaces apart, so no card id can ever equal an ID number's key.
 */
export function learnerKeySubject(scan: ParsedScan): string {
  return scan.kind === 'cccd' ? `cccd:${scan.id}` : `card:${scan.cardId}`;
}
