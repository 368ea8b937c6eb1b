import { describe, expect, it } from 'vitest';
import { encodePosReports, posLayoutForLength, posReportLength, readPosReport } from '../../../electron/core/scanning/hid-pos-layout';
import { encodeUtf8 } from '../../../electron/core/scanning/utf8';

// FAKE 2021 payload of reference §1.3: 135 UTF-8 bytes, i.e. 3 reports of up to 56 bytes.
const S1 = '079195000000|025000000|Nguyễn Thị Mẫu|01011995|Nữ|Số 1 Đường Thử Nghiệm, Phường Mẫu, TP. Hồ Chí Minh|15042021';

describe('encodePosReports', () => {
  it('writes the Honeywell 64-byte layout: ID, length, AIM ID, data, flags', () => {
    const bytes = encodeUtf8(S1);
    expect(bytes.length).toBe(135);
    const reports = encodePosReports(bytes, 'honeywell-64');
    expect(reports.map((r) => [r.length, r[0], r[1], r[63]])).toEqual([
      [64, 2, 56, 1],
      [64, 2, 56, 1],
      [64, 2, 23, 0],
    ]);
    expect(String.fromCharCode(...reports[0]!.subarray(2, 5))).toBe(']Q1');
    expect(Array.from(reports[2]!.subarray(5 + 23, 61)).every((b) => b === 0)).toBe(true);
  });

  it('writes the generic 61-byte layout: ID, AIM ID, data, flags', () => {
    const reports = encodePosReports(encodeUtf8('ABC'), 'generic-61', { symbology: ']Q2' });
    expect(reports).toHaveLength(1);
    const r = reports[0]!;
    expect([r.length, r[0], String.fromCharCode(...r.subarray(1, 4)), String.fromCharCode(...r.subarray(4, 7)), r[7], r[60]]).toEqual([61, 2, ']Q2', 'ABC', 0, 0]);
  });

  it('knows the layouts by length', () => {
    expect([posReportLength('honeywell-64'), posReportLength('generic-61')]).toEqual([64, 61]);
    expect([posLayoutForLength(64), posLayoutForLength(61), posLayoutForLength(8)]).toEqual(['honeywell-64', 'generic-61', undefined]);
  });
});

describe('readPosReport', () => {
  it('reads back what was encoded', () => {
    for (const layout of ['honeywell-64', 'generic-61'] as const) {
      const [first, second] = encodePosReports(encodeUtf8('x'.repeat(60)), layout);
      expect(readPosReport(first!, layout)).toMatchObject({ ok: true, more: true });
      const last = readPosReport(second!, layout);
      expect(last.ok && [last.more, last.data.length]).toEqual([false, 4]);
    }
  });

  it('refuses wrong sizes, other report IDs and impossible length bytes', () => {
    const report = encodePosReports(encodeUtf8('abc'), 'honeywell-64')[0]!;
    expect(readPosReport(report.subarray(0, 63), 'honeywell-64')).toMatchObject({ ok: false, code: 'bad_report_length' });
    expect(readPosReport(Uint8Array.from(report, (b, i) => (i === 0 ? 3 : b)), 'honeywell-64')).toMatchObject({ ok: false, code: 'not_scan_report' });
    expect(readPosReport(Uint8Array.from(report, (b, i) => (i === 1 ? 57 : b)), 'honeywell-64')).toMatchObject({ ok: false, code: 'bad_data_length' });
  });
});
