import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { PracticeStepView } from '../../../electron/contract/dto';
import { PracticeStep } from '../../../renderer/practice/practice-step';

const bi = (vi: string) => ({ vi, en: `${vi} (en)` });
const part = (id: string, text: string) => ({ id, text: bi(text), why: bi(`Vì sao ${id}.`) });
const NO_AUDIO = { audio: null, skipped: null };

const spot: PracticeStepView = {
  kind: 'practice',
  id: 'p1',
  text: bi('Chạm vào chỗ đáng ngờ. Rồi bấm Kiểm tra.'),
  narration: { audio: { url: 'lessons/bai/narration/p1.opus', sentenceStartsMs: [0, 900, 1800, 2500, 3300] }, skipped: null },
  practice: { kind: 'spot', app: 'sms', sender: part('sender', 'Số lạ 0000 111'), body: [part('hello', 'Chúc mừng bác trúng quà.'), part('link', 'Bấm vào đây.')], targetCount: 2 },
};

const order: PracticeStepView = {
  kind: 'practice',
  id: 'p1',
  text: bi('Xếp các bước theo thứ tự.'),
  narration: NO_AUDIO,
  practice: { kind: 'order', items: [{ id: 'b', text: bi('Bước sau.') }, { id: 'a', text: bi('Bước đầu.') }, { id: 'c', text: bi('Bước cuối.') }], why: bi('Vì thế.') },
};

const render = (step: PracticeStepView) => renderToStaticMarkup(<PracticeStep lessonId="bai" step={step} index={5} count={7} onBack={vi.fn()} onNext={vi.fn()} />);
/** Sentence index → the text its span shows (the phone comes before the instruction in the page). */
const sentences = (html: string) => [...html.matchAll(/<span class="sentence" data-sentence="(\d+)">([^<]*)<\/span>/g)].map((m) => [Number(m[1]), m[2]] as const).sort((a, b) => a[0] - b[0]);

describe('practice step: read aloud like every other step', () => {
  it('has listen again, slower and the one audio element of a step', () => {
    const html = render(spot);
    expect(html).toContain('data-testid="read-aloud"');
    expect(html).toContain('data-testid="read-slower"');
    expect(html.match(/<audio /g)).toHaveLength(1);
  });

  it('highlights the instruction, then the sender and each part of the message as they are read, in the narration’s sentence order', () => {
    expect(sentences(render(spot))).toEqual([
      [0, 'Chạm vào chỗ đáng ngờ.'],
      [1, 'Rồi bấm Kiểm tra.'],
      [2, 'Số lạ 0000 111'],
      [3, 'Chúc mừng bác trúng quà.'],
      [4, 'Bấm vào đây.'],
    ]);
  });

  it('highlights the items of an order step in the order shown', () => {
    expect(sentences(render(order))).toEqual([
      [0, 'Xếp các bước theo thứ tự.'],
      [1, 'Bước sau.'],
      [2, 'Bước đầu.'],
      [3, 'Bước cuối.'],
    ]);
  });
});
