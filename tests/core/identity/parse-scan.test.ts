import { describe, expect, it } from 'vitest';
import { learnerKeySubject, parseScan } from '../../../electron/core/identity/parse-scan';

const NOW = Date.UTC(2026, 2, 1);
const SEVEN = '079195000000|025000000|Nguyễn Thị Mẫu|01011995|Nữ|Số 1 Đường Thử Nghiệm|15042021';

describe('parseScan', () => {
  it('returns an ID card as kind cccd', () => {
    const result = parseScan(SEVEN, { nowMs: NOW });
    expect(result.ok && result.value).toMatchObject({ kind: 'cccd', id: '079195000000', gender: 'nu' });
  });

  it('returns a learner card as kind card', () => {
    expect(parseScan('TRAMHS1:ABCDEFGHIJKLMNOP\n', { nowMs: NOW })).toEqual({ ok: true, value: { kind: 'card', cardId: 'ABCDEFGHIJKLMNOP' } });
  });

  it('sends anything with a TRAMHS prefix to the card parser, never to the ID parser', () => {
    const result = parseScan(`TRAMHS9:${SEVEN}`, { nowMs: NOW });
    expect(result.ok ? 'ok' : result.code).toBe('bad_card');
  });

  it('refuses 100 KB of garbage cheaply, before any work', () => {
    const garbage = '|\u00c3\u00a1'.repeat(34_000);
    const started = performance.now();
    for (let i = 0; i < 1_000; i += 1) {
      const result = parseScan(garbage, { nowMs: NOW });
      expect(result.ok ? 'ok' : result.code).toBe('too_long');
    }
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('learnerKeySubject', () => {
  it('prefixes ID numbers and card ids so the two can never collide', () => {
    const card = parseScan(SEVEN, { nowMs: NOW });
    const printed = parseScan('TRAMHS1:ABCDEFGHIJKLMNOP', { nowMs: NOW });
    expect(card.ok && learnerKeySubject(card.value)).toBe('cccd:079195000000');
    expect(printed.ok && learnerKeySubject(printed.value)).toBe('card:ABCDEFGHIJKLMNOP');
  });

  it('gives the same subject for the same card however it was scanned', () => {
    const variants = [SEVEN, `]Q1${SEVEN}\r\n`, SEVEN.normalize('NFD'), SEVEN.replace('|025000000|', '||')];
    const subjects = variants.map((text) => {
      const result = parseScan(text, { nowMs: NOW });
      return result.ok ? learnerKeySubject(result.value) : result.code;
    });
    expect(new Set(subjects)).toEqual(new Set(['cccd:079195000000']));
  });
});
