import { describe, expect, it } from 'vitest';
import { cleanQrText, repairMojibake } from '../../../electron/core/identity/qr-text';

// What a scanner shows when it decodes UTF-8 bytes with Windows-1252 / Latin-1.
function asMojibake(text: string): string {
  return Array.from(Buffer.from(text, 'utf8'), (byte) => {
    const cp1252 = Buffer.from([byte]).toString('latin1');
    const table: Record<number, string> = { 0x85: '…', 0x80: '€', 0x93: '“', 0x94: '”', 0x99: '™', 0x9c: 'œ', 0x8c: 'Œ' };
    return table[byte] ?? cp1252;
  }).join('');
}

describe('repairMojibake', () => {
  it('repairs UTF-8 shown as Windows-1252 (the "Nguyá»…n" case of reference §1.3)', () => {
    expect(repairMojibake('Nguyá»…n Thá»‹ Máº«u')).toBe('Nguyễn Thị Mẫu');
  });

  it('repairs UTF-8 shown as pure Latin-1, C1 controls included', () => {
    const latin1 = Buffer.from('Đường Phường', 'utf8').toString('latin1');
    expect(repairMojibake(latin1)).toBe('Đường Phường');
    expect(repairMojibake(asMojibake('Hồ Chí Minh'))).toBe('Hồ Chí Minh');
  });

  it('leaves real Vietnamese text alone', () => {
    for (const text of ['XÃ VÍ DỤ', 'Nguyễn Thị Mẫu', 'PHƯỜNG BẾN NGHÉ', 'CÀ MAU', 'Thôn Â', 'TRÀ VINH']) expect(repairMojibake(text)).toBeNull();
  });
});

describe('cleanQrText', () => {
  it('strips scanner noise at the ends only', () => {
    expect(cleanQrText('\uFEFF]Q1a|b\tc\r\n').text).toBe('a|b\tc');
    expect(cleanQrText(']E0abc').text).toBe('abc');
    expect(cleanQrText('abc]Q1').text).toBe('abc]Q1');
  });

  it('normalises to NFC and reports a mojibake repair', () => {
    const result = cleanQrText(`${asMojibake('Nguyễn')}\r\n`);
    expect(result).toEqual({ text: 'Nguyễn', repairedMojibake: true });
    expect(cleanQrText('Nguye\u0302\u0303n').text).toBe('Nguyễn');
  });
});
