import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../electron/core/sync/protocol/canonical-json';
import { bundleBodyText } from '../../../../electron/core/sync/protocol/bundle-text';
import { MAX_BATCH_EVENTS, MAX_BODY_BYTES, wardOfStation } from '../../../../electron/core/sync/protocol/limits';
import {
  b64Key32Schema,
  enrolRequestSchema,
  eventsBatchSchema,
  isProtocolEventId,
  isStorableString,
  parseWire,
  uploadErrorSchema,
} from '../../../../electron/core/sync/protocol/wire-schemas';

const event = {
  seq: 1,
  event_id: '0190f1d2-7b3c-7d4e-8f00-123456789abc',
  kind: 'station.boot',
  payload: '{"app_version":"1","config_version":1}',
  wall_ms: 1,
  hlc: '1767000000000-0000',
  boot_id: 'b',
  mono_ms: 0,
  prev_hash: '0'.repeat(64),
  hash: 'f'.repeat(64),
};
const batch = { epoch: 1, first_seq: 1, last_seq: 1, prev_hash: '0'.repeat(64), events: [event], app_version: '1.0' };

describe('wire schemas', () => {
  it('states the limits of §5', () => {
    expect(MAX_BATCH_EVENTS).toBe(500);
    expect(MAX_BODY_BYTES).toBe(1_048_576);
  });

  it('accepts a valid batch and drops unknown fields', () => {
    const parsed = parseWire(eventsBatchSchema, { ...batch, extra: 1, events: [{ ...event, extra: 2 }] });
    expect(parsed).toEqual({ ok: true, value: batch });
  });

  it.each([
    [{ ...batch, epoch: undefined }, 'epoch: required'],
    [{ ...batch, epoch: 0 }, 'epoch: '],
    [{ ...batch, last_seq: 0 }, 'last_seq: '],
    [{ ...batch, first_seq: 2, last_seq: 1 }, 'last_seq: must be ≥ first_seq'],
    [{ ...batch, events: [] }, 'events: '],
    [{ ...batch, events: [{ ...event, wall_ms: 1.5 }] }, 'events.0.wall_ms: '],
    [{ ...batch, events: [{ ...event, hash: 'F'.repeat(64) }] }, 'events.0.hash: expected 64 lowercase hex digits'],
    [{ ...batch, events: [{ ...event, payload: 'a\u0000' }] }, 'events.0.payload: contains U+0000'],
  ])('describes the first problem as "<field>: <reason>"', (body, detail) => {
    const parsed = parseWire(eventsBatchSchema, body);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.detail).toContain(detail);
  });

  it('checks b64 keys of exactly 32 bytes', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(b64Key32Schema.safeParse(key).success).toBe(true);
    expect(b64Key32Schema.safeParse(Buffer.alloc(31).toString('base64')).success).toBe(false);
    expect(b64Key32Schema.safeParse(Buffer.alloc(33).toString('base64')).success).toBe(false);
    expect(parseWire(enrolRequestSchema, { station_id: '06688-01', public_key: key, enrolment_code: 'X', app_version: '1' }).ok).toBe(true);
  });

  it('knows UUID v4/v7, storable strings and wards', () => {
    expect(isProtocolEventId(crypto.randomUUID())).toBe(true);
    expect(isProtocolEventId(event.event_id)).toBe(true);
    expect(isProtocolEventId('0190f1d2-7b3c-1d4e-8f00-123456789abc')).toBe(false);
    expect(isStorableString('Nguyễn 🌾')).toBe(true);
    expect(isStorableString('\uD800x')).toBe(false);
    expect(wardOfStation('06688-01')).toBe('06688');
    expect(wardOfStation('HN-BA-VI-017')).toBe('HN-BA-VI');
  });

  it('reads every upload error body', () => {
    for (const body of [{ error: 'gap', expected_seq: 3 }, { error: 'fork', seq: 2 }, { error: 'epoch', epoch: 2 }, { error: 'too_large', max_events: 500 }]) {
      expect(uploadErrorSchema.parse(body)).toEqual(body);
    }
  });

  it('signs the bundle without sig, unknown fields included', () => {
    const bundle = { station_id: '06688-01', b: 1, a: [1, 'x'], sig: 'zzz' };
    expect(bundleBodyText(bundle)).toBe(canonicalJson({ a: [1, 'x'], b: 1, station_id: '06688-01' }));
  });
});
