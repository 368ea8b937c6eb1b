/**
 * The one place a learner key is derived (docs/PROTOCOL.md §1 and §12): every road a scan can take
 * (walk-in, group, learner rights, a new learner card) asks this module. The key is pseudonymous: the
 * same person gets the same key at every station of the province, and the hub counts people without
 * knowing who they are.
 *
 * Why it is slow on purpose: a citizen ID number has little secret in it. Birth year and gender fix
 * digits 4–6, the birth province fixes digits 1–3, and only six digits are left — a million guesses.
 * Every station holds the city learner key, so an HMAC alone (key version 1) was reversed in seconds
 * by anyone holding one kiosk's key file and the hub's data. Version 2 runs the HMAC through scrypt
 * (memory-hard: 64 MiB per lane, so graphics cards gain little) in two lanes at once, one per core of
 * the kiosk: a scan waits for one lane's time, a guesser pays for both. The figures are in the README
 * ("Threat model") and come from `npm run bench -- learner-key`.
 *
 * Version 2 is a function of version 1 (`upgrade`), so learners registered before the change are
 * re-keyed from what the station already stores, without their ID numbers (learner-rekey.ts).
 */
import { createHash, createHmac, scrypt } from 'node:crypto';
import { learnerKeySubject, type ParsedScan } from '../../core/identity/index';

/** scrypt parameters of a learner key derivation. */
export interface LearnerKeyKdf {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly lanes: number;
  readonly salt: string;
}

/** scrypt parameters of learner key version 2. Changing any of them changes every learner key: never do it in place. */
export const LEARNER_KEY_V2: LearnerKeyKdf = {
  /** CPU/memory cost: 2^16 × 128 × r bytes = 64 MiB per lane. */
  N: 2 ** 16,
  r: 8,
  p: 1,
  /** Lanes run at once on the thread pool; each has its own salt, and the key hashes all of them. */
  lanes: 2,
  salt: 'tram-hoc-so/learner-key/v2/lane-',
};

const HEX64 = /^[0-9a-f]{64}$/;
/** Keys kept in memory for repeated scans: a large group session's roster. */
const RECENT_KEYS = 256;

export interface LearnerKeys {
  /** The learner key (version 2) of a scanned ID card or learner card. Off the main thread. */
  keyFor(scan: ParsedScan): Promise<string>;
  /** The version-1 key of the same scan: only to find a learner registered before version 2. Never stored anew. */
  legacyKeyFor(scan: ParsedScan): string;
}

function scryptLane(password: Buffer, lane: number, kdf: LearnerKeyKdf): Promise<Buffer> {
  const { N, r, p, salt } = kdf;
  return new Promise((resolve, reject) => {
    scrypt(password, `${salt}${lane}`, 32, { N, r, p, maxmem: 256 * N * r }, (error, derived) => (error ? reject(error) : resolve(derived)));
  });
}

/** Version 2 from version 1: hex(SHA-256(lane 0 ‖ lane 1)), lane i = scrypt(v1 bytes, salt i). */
export async function upgradeLearnerKey(legacyKey: string, kdf: LearnerKeyKdf = LEARNER_KEY_V2): Promise<string> {
  if (!HEX64.test(legacyKey)) throw new TypeError('a version-1 learner key is 64 lowercase hex digits');
  const password = Buffer.from(legacyKey, 'hex');
  const lanes = await Promise.all(Array.from({ length: kdf.lanes }, (_unused, lane) => scryptLane(password, lane, kdf)));
  const hash = createHash('sha256');
  for (const lane of lanes) hash.update(lane);
  return hash.digest('hex');
}

/** Version 1: hex(HMAC-SHA256(city learner key, "cccd:" + ID | "card:" + card id)). */
export function legacyLearnerKey(secret: Buffer, scan: ParsedScan): string {
  return createHmac('sha256', secret).update(learnerKeySubject(scan), 'utf8').digest('hex');
}

/**
 * The station's learner keys; the secret is read at each use (it changes at enrolment). `kdf` is for
 * unit tests that scan thousands of times; the station always runs version 2's parameters.
 */
export function stationLearnerKeys(secret: () => Buffer, kdf: LearnerKeyKdf = LEARNER_KEY_V2): LearnerKeys {
  // The same card scanned again (a double read, a group roster's repeats) costs nothing: recent keys
  // are kept in memory only, by their version-1 key (a pseudonym too; never the ID number).
  const recent = new Map<string, Promise<string>>();
  const cached = (legacyKey: string): Promise<string> => {
    const hit = recent.get(legacyKey);
    if (hit !== undefined) {
      recent.delete(legacyKey);
      recent.set(legacyKey, hit);
      return hit;
    }
    const derived = upgradeLearnerKey(legacyKey, kdf);
    derived.catch(() => recent.delete(legacyKey));
    recent.set(legacyKey, derived);
    if (recent.size > RECENT_KEYS) recent.delete(recent.keys().next().value ?? legacyKey);
    return derived;
  };
  return {
    keyFor: (scan) => cached(legacyLearnerKey(secret(), scan)),
    legacyKeyFor: (scan) => legacyLearnerKey(secret(), scan),
  };
}
