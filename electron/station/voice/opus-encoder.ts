/**
 * Encodes narration PCM to an Ogg Opus file with libopus 1.4 compiled to WebAssembly (npm
 * `opusscript`, MIT, a dev dependency: only `tram lessons voice` encodes; the kiosk only plays).
 * Speech settings: 24 kHz mono (eSpeak's 22,050 Hz upsampled: its whole band is kept), the VOIP
 * application (tuned for speech), 16 kbit/s VBR in 20 ms frames — clear for a formant voice at about
 * 2 KB a second.
 */
import { createRequire } from 'node:module';
import { resample } from './resample';
import { writeOggOpus } from './ogg-opus-writer';

export const OPUS_RATE = 24_000;
export const OPUS_BITRATE = 16_000;
const FRAME_MS = 20;
/** libopus's look-ahead for the VOIP and AUDIO applications: 6.5 ms, in 48 kHz samples (RFC 7845 §4.2). */
const PRE_SKIP_48K = 312;
const OPUS_APPLICATION_VOIP = 2048;

type OpusScriptEncoder = {
  setBitrate(bitrate: number): void;
  encode(pcm: Uint8Array, frameSize: number): Uint8Array;
  delete(): void;
};
type OpusScriptClass = new (rate: number, channels: number, application: number) => OpusScriptEncoder;

function loadOpusScript(): OpusScriptClass {
  try {
    return createRequire(import.meta.url)('opusscript') as OpusScriptClass;
  } catch (error) {
    throw new Error(`tram lessons voice needs the npm dev dependency "opusscript" (run npm install): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** 16-bit mono PCM at `sampleRate` Hz → the bytes of an .opus file. `serial` names the Ogg stream. */
export function encodeOggOpus(samples: Int16Array, sampleRate: number, serial: number): Uint8Array {
  const OpusScript = loadOpusScript();
  const pcm = resample(samples, sampleRate, OPUS_RATE);
  const frame = (OPUS_RATE * FRAME_MS) / 1000;
  const lookAhead = (PRE_SKIP_48K * OPUS_RATE) / 48_000;
  // Pad with the look-ahead and to whole frames, so the last real sample leaves the encoder.
  const frames = Math.ceil((pcm.length + lookAhead) / frame);
  const padded = new Int16Array(frames * frame);
  padded.set(pcm);
  const encoder = new OpusScript(OPUS_RATE, 1, OPUS_APPLICATION_VOIP);
  try {
    encoder.setBitrate(OPUS_BITRATE);
    const packets: Uint8Array[] = [];
    for (let i = 0; i < frames; i++) {
      const chunk = padded.subarray(i * frame, (i + 1) * frame);
      packets.push(Uint8Array.from(encoder.encode(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength), frame)));
    }
    return writeOggOpus({
      packets,
      samplesPerPacket: (48_000 * FRAME_MS) / 1000,
      preSkip: PRE_SKIP_48K,
      totalSamples: Math.round((pcm.length * 48_000) / OPUS_RATE),
      inputSampleRate: sampleRate,
      serial,
      vendor: 'libopus 1.4 (opusscript), Tram Hoc So',
    });
  } finally {
    encoder.delete();
  }
}
