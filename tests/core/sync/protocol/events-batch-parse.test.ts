// The hub's upload-body parse: the hand-written fast check must take every well-formed batch and must
// never accept, or shape differently, anything the zod schema would not (it falls back to the schema).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEventsBatch, plainBatch } from '../../../../electron/core/sync/protocol/events-batch-parse';
import { eventsBatchSchema, parseWire } from '../../../../electron/core/sync/protocol/wire-schemas';

const HASH = 'ab'.repeat(32);
const event = (seq: number) => ({
  seq,
  event_id: '0190f3e2-7b1c-7a00-8000-000000000001',
  kind: 'attendance.checkin',
  payload: '{"learner_key":"x"}',
  wall_ms: 1_767_000_000_000,
  hlc: '1767000000000-0000',
  boot_id: 'boot',
  mono_ms: 12,
  prev_hash: HASH,
  hash: HASH,
});
const batch = (count = 3) => ({ epoch: 1, first_seq: 1, last_seq: count, prev_hash: HASH, events: Array.from({ length: count }, (_v, i) => event(i + 1)), app_version: '0.1.0' });

/** Values that sit on every edge the schema draws. */
const tricky = fc.constantFrom<unknown>(
  undefined, null, '', 'x', 'x'.repeat(100), 'x'.repeat(101), 'x'.repeat(200), 'x'.repeat(201), 'a\u0000b', 'lone \uD800', 'pair \uD83D\uDE00', 'Trạm',
  0, -0, 1, -1, 1.5, 2 ** 53, 2 ** 53 - 1, -(2 ** 53 - 1), Number.NaN, Number.POSITIVE_INFINITY, true, false, [], {}, HASH, HASH.toUpperCase(), `${HASH}0`,
);
const EVENT_FIELDS = Object.keys(event(1));
const BATCH_FIELDS = Object.keys(batch());

type Edit = { where: 'batch'; field: string; value: unknown } | { where: 'event'; index: number; field: string; value: unknown } | { where: 'drop'; field: string };

/** One edit per body, so that a single field the fast check judges wrongly cannot hide behind another. */
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ where: fc.constant('batch' as const), field: fc.constantFrom(...BATCH_FIELDS, 'extra'), value: tricky }),
  fc.record({ where: fc.constant('event' as const), index: fc.nat(2), field: fc.constantFrom(...EVENT_FIELDS, 'extra'), value: tricky }),
  fc.record({ where: fc.constant('drop' as const), field: fc.constantFrom(...EVENT_FIELDS) }),
);

const mutatedBatch = fc.record({ count: fc.integer({ min: 0, max: 3 }), edits: fc.array(edit, { minLength: 0, maxLength: 2 }) }).map(({ count, edits }) => {
  const value: Record<string, unknown> = batch(count);
  const events = value.events as Record<string, unknown>[];
  for (const change of edits) {
    if (change.where === 'batch') value[change.field] = change.value;
    else if (change.where === 'event' && events[change.index] !== undefined) events[change.index]![change.field] = change.value;
    else if (change.where === 'drop' && events[0] !== undefined) delete events[0][change.field];
  }
  return value;
});

describe('parseEventsBatch', () => {
  it('takes a well-formed batch by the fast check, shaped exactly as the schema shapes it', () => {
    const body = { ...batch(5), note: 'unknown fields are ignored' };
    (body.events[2] as Record<string, unknown>).extra = 1;
    expect(plainBatch(body)).not.toBeNull();
    const zod = parseWire(eventsBatchSchema, body);
    const fast = parseEventsBatch(body);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(zod));
    expect(fast).toEqual(zod);
  });

  it('leaves every edge case to the schema, with the schema’s own error text', () => {
    expect(plainBatch({ ...batch(), last_seq: 0 })).toBeNull();
    expect(parseEventsBatch({ ...batch(), events: [{ ...event(1), kind: 'a\u0000b' }] })).toEqual({ ok: false, detail: expect.stringMatching(/^events\.0\.kind: /) });
    expect(parseEventsBatch({ ...batch(2), last_seq: 1 })).toEqual(parseWire(eventsBatchSchema, { ...batch(2), last_seq: 1 }));
  });

  it('agrees with the schema on thousands of mutated bodies', () => {
    fc.assert(
      fc.property(mutatedBatch, (body) => {
        const zod = parseWire(eventsBatchSchema, body);
        const fast = parseEventsBatch(structuredClone(body));
        expect(fast).toEqual(zod);
        if (zod.ok) expect(JSON.stringify(fast)).toBe(JSON.stringify(zod));
        if (plainBatch(structuredClone(body)) !== null) expect(zod.ok).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });
});
