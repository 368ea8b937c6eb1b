import { describe, expect, it } from 'vitest';
import { sentenceRanges, speechScript, spokenSentences } from '../../../electron/core/narration/speech-sentences';

const split = (text: string) => sentenceRanges(text).map(([start, end]) => text.slice(start, end));

describe('sentenceRanges', () => {
  it.each([
    ['Chào bác. Hôm nay học gì? Học VNeID!', ['Chào bác.', 'Hôm nay học gì?', 'Học VNeID!']],
    ['Phí 22.000 đồng. Trang dichvucong.gov.vn. Xong', ['Phí 22.000 đồng.', 'Trang dichvucong.gov.vn.', 'Xong']],
    ['sách, vở, v.v. và bút', ['sách, vở, v.v. và bút']],
    ['Họ nói: “Nhận quà.” Bác không tin.', ['Họ nói: “Nhận quà.”', 'Bác không tin.']],
    ['Từ 1/7/2024. 12 số trên thẻ.', ['Từ 1/7/2024.', '12 số trên thẻ.']],
    ['Dòng một\nDòng hai', ['Dòng một', 'Dòng hai']],
    ['  Có khoảng trắng.   ', ['Có khoảng trắng.']],
  ])('%j', (text, sentences) => {
    expect(split(text)).toEqual(sentences);
  });

  it('gives no sentence for an empty or blank text', () => {
    expect(sentenceRanges('')).toEqual([]);
    expect(sentenceRanges('  \n ')).toEqual([]);
  });
});

describe('spokenSentences', () => {
  it('numbers sentences across parts (a prompt, then its choices) and normalises each', () => {
    const sentences = spokenSentences(['Gọi 113 không? Chọn một.', 'Có', 'Không, gọi 115']);
    expect(sentences.map(({ part, speech }) => [part, speech])).toEqual([
      [0, 'Gọi một một ba không?'],
      [0, 'Chọn một.'],
      [1, 'Có'],
      [2, 'Không, gọi một một năm'],
    ]);
    expect(sentences[1]).toMatchObject({ start: 15, end: 24 });
  });

  it('makes a script of one sentence a line, which changes when any spoken word changes', () => {
    const script = speechScript(spokenSentences(['Một. Hai.']));
    expect(script).toBe('Một.\nHai.');
    expect(speechScript(spokenSentences(['Một. Ba.']))).not.toBe(script);
  });
});
