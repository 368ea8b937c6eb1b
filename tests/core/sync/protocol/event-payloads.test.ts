import { describe, expect, it } from 'vitest';
import { checkEventPayload, eventKinds } from '../../../../electron/core/sync/protocol/event-payloads';
import { flagPayload } from '../../../../electron/core/sync/protocol/payload-flags';
import { canonicalJson } from '../../../../electron/core/sync/protocol/canonical-json';

const attempt = { learner_key: 'a'.repeat(64), visit_id: 'v-1', lesson_id: 'mat-khau-otp', lesson_version: 3, step: 'p1', kind: 'spot', correct: true, attempt: 1 };

describe('practice.attempted (issue #19)', () => {
  it('is an event kind with a strict payload: step, kind, right or not, attempt number', () => {
    expect(eventKinds).toContain('practice.attempted');
    expect(checkEventPayload('practice.attempted', attempt)).toEqual({ ok: true });
    for (const kind of ['spot', 'pay-check', 'order', 'form']) expect(checkEventPayload('practice.attempted', { ...attempt, kind })).toEqual({ ok: true });
  });

  it.each([
    ['the answer itself', { ...attempt, answer: ['link'] }, /unrecognized|Unrecognized/],
    ['typed text', { ...attempt, text: 'mật khẩu' }, /Unrecognized|unrecognized/],
    ['a name', { ...attempt, name: 'Nguyễn Văn An' }, /Unrecognized|unrecognized/],
    ['a step that is not a practice step', { ...attempt, step: 's3' }, /^step:/],
    ['a free-text step', { ...attempt, step: 'p1 đã làm đúng' }, /^step:/],
    ['an unknown kind', { ...attempt, kind: 'essay' }, /^kind:/],
    ['"correct" as a word', { ...attempt, correct: 'yes' }, /^correct:/],
    ['attempt 0', { ...attempt, attempt: 0 }, /^attempt:/],
    ['a fractional attempt', { ...attempt, attempt: 1.5 }, /^attempt:/],
    ['a raw ID number as learner key', { ...attempt, learner_key: '022160012345' }, /^learner_key:/],
  ])('refuses %s at the station', (_name, payload, reason) => {
    const check = checkEventPayload('practice.attempted', payload);
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.reason).toMatch(reason);
  });

  it('is stored flagged by the hub when a payload carries personal data, and unflagged when it does not', () => {
    expect(flagPayload('practice.attempted', canonicalJson(attempt)).flags).toEqual([]);
    const flags = flagPayload('practice.attempted', canonicalJson({ ...attempt, name: 'An', note: '022160012345' })).flags;
    expect(flags).toContain('personal_data_suspected');
    expect(flags).toContain('payload_unknown_field:name');
  });
});
