import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { PracticeAttemptResult, PracticeView } from '../../../electron/contract/dto';
import { PracticeFeedback } from '../../../renderer/practice/practice-feedback';

const bi = (vi: string) => ({ vi, en: `${vi} (en)` });
const part = (id: string) => ({ id, text: bi(id), why: bi(`why ${id}`) });
const spot: PracticeView = { kind: 'spot', app: 'sms', sender: part('sender'), body: [part('hello'), part('link')], targetCount: 2 };
const result = (detail: PracticeAttemptResult['detail']): PracticeAttemptResult => ({ correct: detail.correct, attempt: 1, recorded: true, detail, lessonPassed: false });
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('practice feedback', () => {
  it('is kind after a wrong try: what was found, what is left, which taps were ordinary — never a bare "sai"', () => {
    const html = renderToStaticMarkup(<PracticeFeedback view={spot} result={result({ kind: 'spot', correct: false, found: ['link'], missed: ['sender'], wrong: ['hello'] })} />);
    expect(text(html)).toContain('Chưa đúng hết. Không sao');
    expect(text(html)).toContain('Bác đã tìm đúng 1/2 chỗ đáng ngờ. Còn 1 chỗ bác chưa chạm. 1 chỗ bác chọn là bình thường.');
    expect(html).not.toMatch(/\bsai\b/i);
    expect(html).toContain('data-correct="false"');
    expect(html).toContain('role="status"');
  });

  it('counts right payments and items in place, and points at the portal’s red messages for a form', () => {
    const pay: PracticeView = { kind: 'pay-check', cases: [] };
    expect(text(renderToStaticMarkup(<PracticeFeedback view={pay} result={result({ kind: 'pay-check', correct: false, cases: [true, false, true] })} />))).toContain('Bác chọn đúng 2/3 lần trả tiền');
    const order: PracticeView = { kind: 'order', items: [], why: bi('because') };
    expect(text(renderToStaticMarkup(<PracticeFeedback view={order} result={result({ kind: 'order', correct: false, inPlace: [true, false, false, true] })} />))).toContain('2/4 bước đã đúng chỗ');
    const form: PracticeView = { kind: 'form', title: bi('t'), sample: { title: bi('s'), rows: [] }, fields: [], why: bi('the portal checks') };
    expect(text(renderToStaticMarkup(<PracticeFeedback view={form} result={result({ kind: 'form', correct: false, failed: [] })} />))).toContain('Cổng báo lỗi ở các ô có chữ đỏ');
  });

  it('says well done with the reason after a right try', () => {
    const order: PracticeView = { kind: 'order', items: [], why: bi('Đăng ký ở Công an trước') };
    const html = renderToStaticMarkup(<PracticeFeedback view={order} result={result({ kind: 'order', correct: true, inPlace: [true, true, true] })} />);
    expect(text(html)).toContain('Đúng rồi! Bác làm rất tốt.');
    expect(text(html)).toContain('Đăng ký ở Công an trước');
    expect(html).toContain('data-correct="true"');
  });
});
