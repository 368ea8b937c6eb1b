import { describe, expect, it } from 'vitest';
import { probeAudio } from '../../../electron/core/narration/audio-probe';
import { readOgg } from '../../../electron/core/narration/ogg';
import { encodeOggOpus } from '../../../electron/station/voice/opus-encoder';
import { resample } from '../../../electron/station/voice/resample';
import { opusFile } from '../../support/narration-fixture';

describe('Ogg Opus writer', () => {
  it('writes head, tags and audio pages that read back with CRCs, order and end of stream', () => {
    const read = readOgg(opusFile(5000));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const { pages, packets } = read.value;
    expect(new TextDecoder().decode(packets[0]?.subarray(0, 8))).toBe('OpusHead');
    expect(new TextDecoder().decode(packets[1]?.subarray(0, 8))).toBe('OpusTags');
    expect(pages.map((page) => page.sequence)).toEqual(pages.map((_, i) => i));
    expect(pages.at(-1)?.granule).toBe(312n + 5000n * 48n);
  });

  it('splits packets of 255 bytes and more over lacing values and reads them back whole', async () => {
    const { writeOggOpus } = await import('../../../electron/station/voice/ogg-opus-writer');
    const big = Uint8Array.from({ length: 600 }, (_, i) => i % 251);
    const exact = new Uint8Array(255).fill(9);
    const read = readOgg(writeOggOpus({ packets: [big, exact], samplesPerPacket: 960, preSkip: 312, totalSamples: 1920, inputSampleRate: 24_000, serial: 1, vendor: 'v' }));
    expect(read.ok && read.value.packets.slice(2)).toEqual([big, exact]);
  });
});

describe('Opus encoder (libopus via opusscript)', () => {
  it('encodes a second of 22,050 Hz speech-like sound to a valid .opus of the same length, near 16 kbit/s', () => {
    const samples = Int16Array.from({ length: 22_050 }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 220 * i) / 22_050) * (1 + Math.sin(i / 900)) * 0.5));
    const file = encodeOggOpus(samples, 22_050, 42);
    expect(probeAudio(file, '.opus')).toEqual({ ok: true, format: 'ogg-opus', durationMs: 1000 });
    expect(file.length).toBeLessThan(4000);
    expect(file.length).toBeGreaterThan(500);
  });
});

describe('resample', () => {
  it('keeps a tone’s level and the length in proportion', () => {
    const tone = Int16Array.from({ length: 2205 }, (_, i) => Math.round(10_000 * Math.sin((2 * Math.PI * 440 * i) / 22_050)));
    const out = resample(tone, 22_050, 24_000);
    expect(out.length).toBe(2400);
    const rms = (x: Int16Array) => Math.sqrt(x.slice(100, -100).reduce((sum, v) => sum + v * v, 0) / (x.length - 200));
    expect(rms(out) / rms(tone)).toBeCloseTo(1, 1);
  });
});
