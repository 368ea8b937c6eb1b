/**
 * Walks the MPEG audio frames of an MP3 file (ISO 11172-3 / 13818-3 frame headers) to check the
 * chain is unbroken and to add up its length. An ID3v2 tag may come first and an ID3v1 tag ("TAG",
 * 128 bytes) last; anything else between frames means the file is damaged.
 */

// Bitrates in kbit/s by [MPEG-1 ? 0 : 1][layer index 1..3 → III, II, I][bitrate index].
const BITRATES: readonly (readonly (readonly number[])[])[] = [
  [[], [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320], [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384], [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448]],
  [[], [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160], [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160], [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256]],
];
const SAMPLE_RATES: Record<number, readonly number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

/** The file's length in ms, or why it is not an unbroken MP3. */
export function mp3DurationMs(bytes: Uint8Array): number | string {
  let at = 0;
  if (String.fromCharCode(...bytes.subarray(0, 3)) === 'ID3') {
    if (bytes.length < 10) return 'an ID3 tag cut off';
    const size = (((bytes[6] ?? 0) & 0x7f) << 21) | (((bytes[7] ?? 0) & 0x7f) << 14) | (((bytes[8] ?? 0) & 0x7f) << 7) | ((bytes[9] ?? 0) & 0x7f);
    at = 10 + size;
  }
  let end = bytes.length;
  if (end - at >= 128 && String.fromCharCode(...bytes.subarray(end - 128, end - 125)) === 'TAG') end -= 128;
  let seconds = 0;
  let frames = 0;
  while (at < end) {
    const frame = frameAt(bytes, at);
    if (frame === null) return frames === 0 ? 'no MPEG audio frame where the audio should start' : `a damaged frame at byte ${at}`;
    if (at + frame.length > end) return `the last frame is cut off (${at + frame.length - end} bytes missing)`;
    seconds += frame.samples / frame.rate;
    frames++;
    at += frame.length;
  }
  if (frames === 0) return 'no audio frames';
  return Math.round(seconds * 1000);
}

function frameAt(bytes: Uint8Array, at: number): { length: number; samples: number; rate: number } | null {
  const b1 = bytes[at + 1] ?? 0;
  const b2 = bytes[at + 2] ?? 0;
  if (bytes[at] !== 0xff || (b1 & 0xe0) !== 0xe0) return null;
  const version = (b1 >> 3) & 3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
  const layer = (b1 >> 1) & 3; // 3 = I, 2 = II, 1 = III
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  const padding = (b2 >> 1) & 1;
  const rate = SAMPLE_RATES[version]?.[rateIndex];
  const kbps = BITRATES[version === 3 ? 0 : 1]?.[layer]?.[bitrateIndex];
  if (rate === undefined || kbps === undefined || kbps === 0 || layer === 0) return null;
  if (layer === 3) return { length: (Math.floor((12 * kbps * 1000) / rate) + padding) * 4, samples: 384, rate };
  const samples = layer === 1 && version !== 3 ? 576 : 1152;
  return { length: Math.floor(((samples / 8) * kbps * 1000) / rate) + padding, samples, rate };
}
