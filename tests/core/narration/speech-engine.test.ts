import { describe, expect, it } from 'vitest';
import { renderSentences, SENTENCE_GAP_MS, type SpeechEngine } from '../../../electron/core/narration/speech-engine';
import { encodeWav } from '../../../electron/core/narration/wav';
import { probeAudio } from '../../../electron/core/narration/audio-probe';

/** 1 kHz: a sentence is 10 samples of silence, one "sample" of sound per letter, 10 of silence. */
const fake: SpeechEngine = {
  engine: 'fake',
  voice: 'test',
  sampleRate: 1000,
  synthesize: (speech) => Promise.resolve(Int16Array.from([...new Array(10).fill(0), ...[...speech].map(() => 5000), ...new Array(10).fill(0)])),
};

describe('renderSentences', () => {
  it('trims each sentence’s silence, joins them with a fixed gap and knows where each starts', async () => {
    const rendered = await renderSentences(fake, ['abc', 'de', 'f']);
    expect(rendered.sentenceStartsMs).toEqual([0, 3 + SENTENCE_GAP_MS, 3 + SENTENCE_GAP_MS + 2 + SENTENCE_GAP_MS]);
    expect(rendered.durationMs).toBe(3 + 2 + 1 + 2 * SENTENCE_GAP_MS + SENTENCE_GAP_MS / 2);
    expect(rendered.samples[0]).toBe(5000);
    expect(rendered.samples[3]).toBe(0);
    expect(rendered.samples[3 + SENTENCE_GAP_MS]).toBe(5000);
  });

  it('makes a WAV that the probe reads back with the same length', async () => {
    const rendered = await renderSentences(fake, ['abc']);
    expect(probeAudio(encodeWav(rendered.samples, rendered.sampleRate), '.wav')).toEqual({ ok: true, format: 'wav', durationMs: rendered.durationMs });
  });
});
