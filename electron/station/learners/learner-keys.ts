/**
 * The one place a learner key is derived (docs/PROTOCOL.md §1): every road a scan can take (walk-in,
 * group, learner rights, a new learner card) asks this module, so the derivation can change in one
 * place. The key is pseudonymous: the same person gets the same key at every station of the province,
 * and the hub counts people without knowing who they are.
 */
import { createHmac } from 'node:crypto';
import { learnerKeySubject, type ParsedScan } from '../../core/identity/index';

export interface LearnerKeys {
  /** The learner key of a scanned ID card or learner card. */
  keyFor(scan: ParsedScan): string;
}

/** hex(HMAC-SHA256(secret, "cccd:" + ID | "card:" + card id)), the secret read at each use (it changes at enrolment). */
export function hmacLearnerKeys(secret: () => Buffer): LearnerKeys {
  return {
    keyFor: (scan) => createHmac('sha256', secret()).update(learnerKeySubject(scan), 'utf8').digest('hex'),
  };
}
