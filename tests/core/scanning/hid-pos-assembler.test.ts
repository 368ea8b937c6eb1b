import { describe, expect, it } from 'vitest';
import { HidPosAssembler, type PosPushResult } from '../../../electron/core/scanning/hid-pos-assembler';
import { encodePosReports, type PosLayoutName } from '../../../electron/core/scanning/hid-pos-layout';
import { encodeUtf8 } from '../../../electron/core/scanning/utf8';

const S1 = '079195000000|025000000|Nguyễn Thị Mẫu|01011995|Nữ|Số 1 Đường Thử Nghiệm, Phường Mẫu, TP. Hồ Chí Minh|15042021';
const CARD = 'TRAMHS1:ABCDEFGHIJKLMNOP';

function feed(assembler: HidPosAssembler, reports: readonly Uint8Array[], startMs = 0, stepMs = 5): PosPushResult[] {
  return reports.map((report, i) => assembler.push(report, startMs + i * stepMs));
}

describe('HidPosAssembler', () => {
  it.each(['honeywell-64', 'generic-61'] as const)('joins a 3-report scan in the %s layout', (layout: PosLayoutName) => {
    const results = feed(new HidPosAssembler({ layout }), encodePosReports(encodeUtf8(S1), layout));
    expect(results.map((r) => r.kind)).toEqual(['partial', 'partial', 'scan']);
    const last = results[2];
    expect(last?.kind === 'scan' && [last.text, last.bytes.length, last.symbology]).toEqual([S1, 135, ']Q1']);
  });

  it('keeps a multi-byte character split across two reports', () => {
    const text = `${'a'.repeat(55)}ễ tail`; // E1 | BB 85 across the 56-byte boundary
    const reports = encodePosReports(encodeUtf8(text), 'honeywell-64');
    expect(reports[0]![5 + 55]).toBe(0xe1);
    const results = feed(new HidPosAssembler(), reports);
    expect(results.at(-1)).toMatchObject({ kind: 'scan', text });
  });

  it('auto-detects the layout from the report length', () => {
    const assembler = new HidPosAssembler();
    expect(feed(assembler, encodePosReports(encodeUtf8(CARD), 'generic-61')).at(-1)).toMatchObject({ kind: 'scan', text: CARD });
    expect(feed(assembler, encodePosReports(encodeUtf8(CARD), 'honeywell-64')).at(-1)).toMatchObject({ kind: 'scan', text: CARD });
  });

  it('times out a partial scan 300 ms after its latest report', () => {
    const assembler = new HidPosAssembler();
    const [first, second] = encodePosReports(encodeUtf8(S1), 'honeywell-64');
    assembler.push(first!, 1_000);
    expect(assembler.partialDeadline()).toBe(1_300);
    assembler.push(second!, 1_250);
    expect(assembler.flush(1_400)).toEqual({ kind: 'partial' });
    expect(assembler.flush(1_551)).toMatchObject({ kind: 'error', code: 'truncated' });
    expect(assembler.hasPartial).toBe(false);
    expect(assembler.flush(2_000)).toEqual({ kind: 'idle' });
  });

  it('never glues a stale partial onto the next scan', () => {
    const assembler = new HidPosAssembler();
    assembler.push(encodePosReports(encodeUtf8(S1), 'honeywell-64')[0]!, 0);
    const result = assembler.push(encodePosReports(encodeUtf8(CARD), 'honeywell-64')[0]!, 301);
    expect(result).toMatchObject({ kind: 'scan', text: CARD });
    expect(assembler.stalePartialsDropped).toBe(1);
  });

  it('reports a stream that ends mid-scan as truncated', () => {
    const assembler = new HidPosAssembler();
    feed(assembler, encodePosReports(encodeUtf8(S1), 'honeywell-64').slice(0, 2));
    expect(assembler.end()).toMatchObject({ kind: 'error', code: 'truncated' });
    expect(assembler.end()).toEqual({ kind: 'idle' });
  });

  it('fails invalid UTF-8 as a whole, then carries on', () => {
    const assembler = new HidPosAssembler();
    expect(feed(assembler, encodePosReports(Uint8Array.from([0x41, 0xc3, 0x28]), 'honeywell-64'))).toEqual([
      { kind: 'error', code: 'invalid_utf8', message: expect.any(String) },
    ]);
    expect(feed(assembler, encodePosReports(encodeUtf8(CARD), 'honeywell-64')).at(-1)).toMatchObject({ kind: 'scan', text: CARD });
  });

  it('fails an overlong stream once, at its end, and swallows its tail', () => {
    const assembler = new HidPosAssembler({ maxBytes: 100 });
    const results = feed(assembler, encodePosReports(encodeUtf8('z'.repeat(300)), 'honeywell-64'));
    expect(results.map((r) => (r.kind === 'error' ? r.code : r.kind))).toEqual(['partial', 'partial', 'partial', 'partial', 'partial', 'overlong']);
    expect(feed(assembler, encodePosReports(encodeUtf8(CARD), 'honeywell-64')).at(-1)).toMatchObject({ kind: 'scan', text: CARD });
  });

  it('refuses bad reports without disturbing a scan in progress', () => {
    const assembler = new HidPosAssembler({ layout: 'honeywell-64' });
    const [first, second] = encodePosReports(encodeUtf8('q'.repeat(70)), 'honeywell-64');
    expect(assembler.push(first!, 0)).toEqual({ kind: 'partial' });
    expect(assembler.push(new Uint8Array(61), 1)).toMatchObject({ kind: 'error', code: 'bad_report_length' });
    expect(assembler.push(Uint8Array.from(second!, (b, i) => (i === 0 ? 4 : b)), 2)).toMatchObject({ kind: 'error', code: 'not_scan_report' });
    expect(assembler.push(Uint8Array.from(second!, (b, i) => (i === 1 ? 200 : b)), 3)).toMatchObject({ kind: 'error', code: 'bad_data_length' });
    expect(assembler.push(second!, 4)).toMatchObject({ kind: 'scan', text: 'q'.repeat(70) });
  });

  it('refuses a scan without data', () => {
    expect(new HidPosAssembler().push(encodePosReports(new Uint8Array(0), 'honeywell-64')[0]!, 0)).toMatchObject({ kind: 'error', code: 'empty_scan' });
  });

  it('accepts a configured report ID', () => {
    const assembler = new HidPosAssembler({ reportId: 0 });
    const [report] = encodePosReports(encodeUtf8(CARD), 'generic-61', { reportId: 0 });
    expect(assembler.push(report!, 0)).toMatchObject({ kind: 'scan', text: CARD });
  });

  it('returns bytes it owns: later reports do not change an emitted scan', () => {
    const assembler = new HidPosAssembler();
    const [report] = encodePosReports(encodeUtf8(CARD), 'honeywell-64');
    const result = assembler.push(report!, 0);
    report!.fill(0x41);
    expect(result.kind === 'scan' && new TextDecoder().decode(result.bytes)).toBe(CARD);
  });
});
