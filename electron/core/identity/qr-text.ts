/**
 * Cleans scanner output before field splitting (reference §1.4 rules 2–4): BOM, mojibake repair,
 * CR/LF/TAB and space at the ends, an AIM symbology prefix such as "]Q1", then NFC.
 */
import { decodeUtf8Strict } from '../scanning/utf8';

export type CleanedQrText = { readonly text: string; readonly repairedMojibake: boolean };

// Windows-1252 printable characters in 0x80–0x9F: scanners and tools that say "Latin-1" usually
// mean this code page, so "ễ" (E1 BB 85) comes out as "á»…" rather than "á»\u0085".
const CP1252_HIGH: ReadonlyMap<string, number> = new Map([
  ['€', 0x80], ['‚', 0x82], ['ƒ', 0x83], ['„', 0x84], ['…', 0x85], ['†', 0x86], ['‡', 0x87], ['ˆ', 0x88],
  ['‰', 0x89], ['Š', 0x8a], ['‹', 0x8b], ['Œ', 0x8c], ['Ž', 0x8e], ['‘', 0x91], ['’', 0x92], ['“', 0x93],
  ['”', 0x94], ['•', 0x95], ['–', 0x96], ['—', 0x97], ['˜', 0x98], ['™', 0x99], ['š', 0x9a], ['›', 0x9b],
  ['œ', 0x9c], ['ž', 0x9e], ['Ÿ', 0x9f],
]);

// A UTF-8 lead byte shown as Latin-1 (Â–ô) followed by a continuation byte shown as Latin-1/cp1252.
const MOJIBAKE_HINT = /[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/;

const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;
const EDGE_NOISE = /^[\r\n\t \ufeff]+|[\r\n\t \ufeff]+$/g;

/**
 * Undoes "UTF-8 bytes shown as Latin-1/Windows-1252". Kept only if every character maps back to a
 * byte and those bytes are valid UTF-8, so real Vietnamese text ("XÃ" followed by a space, or any
 * letter outside Latin-1) is never touched.
 */
export function repairMojibake(text: string): string | null {
  if (!MOJIBAKE_HINT.test(text)) return null;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charAt(i);
    const code = ch.charCodeAt(0);
    const byte = code <= 0xff ? code : CP1252_HIGH.get(ch);
    if (byte === undefined) return null;
    bytes[i] = byte;
  }
  const repaired = decodeUtf8Strict(bytes);
  return repaired !== null && repaired !== text ? repaired : null;
}

/** Applies the cleaning steps in order; the input must already be capped in length. */
export function cleanQrText(raw: string): CleanedQrText {
  let text = raw.replace(EDGE_NOISE, '');
  const repaired = repairMojibake(text);
  if (repaired !== null) text = repaired.replace(EDGE_NOISE, '');
  if (AIM_PREFIX.test(text)) text = text.slice(3).replace(EDGE_NOISE, '');
  return { text: text.normalize('NFC'), repairedMojibake: repaired !== null };
}
