// The protocol's signature rules, once for both sides: strict b64, exact lengths, never a throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, verifySignedText, type Ed25519Verifier } from '../../../../electron/core/sync/protocol/ed25519';

const bytesToB64 = (bytes: Uint8Array): string => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | (b << 8) | c;
    out += alphabet.charAt((n >> 18) & 63) + alphabet.charAt((n >> 12) & 63);
    out += i + 1 < bytes.length ? alphabet.charAt((n >> 6) & 63) : '=';
    out += i + 2 < bytes.length ? alphabet.charAt(n & 63) : '=';
  }
  return out;
};

describe('protocol Ed25519 rules', () => {
  it('decodes exactly what standard padded base64 encodes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(Array.from(decodeBase64(bytesToB64(bytes)) ?? [-1])).toEqual(Array.from(bytes));
      }),
    );
  });

  it.each(['abc', 'ab=c', 'a b=', 'ab_-', '====', 'YQ', 'YQ==='])('refuses %s', (text) => {
    expect(decodeBase64(text)).toBeNull();
  });

  it('hands only well-formed keys and signatures to the platform, and turns its throw into false', () => {
    const calls: number[][] = [];
    const verifier: Ed25519Verifier = {
      verifyDetached: (key, message, signature) => {
        calls.push([key.length, message.length, signature.length]);
        if (message.length === 0) throw new Error('boom');
        return true;
      },
    };
    const key = bytesToB64(new Uint8Array(32));
    const sig = bytesToB64(new Uint8Array(64));
    expect(verifySignedText(verifier, key, 'tram-hoc-số', sig)).toBe(true);
    expect(calls).toEqual([[32, 13, 64]]);
    expect(verifySignedText(verifier, bytesToB64(new Uint8Array(31)), 'x', sig)).toBe(false);
    expect(verifySignedText(verifier, key, 'x', bytesToB64(new Uint8Array(63)))).toBe(false);
    expect(verifySignedText(verifier, 'not b64!', 'x', sig)).toBe(false);
    expect(verifySignedText(verifier, key, '', sig)).toBe(false);
    expect(calls).toHaveLength(2);
  });
});
