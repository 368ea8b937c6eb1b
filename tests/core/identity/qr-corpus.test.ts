import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScan } from '../../../electron/core/identity/parse-scan';

// Byte-exact QR payloads (FAKE persons), decoded the way the station decodes them: UTF-8, fatal.
const DIR = join(import.meta.dirname, '../../fixtures/qr');
type Expected = { ok: true; value: Record<string, unknown> } | { ok: false; code: string };
const manifest = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as { nowIso: string; cases: Record<string, Expected> };
const nowMs = Date.parse(manifest.nowIso);
const files = readdirSync(DIR).filter((name) => name.endsWith('.txt'));

describe('QR payload corpus', () => {
  it('has at least 30 payloads, each with an expected result', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files.sort()).toEqual(Object.keys(manifest.cases).sort());
  });

  it.each(files)('%s', (file) => {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(readFileSync(join(DIR, file)));
    const expected = manifest.cases[file];
    const result = parseScan(text, { nowMs });
    if (expected?.ok) {
      expect(result).toEqual({ ok: true, value: expected.value });
    } else {
      expect(result.ok ? 'ok' : result.code).toBe(expected?.code);
    }
  });
});
