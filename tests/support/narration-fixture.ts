/**
 * Audio files for narration tests, made byte by byte: an Ogg Opus file of a given length (silent
 * Opus frames through the real writer), MP3 frames, a minimal M4A. And a sidecar writer.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NarrationEntry } from '../../electron/core/narration/narration-sidecar';
import { writeOggOpus } from '../../electron/station/voice/ogg-opus-writer';

/** An Opus packet that decodes to 20 ms of silence (TOC 0xF8: CELT fullband 20 ms, mono). */
const SILENT_FRAME = Uint8Array.from([0xf8, 0xff, 0xfe]);

/** A valid .opus file lasting `ms` milliseconds. */
export function opusFile(ms: number): Uint8Array {
  const packets = Array.from({ length: Math.ceil(ms / 20) + 1 }, () => SILENT_FRAME);
  return writeOggOpus({ packets, samplesPerPacket: 960, preSkip: 312, totalSamples: ms * 48, inputSampleRate: 24_000, serial: 7, vendor: 'test' });
}

/** `count` MPEG-1 Layer III frames, 128 kbit/s, 44.1 kHz (417 bytes, 26.1 ms each), optionally after an ID3v2 tag. */
export function mp3File(count: number, withId3 = false): Uint8Array {
  const frame = new Uint8Array(417);
  frame.set([0xff, 0xfb, 0x90, 0x00]);
  const id3 = withId3 ? Uint8Array.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 10, ...new Array(10).fill(0)]) : new Uint8Array();
  const out = new Uint8Array(id3.length + count * frame.length);
  out.set(id3);
  for (let i = 0; i < count; i++) out.set(frame, id3.length + i * frame.length);
  return out;
}

function box(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + body.length);
  new DataView(out.buffer).setUint32(0, out.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(body, 8);
  return out;
}

/** A minimal M4A: ftyp, then moov with a version-0 mvhd of `ms` milliseconds (timescale 1000). */
export function m4aFile(ms: number): Uint8Array {
  const mvhd = new Uint8Array(100);
  const view = new DataView(mvhd.buffer);
  view.setUint32(12, 1000);
  view.setUint32(16, ms);
  const ftyp = box('ftyp', new TextEncoder().encode('M4A \0\0\0\0M4A isom'));
  const moov = box('moov', box('mvhd', mvhd));
  const out = new Uint8Array(ftyp.length + moov.length);
  out.set(ftyp);
  out.set(moov, ftyp.length);
  return out;
}

/** Writes `<packDir>/narration/narration.json` and the given files. */
export function writeNarration(packDir: string, lesson: string, entries: readonly NarrationEntry[], files: Record<string, Uint8Array>): void {
  const dir = join(packDir, 'narration');
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  writeFileSync(join(dir, 'narration.json'), JSON.stringify({ format: 1, lesson, items: entries }));
}
