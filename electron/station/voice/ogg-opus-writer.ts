/**
 * Wraps Opus packets in an Ogg Opus file (RFC 7845): an identification header page ("OpusHead"),
 * a comment header page ("OpusTags"), then audio pages. Granule positions count 48 kHz samples
 * including the encoder's pre-skip; the last page's granule trims the padding of the final frame,
 * so a player's duration is exactly the audio's (core/narration/audio-probe.ts reads it back).
 */
import { OGG_FLAG_FIRST, OGG_FLAG_LAST, OGG_HEADER_BYTES, oggCrc } from '../../core/narration/ogg';

export type OggOpusInput = {
  readonly packets: readonly Uint8Array[];
  /** 48 kHz samples each packet decodes to. */
  readonly samplesPerPacket: number;
  /** 48 kHz samples the decoder must drop at the start (the encoder's look-ahead). */
  readonly preSkip: number;
  /** 48 kHz samples of real audio: the final granule is preSkip + this. */
  readonly totalSamples: number;
  readonly inputSampleRate: number;
  readonly serial: number;
  readonly vendor: string;
};

/** Roughly one second of audio per page: small pages waste bytes, big ones delay the first sound. */
const PACKETS_PER_PAGE = 50;

function page(flags: number, granule: bigint, serial: number, sequence: number, packets: readonly Uint8Array[]): Uint8Array {
  const lacing: number[] = [];
  for (const packet of packets) {
    for (let left = packet.length; ; left -= 255) {
      lacing.push(Math.min(left, 255));
      if (left < 255) break;
    }
  }
  if (lacing.length > 255) throw new RangeError('too many segments for one Ogg page');
  const body = packets.reduce((sum, packet) => sum + packet.length, 0);
  const bytes = new Uint8Array(OGG_HEADER_BYTES + lacing.length + body);
  const view = new DataView(bytes.buffer);
  bytes.set([0x4f, 0x67, 0x67, 0x53], 0);
  bytes[5] = flags;
  view.setBigInt64(6, granule, true);
  view.setUint32(14, serial, true);
  view.setUint32(18, sequence, true);
  bytes[26] = lacing.length;
  bytes.set(lacing, OGG_HEADER_BYTES);
  let at = OGG_HEADER_BYTES + lacing.length;
  for (const packet of packets) {
    bytes.set(packet, at);
    at += packet.length;
  }
  view.setUint32(22, oggCrc(bytes), true);
  return bytes;
}

function opusHead(preSkip: number, inputSampleRate: number): Uint8Array {
  const bytes = new Uint8Array(19);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode('OpusHead'), 0);
  bytes[8] = 1; // version
  bytes[9] = 1; // mono
  view.setUint16(10, preSkip, true);
  view.setUint32(12, inputSampleRate, true);
  view.setInt16(16, 0, true); // output gain
  bytes[18] = 0; // channel mapping family 0: mono or stereo
  return bytes;
}

function opusTags(vendor: string): Uint8Array {
  const vendorBytes = new TextEncoder().encode(vendor);
  const bytes = new Uint8Array(8 + 4 + vendorBytes.length + 4);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode('OpusTags'), 0);
  view.setUint32(8, vendorBytes.length, true);
  bytes.set(vendorBytes, 12);
  view.setUint32(12 + vendorBytes.length, 0, true);
  return bytes;
}

/** The complete .opus file. */
export function writeOggOpus(input: OggOpusInput): Uint8Array {
  if (input.packets.length === 0) throw new RangeError('no audio packets');
  const pages = [page(OGG_FLAG_FIRST, 0n, input.serial, 0, [opusHead(input.preSkip, input.inputSampleRate)]), page(0, 0n, input.serial, 1, [opusTags(input.vendor)])];
  const finalGranule = BigInt(input.preSkip + input.totalSamples);
  for (let first = 0; first < input.packets.length; first += PACKETS_PER_PAGE) {
    const chunk = input.packets.slice(first, first + PACKETS_PER_PAGE);
    const isLast = first + PACKETS_PER_PAGE >= input.packets.length;
    const decoded = BigInt((first + chunk.length) * input.samplesPerPacket);
    const granule = isLast ? finalGranule : decoded;
    pages.push(page(isLast ? OGG_FLAG_LAST : 0, granule, input.serial, pages.length, chunk));
  }
  const out = new Uint8Array(pages.reduce((sum, each) => sum + each.length, 0));
  let at = 0;
  for (const each of pages) {
    out.set(each, at);
    at += each.length;
  }
  return out;
}
