/**
 * Node's Ed25519 and SHA-256 in the shapes docs/PROTOCOL.md uses: public keys travel as b64 of the raw
 * 32 bytes, signatures as b64. Verification never throws: malformed input is simply "not valid".
 */
import { createHash, createPublicKey, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { verifySignedText, type Ed25519Verifier } from '../../electron/core/sync/protocol/ed25519';

/** Hex SHA-256 of the UTF-8 bytes of a string (the hash the core modules inject). */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Hex SHA-256 of raw bytes (request bodies). */
export function sha256HexOfBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A Node public key from b64 of the raw 32-byte Ed25519 key; null when it is not one. */
export function publicKeyFromRaw(rawB64: string): KeyObject | null {
  const raw = Buffer.from(rawB64, 'base64');
  if (raw.length !== 32) return null;
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
  } catch {
    return null;
  }
}

/** b64 of the raw 32 bytes of an Ed25519 public key. */
export function rawPublicKeyB64(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url').toString('base64');
}

/** b64 Ed25519 signature over the UTF-8 of `text`. */
export function signText(privateKey: KeyObject, text: string): string {
  return sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64');
}

/** node:crypto behind the core's verifier interface (the rules are core/sync/protocol/ed25519.ts). */
const nodeVerifier: Ed25519Verifier = {
  verifyDetached: (publicKey, message, signature) =>
    verify(null, message, createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') }, format: 'jwk' }), signature),
};

/** True when `sigB64` is a valid signature of `text` by the raw public key `publicKeyB64`. */
export function verifyText(publicKeyB64: string, text: string, sigB64: string): boolean {
  return verifySignedText(nodeVerifier, publicKeyB64, text, sigB64);
}
