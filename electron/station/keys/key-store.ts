/**
 * The station's secrets, kept in a file beside the database and never inside it (a copied or
 * backed-up database carries no keys): the station's Ed25519 key pair, and after enrolment the city's
 * pinned public key and the city learner key. Before enrolment a station-local learner key stands in,
 * so a demo station can recognise returning learners. The file is written atomically with mode 0600
 * and, in the kiosk, sealed with the operating system's key store (key-file-sealer.ts): on disk it is
 * then `{"version":1,"sealed":{"scheme","data"}}` and the JSON below is inside `data`. A plain file
 * found while a sealer is active is sealed on first read.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-file';
import { activeKeyFileSealer } from './key-file-sealer';

const b64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);

const keyFileSchema = z.object({
  version: z.literal(1),
  stationPrivateKeyPkcs8: b64,
  stationPublicKeyRaw: b64,
  localLearnerKey: b64,
  /** scrypt hash of the volunteer PIN; absent until a technician sets one. */
  volunteerPin: z.object({ salt: b64, hash: b64 }).nullable().default(null),
  /** Wrong PIN tries and lockouts (core/attendance/pin-lockout.ts), kept so a restart does not clear them. */
  pinLockout: z
    .object({ wrongInARow: z.number().int().min(0), lockedUntilMs: z.number().int().nullable(), lockouts: z.number().int().min(0) })
    .default({ wrongInARow: 0, lockedUntilMs: null, lockouts: 0 }),
  /** Volunteer cards issued at this station: only a SHA-256 of each random token is kept. */
  volunteerCards: z
    .array(
      z.object({
        id: z.string(),
        label: z.string(),
        tokenSha256: z.string().regex(/^[0-9a-f]{64}$/),
        issuedWallMs: z.number().int(),
        /** Absent on cards issued before expiry existed: they expire a year after issue. */
        expiresWallMs: z.number().int().optional(),
        revokedWallMs: z.number().int().nullable().default(null),
      }),
    )
    .default([]),
  enrolment: z
    .object({
      stationId: z.string(),
      hubUrl: z.string(),
      cityPublicKeyRaw: b64,
      cityLearnerKey: b64,
      epoch: z.number().int().min(1),
      enrolledWallMs: z.number().int(),
    })
    .nullable(),
});

export type KeyFile = z.infer<typeof keyFileSchema>;
export type Enrolment = NonNullable<KeyFile['enrolment']>;

const sealedFileSchema = z.object({ version: z.literal(1), sealed: z.object({ scheme: z.string().min(1), data: b64 }).strict() }).strict();

export class KeyStoreError extends Error {
  readonly code: 'key_store_invalid' | 'key_store_sealed';

  constructor(message: string, code: KeyStoreError['code'] = 'key_store_invalid') {
    super(message);
    this.name = 'KeyStoreError';
    this.code = code;
  }
}

function rawPublicKey(spkiDer: Buffer): Buffer {
  // An Ed25519 SPKI is a fixed 12-byte header followed by the 32-byte raw key.
  return spkiDer.subarray(spkiDer.length - 32);
}

function freshKeyFile(): KeyFile {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    version: 1,
    stationPrivateKeyPkcs8: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    stationPublicKeyRaw: rawPublicKey(publicKey.export({ format: 'der', type: 'spki' })).toString('base64'),
    localLearnerKey: randomBytes(32).toString('base64'),
    volunteerPin: null,
    pinLockout: { wrongInARow: 0, lockedUntilMs: null, lockouts: 0 },
    volunteerCards: [],
    enrolment: null,
  };
}

function writeAtomically(path: string, file: KeyFile): void {
  const sealer = activeKeyFileSealer();
  const plain = `${JSON.stringify(file, null, 2)}\n`;
  const text = sealer === null ? plain : `${JSON.stringify({ version: 1, sealed: { scheme: sealer.scheme, data: sealer.seal(Buffer.from(plain, 'utf8')).toString('base64') } })}\n`;
  writeFileAtomic(path, text, { mode: 0o600 });
  chmodSync(path, 0o600);
}

/** The key file's JSON: opened with the active sealer when the file is sealed. */
function unsealed(path: string, raw: unknown): { readonly json: unknown; readonly wasSealed: boolean } {
  const sealed = sealedFileSchema.safeParse(raw);
  if (!sealed.success) return { json: raw, wasSealed: false };
  const sealer = activeKeyFileSealer();
  if (sealer === null || sealer.scheme !== sealed.data.sealed.scheme) {
    throw new KeyStoreError(`key store ${path} is sealed by the kiosk's operating-system account (${sealed.data.sealed.scheme}); open it through the kiosk app on that account`, 'key_store_sealed');
  }
  let text: string;
  try {
    text = sealer.open(Buffer.from(sealed.data.sealed.data, 'base64')).toString('utf8');
  } catch (error) {
    throw new KeyStoreError(`key store ${path} cannot be unsealed on this account: ${(error as Error).message}`, 'key_store_sealed');
  }
  try {
    return { json: JSON.parse(text), wasSealed: true };
  } catch (error) {
    throw new KeyStoreError(`key store ${path} is sealed but its content is not valid JSON: ${(error as Error).message}`);
  }
}

/** Loads the key file, creating one with fresh keys when there is none. */
export function loadOrCreateKeys(path: string): KeyFile {
  if (!existsSync(path)) {
    const file = freshKeyFile();
    writeAtomically(path, file);
    return file;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new KeyStoreError(`key store ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const { json, wasSealed } = unsealed(path, raw);
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) throw new KeyStoreError(`key store ${path} is invalid: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  // A plain file from before sealing (or from a development run) is sealed as soon as a sealer is active.
  if (!wasSealed && activeKeyFileSealer() !== null) writeAtomically(path, parsed.data);
  return parsed.data;
}

/** Applies a change to the key file and writes it atomically. */
export function updateKeys(path: string, change: (file: KeyFile) => KeyFile): KeyFile {
  const file = change(loadOrCreateKeys(path));
  writeAtomically(path, file);
  return file;
}

/** Records an enrolment (or re-enrolment) answer. */
export function saveEnrolment(path: string, enrolment: Enrolment): KeyFile {
  const file = { ...loadOrCreateKeys(path), enrolment };
  writeAtomically(path, file);
  return file;
}

/** The key that turns an ID into a learner key: the city's once enrolled, else this station's own. */
export function learnerKeySecret(file: KeyFile): Buffer {
  return Buffer.from(file.enrolment?.cityLearnerKey ?? file.localLearnerKey, 'base64');
}
