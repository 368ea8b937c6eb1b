/**
 * Sample-rate conversion for narration audio: eSpeak speaks at 22,050 Hz and Opus takes 8, 12, 16,
 * 24 or 48 kHz. A windowed-sinc interpolator (Blackman window, 16 taps each side, cut-off at the
 * lower Nyquist frequency) keeps speech clean in both directions; linear interpolation would add
 * audible images around the original Nyquist frequency.
 */
const HALF_TAPS = 16;

function sinc(x: number): number {
  return x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
}

function blackman(x: number): number {
  // x in [-1, 1]
  return 0.42 + 0.5 * Math.cos(Math.PI * x) + 0.08 * Math.cos(2 * Math.PI * x);
}

/** `samples` at `from` Hz as 16-bit samples at `to` Hz. */
export function resample(samples: Int16Array, from: number, to: number): Int16Array {
  if (from === to) return samples.slice();
  const ratio = to / from;
  const cutoff = Math.min(1, ratio);
  const out = new Int16Array(Math.round(samples.length * ratio));
  for (let i = 0; i < out.length; i++) {
    const center = i / ratio;
    const first = Math.ceil(center - HALF_TAPS / cutoff);
    const last = Math.floor(center + HALF_TAPS / cutoff);
    let sum = 0;
    for (let k = Math.max(0, first); k <= Math.min(samples.length - 1, last); k++) {
      const distance = center - k;
      sum += (samples[k] ?? 0) * cutoff * sinc(distance * cutoff) * blackman((distance * cutoff) / HALF_TAPS);
    }
    out[i] = Math.max(-32768, Math.min(32767, Math.round(sum)));
  }
  return out;
}
