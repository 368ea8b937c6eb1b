/**
 * One entry point for anything a scanner read at the welcome screen: a citizen ID card or a
 * learner card. Also the string a learner key is derived from (docs/PROTOCOL.md §1).
 */
import type { CccdIdentity, ParseOptions } from './cccd-qr';
import { classifyScan } from './classify-scan';
import { identityError, type IdentityResult } from './identity-error';
import type { LearnerCard } from './learner-card';

export type ParsedScan = ({ readonly kind: 'cccd' } & CccdIdentity) | LearnerCard;

/** Parses a scan into an ID-card identity or a learner card; never throws. A volunteer card is `not_id_card` here. */
export function parseScan(raw: string, options: ParseOptions): IdentityResult<ParsedScan> {
  const scan = classifyScan(raw, options);
  if (scan.kind === 'learner') return { ok: true, value: scan.scan };
  if (scan.kind === 'rejected') return identityError(scan.code, scan.message);
  return identityError('not_id_card', 'this QR code is a volunteer card, not a citizen ID card or a learner card');
}

/**
 * The input of the learner-key HMAC: "cccd:" + the 12-digit number, or "card:" + the card id. The
 * prefixes keep the two spaces apart, so no card id can ever equal an ID number's key.
 */
export function learnerKeySubject(scan: ParsedScan): string {
  return scan.kind === 'cccd' ? `cccd:${scan.id}` : `card:${scan.cardId}`;
}
