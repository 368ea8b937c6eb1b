import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../electron/core/sync/protocol/canonical-json';
import { flagPayload } from '../../../../electron/core/sync/protocol/payload-flags';

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
});
