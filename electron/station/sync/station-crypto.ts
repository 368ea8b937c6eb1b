/**
 * Ed25519 and SHA-256 for the station side of the protocol (docs/PROTOCOL.md §1, §3, §5, §7): requests and
 * bundles are signed with the station key from the key store; receipts and enrolment answers are
 * checked against the city key pinned at enrolment. Verification never throws: a malformed key or
 * signature is simply "not valid".
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { verifySignedText, type Ed25519Verifier } from '../../core/sync/protocol/ed25519';
import type { KeyFile } from '../keys/key-store';

/** Signs UTF-8 text, returning b64. */
export type TextSigner = (text: string) => string;

/** Hex SHA-256 of raw bytes (the uncompressed request body of §3). */
export function sha256HexOfBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The station's signer, from the PKCS#8 private key in the key store. */
export function stationSigner(keys: Pick<KeyFile, 'stationPrivateKeyPkcs8'>): TextSigner {
  const privateKey = createPrivateKey({ key: Buffer.from(keys.stationPrivateKeyPkcs8, 'base64'), format: 'der', type: 'pkcs8' });
  return (text) => sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64');
}

/** node:crypto behind the core's verifier interface (the rules are core/sync/protocol/ed25519.ts). */
const nodeVerifier: Ed25519Verifier = {
  verifyDetached: (publicKey, message, signature) =>
    verify(null, message, createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') }, format: 'jwk' }), signature),
};

/** True when `sigB64` is a valid Ed25519 signature of `text` by the raw public key `publicKeyRawB64`. */
export function verifySignature(publicKeyRawB64: string, text: string, sigB64: string): boolean {
  return verifySignedText(nodeVerifier, publicKeyRawB64, text, sigB64);
}

/**
 * The short form a volunteer reads out (docs/PROTOCOL.md §5): the first 8 hex of SHA-256 over the receipt
 * exactly as it travels (its b64 text), so anyone holding the receipt can recompute it.
 */
export function receiptShortForm(receiptB64: string): string {
  return createHash('sha256').update(receiptB64, 'utf8').digest('hex').slice(0, 8);
}
