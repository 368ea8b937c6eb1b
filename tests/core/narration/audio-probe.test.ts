import { describe, expect, it } from 'vitest';
import { probeAudio, sniffAudio } from '../../../electron/core/narration/audio-probe';
import { encodeWav } from '../../../electron/core/narration/wav';
import { m4aFile, mp3File, opusFile } from '../../support/narration-fixture';

const wav = encodeWav(new Int16Array(22_050 * 2), 22_050);

describe('probeAudio', () => {
  it.each([
    ['Ogg Opus', opusFile(3000), '.opus', 'ogg-opus', 3000],
    ['Ogg Opus named .ogg', opusFile(1500), '.ogg', 'ogg-opus', 1500],
    ['WAV', wav, '.wav', 'wav', 2000],
    ['MP3', mp3File(100), '.mp3', 'mp3', 2612],
    ['MP3 after an ID3 tag', mp3File(10, true), '.MP3', 'mp3', 261],
    ['M4A', m4aFile(4200), '.m4a', 'm4a', 4200],
  ])('reads %s and its length', (_name, bytes, extension, format, durationMs) => {
    expect(probeAudio(bytes, extension)).toEqual({ ok: true, format, durationMs });
  });

  it.each([
    ['an extension that is not allowed', opusFile(1000), '.flac', /not an allowed audio format/],
    ['a text file named .opus', new TextEncoder().encode('hello, this is not audio'), '.opus', /not an audio file/],
    ['a WAV named .opus', wav, '.opus', /holds wav, but its name ends in \.opus/],
    ['an MP3 named .wav', mp3File(3), '.wav', /holds mp3/],
    ['compressed WAV', (() => { const bytes = wav.slice(); bytes[20] = 2; return bytes; })(), '.wav', /compression code 2/],
  ])('calls %s a bad format', (_name, bytes, extension, message) => {
    const probe = probeAudio(bytes, extension);
    expect(probe).toMatchObject({ ok: false, code: 'bad_format' });
    expect(!probe.ok && probe.message).toMatch(message);
  });

  it.each([
    ['Opus cut short', opusFile(3000).subarray(0, 200), '.opus', /cut off/],
    ['Opus with one flipped byte', (() => { const bytes = opusFile(3000).slice(); bytes[150] = (bytes[150] ?? 0) ^ 1; return bytes; })(), '.opus', /checksum mismatch/],
    ['WAV cut short', wav.subarray(0, 1000), '.wav', /cut off/],
    ['MP3 with garbage between frames', (() => { const bytes = mp3File(5); bytes[417 * 2] = 0; return bytes; })(), '.mp3', /damaged frame at byte 834/],
    ['MP3 cut inside a frame', mp3File(5).subarray(0, 417 * 4 + 100), '.mp3', /last frame is cut off/],
    ['M4A whose box overruns the file', m4aFile(1000).subarray(0, 60), '.m4a', /does not fit/],
  ])('calls %s corrupt', (_name, bytes, extension, message) => {
    const probe = probeAudio(bytes, extension);
    expect(probe).toMatchObject({ ok: false, code: 'corrupt' });
    expect(!probe.ok && probe.message).toMatch(message);
  });

  it('sniffs by content, not by name', () => {
    expect([opusFile(100), wav, mp3File(1), m4aFile(1), new Uint8Array(8)].map(sniffAudio)).toEqual(['ogg', 'wav', 'mp3', 'm4a', null]);
  });
});
