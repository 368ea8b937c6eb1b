import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BootKeyboardDecoder, decodeKeyboardReports, encodeKeyboardReports } from '../../../electron/core/scanning/boot-keyboard';

const report = (...bytes: number[]) => Uint8Array.from([...bytes, ...new Array<number>(8 - bytes.length).fill(0)]);
const RELEASE = report();

describe('BootKeyboardDecoder', () => {
  it('decodes the node-hid issue #323 style dump: press, release, …, Enter', () => {
    const reports = [0x23, 0x26, 0x22, 0x25, 0x21, 0x1f].flatMap((usage) => [report(0, 0, usage), RELEASE]);
    reports.push(report(0, 0, 0x28), RELEASE);
    expect(decodeKeyboardReports(reports)).toEqual({ ok: true, text: '695842\n', dropped: 0 });
  });

  it('types a held key once and again only after it was released', () => {
    const decoder = new BootKeyboardDecoder();
    expect(decoder.push(report(0, 0, 0x04))).toMatchObject({ text: 'a' });
    expect(decoder.push(report(0, 0, 0x04))).toMatchObject({ text: '' });
    expect(decoder.push(report(0, 0, 0x04, 0x05))).toMatchObject({ text: 'b' });
    expect(decoder.push(report(0, 0, 0x05, 0x04))).toMatchObject({ text: '' }); // same keys, other slots
    expect(decoder.push(RELEASE)).toMatchObject({ text: '' });
    expect(decoder.push(report(0, 0, 0x04))).toMatchObject({ text: 'a' });
  });

  it('applies either Shift and drops Ctrl/Alt/GUI strokes and keys with no character', () => {
    expect(decodeKeyboardReports([report(0x02, 0, 0x31), RELEASE, report(0x20, 0, 0x1f), RELEASE])).toEqual({ ok: true, text: '|@', dropped: 0 });
    expect(decodeKeyboardReports([report(0x01, 0, 0x06), RELEASE, report(0x40, 0, 0x06), RELEASE, report(0x08, 0, 0x06), RELEASE, report(0, 0, 0x3a), RELEASE])).toEqual({ ok: true, text: '', dropped: 4 });
  });

  it('ignores ErrorRollOver phantom reports without touching the key state', () => {
    const decoder = new BootKeyboardDecoder();
    decoder.push(report(0, 0, 0x04));
    expect(decoder.push(report(0, 0, 1, 1, 1, 1, 1, 1))).toEqual({ ok: true, text: '', dropped: 0 });
    expect(decoder.push(report(0, 0, 0x04))).toMatchObject({ text: '' });
  });

  it('refuses a report that is not 8 bytes and keeps its state', () => {
    const decoder = new BootKeyboardDecoder();
    decoder.push(report(0, 0, 0x04));
    expect(decoder.push(new Uint8Array(9))).toMatchObject({ ok: false, code: 'bad_report_length' });
    expect(decoder.push(report(0, 0, 0x04))).toMatchObject({ text: '' }); // still held
    decoder.reset();
    expect(decoder.push(report(0, 0, 0x04))).toMatchObject({ text: 'a' });
  });

  it('reads keypad digits and keypad Enter', () => {
    const reports = [0x62, 0x59, 0x61, 0x58].flatMap((usage) => [report(0, 0, usage), RELEASE]);
    expect(decodeKeyboardReports(reports)).toMatchObject({ text: '019\n' });
  });
});

describe('encodeKeyboardReports', () => {
  it('produces the reference §2.1 worked example byte for byte', () => {
    const hex = encodeKeyboardReports('079|N\n').map((r) => Buffer.from(r).toString('hex'));
    expect(hex).toEqual([
      '0000270000000000', '0000000000000000', '0000240000000000', '0000000000000000', '0000260000000000', '0000000000000000',
      '0200310000000000', '0000000000000000', '0200110000000000', '0000000000000000', '0000280000000000', '0000000000000000',
    ]);
  });

  it('drops what a wedge cannot type, like the scanner would', () => {
    const decoded = decodeKeyboardReports(encodeKeyboardReports('Nguyễn Thị|Nữ'));
    expect(decoded).toMatchObject({ ok: true, text: 'Nguyn Th|N' });
  });

  it('round-trips every printable ASCII string', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 }), (text) => {
        expect(decodeKeyboardReports(encodeKeyboardReports(text))).toEqual({ ok: true, text, dropped: 0 });
      }),
      { numRuns: 1_000 },
    );
  });
});
