/**
 * The Ogg container (RFC 3533): pages of "OggS", a header with a granule position and a CRC-32,
 * a lacing table, then packet data. Read to check a narration file is whole (every page's CRC) and
 * to find its length (the last granule position); written by the narration renderer
 * (station/voice/ogg-opus-writer.ts) with the same CRC.
 *
 * CRC: polynomial 0x04C11DB7, initial value 0, no reflection, no final XOR, computed over the whole
 * page with the CRC field set to zero (RFC 3533 §6).
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let bit = 0; bit < 8; bit++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

/** The Ogg CRC-32 of `bytes`. */
export function oggCrc(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) ^ (CRC_TABLE[((crc >>> 24) ^ byte) & 0xff] ?? 0)) >>> 0;
  return crc;
}

export const OGG_HEADER_BYTES = 27;
export const OGG_FLAG_CONTINUED = 0x01;
export const OGG_FLAG_FIRST = 0x02;
export const OGG_FLAG_LAST = 0x04;

export type OggPage = {
  readonly flags: number;
  /** -1 when no packet ends on this page. */
  readonly granule: bigint;
  readonly serial: number;
  readonly sequence: number;
};

export type OggStream = { readonly pages: readonly OggPage[]; readonly packets: readonly Uint8Array[] };

export type OggResult = { readonly ok: true; readonly value: OggStream } | { readonly ok: false; readonly message: string };

/**
 * Reads every page of a single-stream Ogg file: signature, version, CRC, page order, serial, and
 * that the data ends exactly at the last page, which carries the end-of-stream flag.
 */
export function readOgg(bytes: Uint8Array): OggResult {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pages: OggPage[] = [];
  const packets: Uint8Array[] = [];
  let pending: Uint8Array[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const where = `page ${pages.length} (byte ${offset})`;
    if (offset + OGG_HEADER_BYTES > bytes.length) return fail(`${where}: cut off inside its header`);
    if (view.getUint32(offset) !== 0x4f676753) return fail(`${where}: no "OggS" signature`);
    if (bytes[offset + 4] !== 0) return fail(`${where}: unknown Ogg version ${bytes[offset + 4]}`);
    const segments = bytes[offset + 26] ?? 0;
    const tableEnd = offset + OGG_HEADER_BYTES + segments;
    if (tableEnd > bytes.length) return fail(`${where}: cut off inside its lacing table`);
    const lacing = bytes.subarray(offset + OGG_HEADER_BYTES, tableEnd);
    const bodyLength = lacing.reduce((sum, value) => sum + value, 0);
    const pageEnd = tableEnd + bodyLength;
    if (pageEnd > bytes.length) return fail(`${where}: cut off (${pageEnd - bytes.length} bytes missing)`);
    const page = bytes.slice(offset, pageEnd);
    const stored = view.getUint32(offset + 22, true);
    page.fill(0, 22, 26);
    if (oggCrc(page) !== stored) return fail(`${where}: checksum mismatch (the file is damaged)`);
    const flags = bytes[offset + 5] ?? 0;
    const serial = view.getUint32(offset + 14, true);
    const sequence = view.getUint32(offset + 18, true);
    if (pages.length === 0 && (flags & OGG_FLAG_FIRST) === 0) return fail(`${where}: the first page lacks the beginning-of-stream flag`);
    if (pages.length > 0 && serial !== pages[0]?.serial) return fail(`${where}: a second stream (only single-stream files are allowed)`);
    if (sequence !== pages.length) return fail(`${where}: page number ${sequence}, expected ${pages.length} (a page is missing)`);
    pages.push({ flags, granule: view.getBigInt64(offset + 6, true), serial, sequence });
    let at = tableEnd;
    for (const value of lacing) {
      pending.push(bytes.subarray(at, at + value));
      at += value;
      if (value < 255) {
        packets.push(concat(pending));
        pending = [];
      }
    }
    offset = pageEnd;
  }
  const last = pages.at(-1);
  if (last === undefined) return fail('empty file');
  if ((last.flags & OGG_FLAG_LAST) === 0) return fail('the last page lacks the end-of-stream flag (the file is cut off)');
  return { ok: true, value: { pages, packets } };
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function fail(message: string): OggResult {
  return { ok: false, message };
}
