/**
 * Looks inside an audio file of a lesson pack without decoding it: is it the format its name says,
 * is it whole, and how long is it. Used by the pack loader (a damaged file is skipped, the player
 * moves on to the next voice) and by `tram lessons check` (which reports it).
 *
 * Ogg (Opus, Vorbis): every page's CRC, page order, end-of-stream; length from the last granule.
 * WAV: RIFF/WAVE with a PCM "fmt " chunk and a "data" chunk that fits; length from the byte rate.
 * MP3: an unbroken chain of MPEG audio frames (after an optional ID3v2 tag, before an optional
 * ID3v1 tag); length from the frames. M4A: an "ftyp" box first and the movie header's duration.
 */
import { readOgg } from './ogg';
import { mp3DurationMs } from './mp3-frames';

export type AudioFormat = 'ogg-opus' | 'ogg-vorbis' | 'wav' | 'mp3' | 'm4a';

export type AudioProbe =
  | { readonly ok: true; readonly format: AudioFormat; readonly durationMs: number }
  | { readonly ok: false; readonly code: 'bad_format' | 'corrupt'; readonly message: string };

/** The formats each allowed file name ending may hold. */
const BY_EXTENSION: Record<string, readonly AudioFormat[]> = {
  '.opus': ['ogg-opus'],
  '.ogg': ['ogg-opus', 'ogg-vorbis'],
  '.wav': ['wav'],
  '.mp3': ['mp3'],
  '.m4a': ['m4a'],
};

const ascii = (bytes: Uint8Array, at: number, length: number) => String.fromCharCode(...bytes.subarray(at, at + length));

/** What the first bytes say the file is, whatever its name. */
export function sniffAudio(bytes: Uint8Array): 'ogg' | 'wav' | 'mp3' | 'm4a' | null {
  if (ascii(bytes, 0, 4) === 'OggS') return 'ogg';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE') return 'wav';
  if (ascii(bytes, 4, 4) === 'ftyp') return 'm4a';
  if (ascii(bytes, 0, 3) === 'ID3' || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)) return 'mp3';
  return null;
}

/** Probes `bytes` as a file whose name ends in `extension` (".opus", ".mp3" …, any case). */
export function probeAudio(bytes: Uint8Array, extension: string): AudioProbe {
  const allowed = BY_EXTENSION[extension.toLowerCase()];
  if (allowed === undefined) return bad(`"${extension}" is not an allowed audio format (${Object.keys(BY_EXTENSION).join(', ')})`);
  const kind = sniffAudio(bytes);
  if (kind === null) return bad(`not an audio file of a known format (expected ${allowed.join(' or ')})`);
  const probed = kind === 'ogg' ? probeOgg(bytes) : kind === 'wav' ? probeWav(bytes) : kind === 'mp3' ? probeMp3(bytes) : probeM4a(bytes);
  if (probed.ok && !allowed.includes(probed.format)) return bad(`the file holds ${probed.format}, but its name ends in ${extension}`);
  return probed;
}

function probeOgg(bytes: Uint8Array): AudioProbe {
  const read = readOgg(bytes);
  if (!read.ok) return corrupt(read.message);
  const { pages, packets } = read.value;
  const head = packets[0];
  if (head === undefined || packets.length < 3) return corrupt('no audio after the Ogg headers');
  const lastGranule = pages.at(-1)?.granule ?? -1n;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (ascii(head, 0, 8) === 'OpusHead') {
    if (head.length < 19 || head[8] !== 1 || (head[9] ?? 0) < 1) return corrupt('a malformed OpusHead header');
    if (ascii(packets[1] ?? new Uint8Array(), 0, 8) !== 'OpusTags') return corrupt('the OpusTags header is missing');
    const preSkip = BigInt(view.getUint16(10, true));
    if (lastGranule < preSkip) return corrupt('the last granule position is before the pre-skip');
    return { ok: true, format: 'ogg-opus', durationMs: Number(((lastGranule - preSkip) * 1000n) / 48_000n) };
  }
  if (head[0] === 1 && ascii(head, 1, 6) === 'vorbis' && head.length >= 16) {
    const rate = view.getUint32(12, true);
    if (rate === 0 || lastGranule < 0n) return corrupt('a malformed Vorbis header');
    return { ok: true, format: 'ogg-vorbis', durationMs: Number((lastGranule * 1000n) / BigInt(rate)) };
  }
  return bad('an Ogg file that holds neither Opus nor Vorbis audio');
}

function probeWav(bytes: Uint8Array): AudioProbe {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let byteRate = 0;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = ascii(bytes, at, 4);
    const size = view.getUint32(at + 4, true);
    if (id === 'fmt ' && size >= 16 && at + 24 <= bytes.length) {
      const format = view.getUint16(at + 8, true);
      if (format !== 1 && format !== 3 && format !== 0xfffe) return bad(`WAV with compression code ${format}; only PCM is allowed`);
      byteRate = view.getUint32(at + 16, true);
    }
    if (id === 'data') {
      if (byteRate === 0) return corrupt('WAV "data" before a valid "fmt " chunk');
      if (at + 8 + size > bytes.length) return corrupt(`WAV data cut off (${at + 8 + size - bytes.length} bytes missing)`);
      return { ok: true, format: 'wav', durationMs: Math.round((size * 1000) / byteRate) };
    }
    at += 8 + size + (size % 2);
  }
  return corrupt('WAV without a "data" chunk');
}

function probeMp3(bytes: Uint8Array): AudioProbe {
  const duration = mp3DurationMs(bytes);
  return typeof duration === 'string' ? corrupt(duration) : { ok: true, format: 'mp3', durationMs: duration };
}

function probeM4a(bytes: Uint8Array): AudioProbe {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxes = (start: number, end: number): Array<{ type: string; start: number; end: number }> | string => {
    const found: Array<{ type: string; start: number; end: number }> = [];
    for (let at = start; at < end; ) {
      if (at + 8 > end) return 'a box is cut off';
      const size = view.getUint32(at);
      if (size < 8 || at + size > end) return `the "${ascii(bytes, at + 4, 4)}" box does not fit the file`;
      found.push({ type: ascii(bytes, at + 4, 4), start: at + 8, end: at + size });
      at += size;
    }
    return found;
  };
  const top = boxes(0, bytes.length);
  if (typeof top === 'string') return corrupt(top);
  const moov = top.find((box) => box.type === 'moov');
  const inner = moov === undefined ? 'no "moov" box' : boxes(moov.start, moov.end);
  if (typeof inner === 'string') return corrupt(inner);
  const mvhd = inner.find((box) => box.type === 'mvhd');
  if (mvhd === undefined || mvhd.end - mvhd.start < 32) return corrupt('no movie header ("mvhd")');
  const v1 = bytes[mvhd.start] === 1;
  const timescale = view.getUint32(mvhd.start + (v1 ? 20 : 12));
  const duration = v1 ? Number(view.getBigUint64(mvhd.start + 24)) : view.getUint32(mvhd.start + 16);
  if (timescale === 0) return corrupt('a movie header with a zero timescale');
  return { ok: true, format: 'm4a', durationMs: Math.round((duration * 1000) / timescale) };
}

function bad(message: string): AudioProbe {
  return { ok: false, code: 'bad_format', message };
}

function corrupt(message: string): AudioProbe {
  return { ok: false, code: 'corrupt', message };
}
