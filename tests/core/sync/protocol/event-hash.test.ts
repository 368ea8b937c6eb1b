import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeEventHash, eventHashPreimage, verifyChainSegment, ZERO_HASH, type ChainedEvent } from '../../../../electron/core/sync/protocol/event-hash';

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const base = {
  seq: 1,
  event_id: '0190f5b2-7c1e-7a3b-9d4e-2f6a8b0c1d2e',
  kind: 'attendance.checkin',
  payload: '{"learner_key":"' + 'a'.repeat(64) + '","method":"hid-pos","visit_id":"v1"}',
  wall_ms: 1795852800000,
  hlc: '1795852800000-0000',
  boot_id: 'b-1',
  mono_ms: 1234,
  prev_hash: ZERO_HASH,
};

function chain(count: number): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  let prev = ZERO_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const unhashed = { ...base, seq, event_id: `e-${seq}`, prev_hash: prev };
    const hash = computeEventHash(sha256Hex, '06688-01', 1, unhashed);
    events.push({ ...unhashed, hash });
    prev = hash;
  }
  return events;
}

describe('event hash (docs/PROTOCOL.md §4)', () => {
  it('hashes exactly the documented preimage, fields joined by \\n in order', () => {
    const expected = ['tram-hoc-so/event/v1', '06688-01', '1', '1', base.event_id, base.kind, base.payload, '1795852800000', base.hlc, 'b-1', '1234', ZERO_HASH].join('\n');
    expect(eventHashPreimage('06688-01', 1, base)).toBe(expected);
    expect(computeEventHash(sha256Hex, '06688-01', 1, base)).toBe(sha256Hex(expected));
  });

  it('changes when any field, the station or the epoch changes', () => {
    const original = computeEventHash(sha256Hex, '06688-01', 1, base);
    expect(computeEventHash(sha256Hex, '06688-02', 1, base)).not.toBe(original);
    expect(computeEventHash(sha256Hex, '06688-01', 2, base)).not.toBe(original);
    for (const key of Object.keys(base) as Array<keyof typeof base>) {
      const changed = { ...base, [key]: typeof base[key] === 'number' ? (base[key] as number) + 1 : `${base[key]}x` };
      expect(computeEventHash(sha256Hex, '06688-01', 1, changed), key).not.toBe(original);
    }
  });

  it('verifies a good chain and names the first gap, bad hash or broken link', () => {
    const events = chain(5);
    expect(verifyChainSegment(sha256Hex, '06688-01', 1, 0, ZERO_HASH, events)).toMatchObject({ problem: null, headSeq: 5, count: 5 });
    const gap = [events[0]!, events[2]!];
    expect(verifyChainSegment(sha256Hex, '06688-01', 1, 0, ZERO_HASH, gap).problem).toEqual({ code: 'gap', seq: 3, expectedSeq: 2 });
    const edited = events.map((event, i) => (i === 3 ? { ...event, payload: '{}' } : event));
    expect(verifyChainSegment(sha256Hex, '06688-01', 1, 0, ZERO_HASH, edited).problem).toEqual({ code: 'bad_hash', seq: 4 });
    const relinked = events.map((event, i) => (i === 2 ? { ...event, prev_hash: ZERO_HASH } : event));
    expect(verifyChainSegment(sha256Hex, '06688-01', 1, 0, ZERO_HASH, relinked).problem).toEqual({ code: 'broken_link', seq: 3 });
  });
});
