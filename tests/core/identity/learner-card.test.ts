import { describe, expect, it } from 'vitest';
import {
  CARD_ID_LENGTH,
  formatLearnerCardPayload,
  LEARNER_CARD_PREFIX,
  newLearnerCardId,
  parseLearnerCard,
} from '../../../electron/core/identity/learner-card';

const fixedBytes = (values: number[]) => (length: number) => Uint8Array.from(values.slice(0, length));

describe('newLearnerCardId', () => {
  it('encodes 10 random bytes as 16 RFC 4648 base32 characters', () => {
    expect(newLearnerCardId(fixedBytes([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toEqual({ ok: true, value: 'AAAAAAAAAAAAAAAA' });
    expect(newLearnerCardId(fixedBytes([255, 255, 255, 255, 255, 255, 255, 255, 255, 255]))).toEqual({ ok: true, value: '7777777777777777' });
    // RFC 4648 test vector: "fooba" → MZXW6YTB, twice.
    const fooba = [...Buffer.from('foobafooba')];
    expect(newLearnerCardId(fixedBytes(fooba))).toEqual({ ok: true, value: 'MZXW6YTBMZXW6YTB' });
  });

  it('refuses a random source that returns the wrong number of bytes', () => {
    const result = newLearnerCardId(() => new Uint8Array(4));
    expect(result.ok ? 'ok' : result.code).toBe('bad_card');
  });

  it('round-trips through the printed payload', () => {
    const id = newLearnerCardId((n) => Uint8Array.from({ length: n }, (_, i) => i * 37));
    expect(id.ok).toBe(true);
    if (!id.ok) return;
    expect(id.value).toHaveLength(CARD_ID_LENGTH);
    const payload = formatLearnerCardPayload(id.value);
    expect(payload).toEqual({ ok: true, value: `${LEARNER_CARD_PREFIX}${id.value}` });
    if (payload.ok) expect(parseLearnerCard(payload.value)).toEqual({ ok: true, value: { kind: 'card', cardId: id.value } });
  });
});

describe('parseLearnerCard', () => {
  it('forgives case and scanner noise', () => {
    expect(parseLearnerCard(']Q1tramhs1:abcdefghijklmnop\r\n')).toEqual({ ok: true, value: { kind: 'card', cardId: 'ABCDEFGHIJKLMNOP' } });
  });

  it('refuses anything beyond the card id: a card cannot carry volunteer rights', () => {
    for (const text of [
      'TRAMHS1:ABCDEFGHIJKLMNOP;role=volunteer',
      'TRAMHS1:ABCDEFGHIJKLMNOP|volunteer',
      'TRAMHS1:ABCDEFGHIJKLMNOPQ',
      'TRAMHS1:ABCDEFGHIJKLMNO',
      'TRAMHS1:ABCDEFGHIJKLMN01', // 0 and 1 are not base32
      'TRAMHS2:ABCDEFGHIJKLMNOP',
      'TRAMHS1: ABCDEFGHIJKLMNOP',
    ]) {
      const result = parseLearnerCard(text);
      expect(result.ok ? 'ok' : result.code).toBe('bad_card');
    }
  });

  it('refuses to format a malformed card id', () => {
    const result = formatLearnerCardPayload('abc');
    expect(result.ok ? 'ok' : result.code).toBe('bad_card');
  });
});
