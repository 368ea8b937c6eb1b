/**
 * Strict UTF-8 codec for the pure core (the core's tsconfig has no TextDecoder).
 *
 * Invariants: decoding is all-or-nothing — overlong forms, surrogate code points, values above
 * U+10FFFF, stray continuation bytes and truncated sequences all make the whole input invalid, so a
 * scan that lost a byte in transit is refused instead of being shown with U+FFFD holes.
 */

/** Decodes bytes as UTF-8; `null` when the bytes are not well-formed UTF-8. */
export function decodeUtf8Strict(bytes: Uint8Array): string | null {
  const parts: string[] = [];
  let codes: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i] ?? 0;
    let cp: number;
    let need: number;
    if (b0 < 0x80) {
      cp = b0;
      need = 0;
    } else if (b0 >= 0xc2 && b0 <= 0xdf) {
      cp = b0 & 0x1f;
      need = 1;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      cp = b0 & 0x0f;
      need = 2;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      cp = b0 & 0x07;
      need = 3;
    } else {
      return null; // continuation byte out of place, or 0xC0/0xC1/0xF5+ which are never valid
    }
    for (let k = 1; k <= need; k += 1) {
      const b = bytes[i + k];
      if (b === undefined || (b & 0xc0) !== 0x80) return null;
      cp = (cp << 6) | (b & 0x3f);
    }
    if (need === 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) return null;
    if (need === 3 && (cp < 0x10000 || cp > 0x10ffff)) return null;
    codes.push(cp);
    if (codes.length >= 4096) {
      parts.push(String.fromCodePoint(...codes));
      codes = [];
    }
    i += need + 1;
  }
  parts.push(String.fromCodePoint(...codes));
  return parts.join('');
}

/** Encodes a string as UTF-8; lone surrogates become U+FFFD, as in the WHATWG encoder. */
export function encodeUtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    let cp = ch.codePointAt(0) ?? 0xfffd;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) {
      out.push(cp);
    } else if (cp < 0x800) {
      out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    } else {
      out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    }
  }
  return Uint8Array.from(out);
}
