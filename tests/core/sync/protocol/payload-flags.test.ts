import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../electron/core/sync/protocol/canonical-json';
import { flagPayload, MAX_PAYLOAD_DEPTH, nestingDepth } from '../../../../electron/core/sync/protocol/payload-flags';

const key = 'ab'.repeat(32);

describe('payload flags (§5, §6): flag, never throw', () => {
  it('passes valid canonical payloads without flags', () => {
    const registered = canonicalJson({ learner_key: key, birth_year: 1960, gender: null, ward_code: '06688', method: 'hid-pos', consent_version: '2025-1' });
    expect(flagPayload('learner.registered', registered)).toEqual({ parsed: JSON.parse(registered), flags: [] });
    expect(flagPayload('attendance.checkin', canonicalJson({ learner_key: key, visit_id: 'v1', method: 'card' })).flags).toEqual([]);
    expect(flagPayload('clock.jump', '{"from_ms":1,"to_ms":2}').flags).toEqual([]);
  });

  it.each([
    ['attendance.checkin', '{"learner_key":"x","method":"card","visit_id":"v"}', ['payload_invalid:learner_key']],
    ['attendance.checkout', canonicalJson({ learner_key: key, reason: 'bored', visit_id: 'v' }), ['payload_invalid:reason']],
    ['learner.erased', `{ "learner_key": "${key}" }`, ['payload_not_canonical']],
    ['station.boot', 'nope', ['payload_not_json']],
    ['mystery.kind', '{}', ['unknown_kind']],
    ['group.ended', '{"attendees":"3","group_id":"g"}', ['payload_invalid:attendees']],
    ['attendance.checkin', canonicalJson({ learner_key: key, method: 'card', visit_id: 'v', name: 'Nguyễn Văn A' }), ['payload_unknown_field:name', 'personal_data_suspected']],
    ['attendance.checkin', canonicalJson({ learner_key: key, method: 'card', visit_id: '001099012345' }), ['personal_data_suspected']],
    // A key that PostgreSQL text could not hold (NUL) or that would split a flag list stays one safe code.
    ['attendance.checkin', canonicalJson({ learner_key: key, method: 'card', visit_id: 'v', 'a b"\u0000\\': 1 }), ['payload_unknown_field:a%20b%22%00%5C']],
  ])('flags %s %s', (kind, payload, flags) => {
    expect(flagPayload(kind, payload).flags).toEqual(flags);
  });

  it.each([
    ['{"10":1,"2":1}', false],
    ['{"2":1,"10":1}', true],
    ['{"a":{"c":1,"b":2}}', true],
    ['{"a":1,"a":2}', true],
    ['{"a": 1}', true],
    ['{"a":1.0}', true],
    ['{"b":[{"y":1,"x":2}],"a":1}', true],
    ['{"a":[{"x":1,"y":"\\u00e9"}],"b":null}', true],
    ['{"a":[{"x":1,"y":"é"}],"b":null}', false],
  ])('judges canonical form of %s (flagged: %s)', (text, flagged) => {
    expect(flagPayload('mystery.kind', text).flags.includes('payload_not_canonical')).toBe(flagged);
  });

  it('agrees with canonicalJson on any JSON text', () => {
    const texts = fc.oneof(
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.jsonValue().map((value) => canonicalJson(value as Parameters<typeof canonicalJson>[0])),
      fc.dictionary(fc.oneof(fc.string(), fc.integer({ min: 0, max: 99 }).map(String)), fc.integer()).map((value) => JSON.stringify(value)),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const canonical = canonicalJson(JSON.parse(text) as Parameters<typeof canonicalJson>[0]) === text;
        expect(flagPayload('mystery.kind', text).flags.includes('payload_not_canonical')).toBe(!canonical);
      }),
      { numRuns: 2_000 },
    );
  });

  // Found by trying it: 200,000 nested arrays (400 KB, under the 1 MiB limit) made the canonical-form
  // check throw RangeError inside the batch transaction, so the hub answered 500 to that batch forever.
  it.each([
    ['arrays', '['.repeat(200_000) + ']'.repeat(200_000)],
    ['objects', '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)],
    ['one level too deep', '['.repeat(MAX_PAYLOAD_DEPTH + 1) + ']'.repeat(MAX_PAYLOAD_DEPTH + 1)],
  ])('flags a payload nested too deep (%s) instead of throwing', (_name, text) => {
    expect(flagPayload('attendance.checkin', text)).toEqual({ parsed: undefined, flags: ['payload_too_deep'] });
  });

  it('looks inside a payload exactly at the depth limit', () => {
    const text = '['.repeat(MAX_PAYLOAD_DEPTH) + ']'.repeat(MAX_PAYLOAD_DEPTH);
    expect(flagPayload('mystery.kind', text).flags).toEqual(['unknown_kind']);
  });

  it.each([
    ['{}', 1],
    ['{"a":[1,{"b":2}]}', 3],
    ['{"a":"[[[[{{{"}', 1],
    ['{"a":"\\\\"}', 1],
    ['{"a":"\\\\\\"[["}', 1],
    ['{"a":"\\\\","b":[[1]]}', 3],
    ['"plain"', 0],
  ])('measures the nesting of %s as %i, ignoring brackets inside strings', (text, depth) => {
    expect(nestingDepth(text)).toBe(depth);
  });
});
