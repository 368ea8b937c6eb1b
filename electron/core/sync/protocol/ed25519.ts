/**
 * Ed25519 verification as the protocol uses it (docs/PROTOCOL.md §1): public keys travel as b64 of
 * the raw 32 bytes, signatures as b64 of 64 bytes, over the UTF-8 of a signed text. The rules — strict
 * b64, exact lengths, never throwing on malformed input — live here once; the platform's crypto is
 * injected (node:crypto on the station and at the hub), because the core has no crypto of its own.
 */
import { encodeUtf8 } from '../../scanning/utf8';

/** The one operation each side supplies: verify a detached signature with a raw public key. */
export interface Ed25519Verifier {
  verifyDetached(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

export const PUBLIC_KEY_BYTES = 32;
export const SIGNATURE_BYTES = 64;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES = new Map([...ALPHABET].map((char, index) => [char, index]));

/** Strict standard base64 (with padding) to bytes; null for anything else. */
export function decodeBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let out = 0;
  for (let i = 0; i < text.length; i += 4) {
    const quad = [0, 1, 2, 3].map((offset) => VALUES.get(text.charAt(i + offset)) ?? 0);
    const triple = ((quad[0] ?? 0) << 18) | ((quad[1] ?? 0) << 12) | ((quad[2] ?? 0) << 6) | (quad[3] ?? 0);
    for (const shift of [16, 8, 0]) if (out < bytes.length) bytes[out++] = (triple >> shift) & 0xff;
  }
  return bytes;
}

/** True when `sigB64` is a valid signature of `text` by the raw public key `publicKeyB64`. Never throws. */
export function verifySignedText(verifier: Ed25519Verifier, publicKeyB64: string, text: string, sigB64: string): boolean {
  const publicKey = decodeBase64(publicKeyB64);
  const signature = decodeBase64(sigB64);
  if (publicKey === null || publicKey.length !== PUBLIC_KEY_BYTES || signature === null || signature.length !== SIGNATURE_BYTES) return false;
  try {
    return verifier.verifyDetached(publicKey, encodeUtf8(text), signature);
  } catch {
    return false;
  }
}
