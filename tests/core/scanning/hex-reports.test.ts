import { describe, expect, it } from 'vitest';
import { formatHexReports, parseHexReports } from '../../../electron/core/scanning/hex-reports';

describe('parseHexReports', () => {
  it('reads one report per line with comments, separators and times', () => {
    const result = parseHexReports('# capture\n@10 02 0A:ff\n\n00,01  # trailing comment\r\n@250 ab\n');
    expect(result.ok && result.reports.map((r) => [Array.from(r.bytes), r.atMs])).toEqual([
      [[0x02, 0x0a, 0xff], 10],
      [[0x00, 0x01], 10],
      [[0xab], 250],
    ]);
  });

  it('names the first bad line', () => {
    expect(parseHexReports('00 01\n0 1 2\n')).toMatchObject({ ok: false, code: 'bad_hex', line: 2 });
    expect(parseHexReports('zz')).toMatchObject({ ok: false, code: 'bad_hex', line: 1 });
    expect(parseHexReports('@5\n')).toMatchObject({ ok: false, code: 'bad_hex', line: 1 });
  });

  it('round-trips with formatHexReports', () => {
    const reports = [Uint8Array.from([0, 1, 254, 255]), Uint8Array.from([16])];
    const parsed = parseHexReports(formatHexReports(reports));
    expect(parsed.ok && parsed.reports.map((r) => Array.from(r.bytes))).toEqual([[0, 1, 254, 255], [16]]);
  });
});
