/**
 * The city content key (docs/PROTOCOL.md §11.1): an Ed25519 key apart from the receipt key, in a file
 * of its own (`city-content-key.json`, mode 0600) beside `city-keys.json`. It signs lesson manifests,
 * station config documents and app release statements; the receipt key only vouches for it. Kept
 * apart so that the key every upload answer uses never signs content stations will run, and so that
 * either can be replaced alone (a new content key reaches stations through the receipt key's
 * endorsement, with no new enrolment). Several hub processes on one database need the same file; the
 * database records its public key on first use (fleet-context.ts).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { rawPublicKeyB64, signText } from './ed25519';

export const CONTENT_KEY_FILE = 'city-content-key.json';

export interface ContentKey {
  /** b64 of the raw 32-byte public key. */
  readonly publicKeyB64: string;
  readonly path: string;
  /** b64 Ed25519 signature over the UTF-8 of `text`. */
  sign(text: string): string;
}

const fileSchema = z.object({ version: z.literal(1), ed25519_private_pkcs8_pem: z.string().min(1) });

/** Loads the content key of a data folder, creating it (mode 0600, never overwriting) on first use. */
export async function loadOrCreateContentKey(dataDir: string): Promise<ContentKey> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, CONTENT_KEY_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const { privateKey } = generateKeyPairSync('ed25519');
    text = `${JSON.stringify({ version: 1, ed25519_private_pkcs8_pem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() }, null, 2)}\n`;
    try {
      await writeFile(path, text, { mode: 0o600, flag: 'wx' });
    } catch (writeError) {
      if ((writeError as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError;
      text = await readFile(path, 'utf8');
    }
  }
  const file = fileSchema.parse(JSON.parse(text));
  const privateKey = createPrivateKey(file.ed25519_private_pkcs8_pem);
  return { publicKeyB64: rawPublicKeyB64(createPublicKey(privateKey)), path, sign: (message) => signText(privateKey, message) };
}
