import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BootKeyboardDecoder } from '../../../electron/core/scanning/boot-keyboard';
import { parseHexReports } from '../../../electron/core/scanning/hex-reports';
import { HidPosAssembler, type PosFlushResult, type PosPushResult } from '../../../electron/core/scanning/hid-pos-assembler';
import { encodePosReports } from '../../../electron/core/scanning/hid-pos-layout';
import type { ScanningErrorCode } from '../../../electron/core/scanning/scanning-error';
import { encodeUtf8 } from '../../../electron/core/scanning/utf8';
import { detectWedgeScans } from '../../../electron/core/scanning/wedge-burst';

// Whatever arrives from USB, the decoders return typed results and never throw.
const CODES: ReadonlySet<ScanningErrorCode> = new Set<ScanningErrorCode>([
  'bad_report_length', 'not_scan_report', 'bad_data_length', 'truncated', 'overlong', 'invalid_utf8', 'empty_scan', 'bad_hex',
]);

function expectTyped(result: PosPushResult | PosFlushResult): void {
  expect(['scan', 'partial', 'error', 'idle']).toContain(result.kind);
  if (result.kind === 'error') expect(CODES.has(result.code)).toBe(true);
}

const layout = fc.constantFrom('honeywell-64' as const, 'generic-61' as const);
// Reports that look real (right size, report ID 2) but carry random bytes, mixed with odd sizes.
const report = fc.oneof(
  fc.uint8Array({ minLength: 64, maxLength: 64 }).map((r) => Uint8Array.from(r, (b, i) => (i === 0 ? 2 : b))),
  fc.uint8Array({ minLength: 61, maxLength: 61 }).map((r) => Uint8Array.from(r, (b, i) => (i === 0 ? 2 : b))),
  fc.uint8Array({ maxLength: 70 }),
);

describe('HidPosAssembler never throws', () => {
  it('on random report streams with random timing', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(report, fc.nat({ max: 1_000 })), { maxLength: 12 }), fc.constantFrom('auto' as const, 'honeywell-64' as const, 'generic-61' as const), (stream, chosen) => {
        const assembler = new HidPosAssembler({ layout: chosen, maxBytes: 200 });
        let now = 0;
        for (const [bytes, gap] of stream) {
          now += gap;
          expectTyped(assembler.flush(now));
          expectTyped(assembler.push(bytes, now));
        }
        expectTyped(assembler.end());
        expect(assembler.hasPartial).toBe(false);
      }),
      { numRuns: 2_000 },
    );
  });

  it('on mutated encodings of real text: a flipped byte yields the text, another text, or a typed error', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 150 }), layout, fc.nat(), fc.nat({ max: 255 }), (text, chosen, at, value) => {
        const reports = encodePosReports(encodeUtf8(text), chosen);
        const target = reports[at % reports.length]!;
        target[Math.floor(at / reports.length) % target.length] = value;
        const assembler = new HidPosAssembler({ layout: chosen });
        const results = reports.map((r, i) => assembler.push(r, i));
        results.forEach(expectTyped);
        expectTyped(assembler.end());
      }),
      { numRuns: 1_500 },
    );
  });

  it('round-trips any text through either layout', () => {
    fc.assert(
      // The 61-byte layout has no length byte: trailing NULs are padding by definition (see hid-pos-layout).
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 400 }).filter((t) => !t.endsWith('\u0000')), layout, (text, chosen) => {
        const assembler = new HidPosAssembler();
        const results = encodePosReports(encodeUtf8(text), chosen).map((r, i) => assembler.push(r, i * 10));
        expect(results.at(-1)).toMatchObject({ kind: 'scan', text });
        expect(results.slice(0, -1).every((r) => r.kind === 'partial')).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('other decoders never throw', () => {
  it('BootKeyboardDecoder on random reports', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.uint8Array({ minLength: 8, maxLength: 8 }), fc.uint8Array({ maxLength: 12 })), { maxLength: 20 }), (reports) => {
        const decoder = new BootKeyboardDecoder();
        for (const r of reports) {
          const result = decoder.push(r);
          if (result.ok) expect(typeof result.text).toBe('string');
          else expect(result.code).toBe('bad_report_length');
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('parseHexReports on random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const result = parseHexReports(text);
        if (!result.ok) expect(result.code).toBe('bad_hex');
      }),
      { numRuns: 1_000 },
    );
  });

  it('detectWedgeScans on random key streams; scans are bursts of at least 6 characters', () => {
    const key = fc.oneof(fc.string({ minLength: 1, maxLength: 1 }), fc.constantFrom('Enter', 'Tab', 'Shift', 'Backspace'));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.nat({ max: 200 })), { maxLength: 40 }), (keys) => {
        let now = 0;
        const events = keys.map(([k, gap]) => ({ key: k, timeMs: (now += gap) }));
        for (const scan of detectWedgeScans(events)) expect([...scan].length).toBeGreaterThanOrEqual(6);
      }),
      { numRuns: 1_000 },
    );
  });
});
