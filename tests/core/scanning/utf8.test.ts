import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8Strict, encodeUtf8 } from '../../../electron/core/scanning/utf8';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function platformDecode(bytes: Uint8Array): string | null {
  try {
    return strict.decode(bytes);
  } catch {
    return null;
  }
}

describe('utf8', () => {
  it('encodes like TextEncoder, Vietnamese and astral characters included', () => {
    for (const text of ['', 'abc', 'Nguyễn Thị Mẫu', 'Đường', '𝔸😀', '|\u0000|']) {
      expect(Array.from(encodeUtf8(text))).toEqual(Array.from(new TextEncoder().encode(text)));
    }
  });

  it('refuses overlong forms, surrogates, values above U+10FFFF and truncated sequences', () => {
    for (const bytes of [[0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe1, 0xbb], [0x80], [0xc3, 0x28]]) {
      expect(decodeUtf8Strict(Uint8Array.from(bytes))).toBeNull();
    }
  });

  it('agrees with the platform fatal decoder on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(decodeUtf8Strict(bytes)).toBe(platformDecode(bytes));
      }),
      { numRuns: 2_000 },
    );
  });

  it('round-trips any well-formed string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        expect(decodeUtf8Strict(encodeUtf8(text))).toBe(text);
      }),
      { numRuns: 1_000 },
    );
  });

  it('decodes long inputs (chunked internally)', () => {
    const text = 'ễ'.repeat(10_000);
    expect(decodeUtf8Strict(encodeUtf8(text))).toBe(text);
  });
});
