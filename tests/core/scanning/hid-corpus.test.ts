import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeKeyboardReports } from '../../../electron/core/scanning/boot-keyboard';
import { parseHexReports } from '../../../electron/core/scanning/hex-reports';
import { HidPosAssembler, type PosFlushResult, type PosPushResult } from '../../../electron/core/scanning/hid-pos-assembler';
import type { PosLayoutName } from '../../../electron/core/scanning/hid-pos-layout';

// Byte-exact report captures (FAKE persons), each with the outcomes it must produce, in order.
const DIR = join(import.meta.dirname, '../../fixtures/hid');
type Outcome = { ok: true; text: string } | { ok: false; code: string };
type Case = { mode: 'pos' | 'keyboard'; layout?: PosLayoutName | 'auto'; expect: Outcome[] };
const manifest = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as { cases: Record<string, Case> };
const files = readdirSync(DIR).filter((name) => name.endsWith('.hex'));

function outcomesOf(file: string, spec: Case): Outcome[] {
  const capture = parseHexReports(readFileSync(join(DIR, file), 'utf8'));
  if (!capture.ok) return [{ ok: false, code: capture.code }];
  if (spec.mode === 'keyboard') {
    const result = decodeKeyboardReports(capture.reports.map((r) => r.bytes));
    return [result.ok ? { ok: true, text: result.text } : { ok: false, code: result.code }];
  }
  const assembler = new HidPosAssembler({ layout: spec.layout ?? 'auto' });
  const outcomes: Outcome[] = [];
  const note = (result: PosPushResult | PosFlushResult): void => {
    if (result.kind === 'scan') outcomes.push({ ok: true, text: result.text });
    if (result.kind === 'error') outcomes.push({ ok: false, code: result.code });
  };
  for (const { bytes, atMs } of capture.reports) {
    note(assembler.flush(atMs));
    note(assembler.push(bytes, atMs));
  }
  note(assembler.end());
  return outcomes;
}

describe('HID report corpus', () => {
  it('has a manifest entry for every capture', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(files.sort()).toEqual(Object.keys(manifest.cases).sort());
  });

  it.each(files)('%s', (file) => {
    const spec = manifest.cases[file]!;
    expect(outcomesOf(file, spec)).toEqual(spec.expect);
  });
});
