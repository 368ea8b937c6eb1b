import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { InfoStepView } from '../../../electron/contract/dto';
import { SAFE_ADVICE } from '../../../electron/core/lessons/safe-advice';
import { StepView } from '../../../renderer/screens/step-view';

const asWritten: InfoStepView = {
  kind: 'info',
  text: { vi: 'Gọi 156 miễn phí để báo số lừa đảo.', en: 'Call 156 for free to report a scam number.' },
  imageUrl: 'lessons/cuoc-goi-gia-danh-cong-an/s7.svg',
  imageAlt: { vi: 'Màn hình soạn tin gửi 156.', en: 'A message screen to 156.' },
  narration: { audio: { url: 'lessons/cuoc-goi-gia-danh-cong-an/s7.mp3', sentenceStartsMs: [0] }, skipped: null },
  safeAdvice: null,
};

/** What the station sends for the same step while 156 is still to verify (station/services/lesson-views.ts). */
const withheld: InfoStepView = {
  kind: 'info',
  text: SAFE_ADVICE.text,
  imageUrl: asWritten.imageUrl,
  imageAlt: SAFE_ADVICE.imageAlt,
  narration: { audio: null, skipped: null },
  safeAdvice: { note: SAFE_ADVICE.note },
};

const render = (step: InfoStepView) => renderToStaticMarkup(<StepView step={step} index={6} count={7} onBack={vi.fn()} onNext={vi.fn()} />);

describe('step view: safe advice in place of an unconfirmed phone number', () => {
  it('shows the step as written, with its picture, when no number is withheld', () => {
    const html = render(asWritten);
    expect(html).toContain('<img class="step-image" src="lessons/cuoc-goi-gia-danh-cong-an/s7.svg"');
    expect(html).toContain('Gọi 156 miễn phí');
    expect(html).not.toContain('data-testid="safe-advice"');
  });

  it('shows the safe advice, the reason and a drawing without the number instead of the step picture', () => {
    const html = render(withheld);
    expect(html).toContain('data-testid="safe-advice"');
    expect(html.replace(/<[^>]*>/g, '')).toContain(SAFE_ADVICE.text.vi);
    expect(html).toContain(SAFE_ADVICE.text.en);
    expect(html).toContain(SAFE_ADVICE.note.vi);
    expect(html.indexOf(SAFE_ADVICE.note.vi)).toBeLessThan(html.indexOf(SAFE_ADVICE.note.en));
    expect(html).toContain(`aria-label="${SAFE_ADVICE.imageAlt.vi}"`);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('s7.svg');
    expect(html).not.toMatch(/(?<!\d)156(?!\d)/);
    // No number at all in what the learner reads (tags and drawing coordinates aside).
    expect(html.replace(/<[^>]*>/g, ' ')).not.toMatch(/\d{3,}/);
  });

  it('splits the words into sentences for the reading highlight, with listen again, slower and one audio element', () => {
    const html = render({ ...asWritten, text: { vi: 'Câu một. Câu hai? Câu ba!', en: 'One. Two? Three!' } });
    expect([...html.matchAll(/<span class="sentence" data-sentence="(\d)">([^<]*)<\/span>/g)].map((m) => [m[1], m[2]])).toEqual([
      ['0', 'Câu một.'],
      ['1', 'Câu hai?'],
      ['2', 'Câu ba!'],
    ]);
    expect(html).toContain('data-testid="read-aloud"');
    expect(html).toContain('data-testid="read-slower"');
    expect(html.match(/<audio /g)).toHaveLength(1);
  });

  it('keeps the step counter and both navigation buttons', () => {
    const html = render(withheld);
    expect(html).toContain('Bước 7/7');
    expect(html).toContain('data-testid="step-back"');
    expect(html).toContain('data-testid="step-next"');
  });
});
