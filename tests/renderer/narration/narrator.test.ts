import { describe, expect, it, vi } from 'vitest';
import { spokenSentences } from '../../../electron/core/narration/speech-sentences';
import { narrationStrings } from '../../../renderer/i18n/narration-strings';
import { Narrator, type NarrationState } from '../../../renderer/narration/narrator';
import type { SpeakOutcome, Voice } from '../../../renderer/narration/voices';

const SENTENCES = spokenSentences(['Câu một. Câu hai.']);
const SKIPPED = { vi: 'bỏ qua', en: 'skipped' };
const element = () => ({ pause: vi.fn() }) as unknown as HTMLAudioElement;

/** A voice that answers `outcome` (after `wait`, if given), counting its calls. */
function voice(kind: Voice['kind'], outcome: SpeakOutcome | (() => SpeakOutcome), wait?: Promise<void>): Voice & { calls: number } {
  const fake = {
    kind,
    calls: 0,
    async speak(_sentences: unknown, _rate: number, handlers: { onSentence: (i: number) => void }) {
      fake.calls++;
      await wait;
      const result = typeof outcome === 'function' ? outcome() : outcome;
      if (result.kind === 'speaking') handlers.onSentence(1);
      return result;
    },
  };
  return fake;
}
const speaking = () => ({ kind: 'speaking' as const, speaking: { stop: vi.fn(), setRate: vi.fn() } });

function narrator(voices: Voice[]) {
  const states: NarrationState[] = [];
  const n = new Narrator(element(), voices, (state) => states.push(state));
  return { n, states, last: () => states.at(-1) };
}

describe('Narrator: the order of voices', () => {
  it('uses the first voice that speaks and follows its sentences', async () => {
    const system = voice('system', { kind: 'failed', reason: 'none' });
    const bundled = voice('bundled', speaking());
    const { n, last } = narrator([system, bundled]);
    await n.play(SENTENCES, { audio: null, skipped: null }, 1);
    expect(last()).toMatchObject({ status: 'playing', voice: 'bundled', sentence: 1, note: null });
    expect(system.calls).toBe(1);
  });

  it('keeps the station’s note about a skipped pack file while the next voice reads', async () => {
    const { n, last } = narrator([voice('bundled', speaking())]);
    await n.play(SENTENCES, { audio: null, skipped: SKIPPED }, 1);
    expect(last()).toMatchObject({ status: 'playing', voice: 'bundled', note: SKIPPED });
  });

  it('says so when no voice can speak', async () => {
    const { n, last } = narrator([voice('system', { kind: 'failed', reason: 'x' }), voice('bundled', { kind: 'failed', reason: 'y' })]);
    await n.play(SENTENCES, { audio: null, skipped: null }, 1);
    expect(last()).toMatchObject({ status: 'idle', voice: null, note: narrationStrings.noVoice });
  });

  it('waits for a tap when the autoplay policy blocks, without a note and without trying other voices', async () => {
    const bundled = voice('bundled', speaking());
    const { n, last } = narrator([voice('system', { kind: 'blocked' }), bundled]);
    await n.play(SENTENCES, { audio: null, skipped: null }, 1);
    expect(last()).toMatchObject({ status: 'idle', note: null });
    expect(bundled.calls).toBe(0);
  });
});

describe('Narrator: one reading at a time', () => {
  it('stops a slow reading that starts after a newer one, and the newer one keeps the state', async () => {
    let release = () => undefined as void;
    const slow = speaking();
    const first = voice('bundled', slow, new Promise<void>((resolve) => (release = resolve)));
    const { n, last } = narrator([first]);
    const old = n.play(SENTENCES, { audio: null, skipped: null }, 1);
    const fast = speaking();
    (first as { speak: Voice['speak'] }).speak = async (_s, _r, handlers) => (handlers.onSentence(0), fast);
    await n.play(SENTENCES, { audio: null, skipped: null }, 1);
    release();
    await old;
    expect(slow.speaking.stop).toHaveBeenCalled();
    expect(fast.speaking.stop).not.toHaveBeenCalled();
    expect(last()).toMatchObject({ status: 'playing', sentence: 0 });
  });

  it('a narration that starts stops the one before it on the page', async () => {
    const a = speaking();
    const b = speaking();
    await narrator([voice('bundled', a)]).n.play(SENTENCES, { audio: null, skipped: null }, 1);
    await narrator([voice('bundled', b)]).n.play(SENTENCES, { audio: null, skipped: null }, 1);
    expect(a.speaking.stop).toHaveBeenCalled();
    expect(b.speaking.stop).not.toHaveBeenCalled();
  });

  it('changes the speed of the reading under way', async () => {
    const s = speaking();
    const { n } = narrator([voice('bundled', s)]);
    await n.play(SENTENCES, { audio: null, skipped: null }, 1);
    n.setRate(0.8);
    expect(s.speaking.setRate).toHaveBeenCalledWith(0.8);
    expect(n.rate).toBe(0.8);
  });
});
