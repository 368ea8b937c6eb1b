/**
 * The city's secrets (docs/PROTOCOL.md §1): the Ed25519 key that signs receipts and the 32-byte learner
 * key handed to every station. They live in a key file in the data folder, never in the database, so
 * a database dump or backup alone cannot forge receipts or link learner keys back to ID numbers.
 * Several hub processes sharing one PostgreSQL must be given the same key file.
 */
import { generateKeyPairSync, createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { rawPublicKeyB64, signText } from './ed25519';
import { contentKeyEndorsementText } from '../../electron/core/sync/protocol/fleet/content-key';
import { receiptText } from '../../electron/core/sync/protocol/signed-messages';

export const CITY_KEY_FILE = 'city-keys.json';

export interface CityKeys {
  /** b64 of the raw 32-byte public key stations pin at enrolment. */
  readonly publicKeyB64: string;
  /** b64 of the 32-byte city learner key. */
  readonly learnerKeyB64: string;
  /** The key file's path, and whether this load created it. */
  readonly path: string;
  readonly createdNow: boolean;
  /** Signs a §5 receipt. */
  signReceipt(stationId: string, epoch: number, ackedSeq: number, headHash: string, serverTimeMs: number): string;
  /** Vouches for the city content key (docs/PROTOCOL.md §11.1): the one other text the receipt key signs. */
  endorseContentKey(contentPublicKeyB64: string): string;
}

const keyFileSchema = z.object({
  version: z.literal(1),
  ed25519_private_pkcs8_pem: z.string().min(1),
  learner_key_b64: z.string().min(1),
});

/** Loads the key file of a data folder, creating it (mode 0600) on first use. */
export async function loadOrCreateCityKeys(dataDir: string): Promise<CityKeys> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, CITY_KEY_FILE);
  let text: string;
  let createdNow = false;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const { privateKey } = generateKeyPairSync('ed25519');
    const file = {
      version: 1,
      ed25519_private_pkcs8_pem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      learner_key_b64: randomBytes(32).toString('base64'),
    };
    text = `${JSON.stringify(file, null, 2)}\n`;
    try {
      // 'wx' so two processes starting at once never overwrite each other's fresh key.
      await writeFile(path, text, { mode: 0o600, flag: 'wx' });
      createdNow = true;
    } catch (writeError) {
      if ((writeError as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError;
      text = await readFile(path, 'utf8');
    }
  }
  const file = keyFileSchema.parse(JSON.parse(text));
  return cityKeysFromPrivate(createPrivateKey(file.ed25519_private_pkcs8_pem), file.learner_key_b64, path, createdNow);
}

function cityKeysFromPrivate(privateKey: KeyObject, learnerKeyB64: string, path: string, createdNow: boolean): CityKeys {
  const publicKeyB64 = rawPublicKeyB64(createPublicKey(privateKey));
  return {
    publicKeyB64,
    learnerKeyB64,
    path,
    createdNow,
    signReceipt: (stationId, epoch, ackedSeq, headHash, serverTimeMs) =>
      signText(privateKey, receiptText(stationId, epoch, ackedSeq, headHash, serverTimeMs)),
    endorseContentKey: (contentPublicKeyB64) => signText(privateKey, contentKeyEndorsementText(contentPublicKeyB64)),
  };
}
