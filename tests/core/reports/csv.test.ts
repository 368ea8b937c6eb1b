import { describe, expect, it } from 'vitest';
import { csvField, toCsv, UTF8_BOM } from '../../../electron/core/reports/csv';

describe('csvField', () => {
  it('quotes every field and doubles quotes', () => {
    expect(csvField('Nguyễn Văn An')).toBe('"Nguyễn Văn An"');
    expect(csvField('Bà "Tư"')).toBe('"Bà ""Tư"""');
    expect(csvField('a,b\r\nc')).toBe('"a,b\r\nc"');
    expect(csvField('')).toBe('""');
    expect(csvField(null)).toBe('""');
    expect(csvField(undefined)).toBe('""');
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x","bấm")')).toBe('"\'=HYPERLINK(""http://x"",""bấm"")"');
    expect(csvField('+84912345678')).toBe('"\'+84912345678"');
    expect(csvField('-1+1')).toBe('"\'-1+1"');
    expect(csvField('@SUM(A1)')).toBe('"\'@SUM(A1)"');
    expect(csvField('\t=1')).toBe('"\'\t=1"');
    expect(csvField('An = Bình')).toBe('"An = Bình"');
  });

  it('writes numbers as numbers, negative ones included', () => {
    expect(csvField(1945)).toBe('"1945"');
    expect(csvField(-3)).toBe('"-3"');
    expect(csvField(Number.NaN)).toBe('""');
  });
});

describe('toCsv', () => {
  it('starts with a UTF-8 BOM and ends every row with CRLF', () => {
    const text = toCsv([
      ['STT', 'Họ và tên'],
      [1, 'Trần Thị Lan'],
    ]);
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    expect(text).toBe('\uFEFF"STT","Họ và tên"\r\n"1","Trần Thị Lan"\r\n');
    expect([...Buffer.from(text, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
