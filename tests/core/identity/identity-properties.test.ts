import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IdentityErrorCode } from '../../../electron/core/identity/identity-error';
import { canonicalIdNumber } from '../../../electron/core/identity/id-number';
import { learnerKeySubject, parseScan } from '../../../electron/core/identity/parse-scan';

// Property tests: whatever a scanner delivers, parsing returns a typed result and never throws.
const NOW = Date.UTC(2026, 2, 1);
const CODES: ReadonlySet<IdentityErrorCode> = new Set<IdentityErrorCode>([
  'empty', 'too_long', 'not_id_card', 'field_count', 'bad_layout', 'bad_id_format', 'bad_name', 'bad_date',
  'future_date', 'issue_before_birth', 'bad_gender', 'id_birth_mismatch', 'id_gender_mismatch', 'bad_card',
]);
const VALID = [
  '079195000000|025000000|Nguyễn Thị Mẫu|01011995|Nữ|Số 1 Đường Thử Nghiệm, Phường Mẫu, TP. Hồ Chí Minh|15042021',
  '001203000000||Trần Văn Thử|20052003|Nam|Thôn Giả Định, Xã Ví Dụ, Huyện Mẫu, Hà Nội|10072021',
  '001203000000|Trần Văn Thử|20052003|Nam|Thôn Giả Định, Xã Ví Dụ, Hà Nội|10072021',
  '001312000000||Lê Thị Bé|03032012|Nữ|Xã Ví Dụ, Hà Nội|05082024|Lê Văn Giả|Phạm Thị Mẫu',
  'TRAMHS1:ABCDEFGHIJKLMNOP',
];

function assertTyped(text: string, source: 'scanner' | 'keyboard-wedge' = 'scanner'): void {
  const result = parseScan(text, { nowMs: NOW, source });
  if (result.ok) {
    expect(['cccd', 'card']).toContain(result.value.kind);
    expect(learnerKeySubject(result.value)).toMatch(/^(?:cccd:\d{12}|card:[A-Z2-7]{16})$/);
    if (result.value.kind === 'cccd') {
      expect(canonicalIdNumber(result.value.id)).toEqual({ ok: true, value: result.value.id });
      expect(result.value.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(result.value.name).toBe(result.value.name.normalize('NFC'));
    }
  } else {
    expect(CODES.has(result.code)).toBe(true);
    expect(typeof result.message).toBe('string');
  }
}

// Mutations a real scan path can apply: drop, duplicate or replace a character; splice noise in.
const mutated = fc
  .tuple(
    fc.constantFrom(...VALID),
    fc.array(
      fc.tuple(fc.constantFrom('drop', 'dup', 'replace', 'insert'), fc.nat(), fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom('|', '/', '\r\n', '\uFEFF', ']Q1', 'Ã', '»', '\u0303'))),
      { maxLength: 6 },
    ),
  )
  .map(([base, edits]) => {
    let text = base;
    for (const [kind, at, noise] of edits) {
      const i = at % (text.length + 1);
      if (kind === 'drop') text = text.slice(0, i) + text.slice(i + 1);
      else if (kind === 'dup') text = text.slice(0, i) + text.charAt(i) + text.slice(i);
      else if (kind === 'replace') text = text.slice(0, i) + noise + text.slice(i + 1);
      else text = text.slice(0, i) + noise + text.slice(i);
    }
    return text;
  });

// Payloads with the right shape and random field contents, to reach the deeper checks.
const shaped = fc
  .tuple(
    fc.stringMatching(/^\d{12}$/),
    fc.constantFrom('', '025000000', '079095000000', 'x'),
    fc.oneof(fc.constant('Nguyễn Văn A'), fc.string({ maxLength: 12 })),
    fc.oneof(fc.stringMatching(/^\d{8}$/), fc.stringMatching(/^\d{2}\/\d{2}\/\d{4}$/)),
    fc.constantFrom('Nam', 'Nữ', 'nu', 'N', ''),
    fc.string({ maxLength: 20 }),
    fc.oneof(fc.stringMatching(/^\d{8}$/), fc.constant('')),
    fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
  )
  .map(([id, old, name, birth, gender, address, issue, extra]) => [id, old, name, birth, gender, address, issue, ...extra].join('|'));

describe('parseScan never throws', () => {
  it('on arbitrary unicode strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => assertTyped(text)), { numRuns: 2_500 });
  });

  it('on arbitrary UTF-16, lone surrogates included', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => assertTyped(text)), { numRuns: 1_500 });
  });

  it('on mutated valid payloads', () => {
    fc.assert(fc.property(mutated, fc.constantFrom('scanner' as const, 'keyboard-wedge' as const), (text, source) => assertTyped(text, source)), { numRuns: 3_000 });
  });

  it('on well-shaped payloads with random fields', () => {
    fc.assert(fc.property(shaped, (text) => assertTyped(text)), { numRuns: 2_000 });
  });

  it('on oversized inputs, always too_long', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 50 }), fc.integer({ min: 2_049, max: 120_000 }), (seed, length) => {
        const result = parseScan(seed.repeat(Math.ceil(length / seed.length)).slice(0, length).padEnd(length, '|'), { nowMs: NOW });
        expect(result.ok ? 'ok' : result.code).toBe('too_long');
      }),
      { numRuns: 200 },
    );
  });
});
