import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { judgeBatch, storedSeqsNeeded } from '../../../../electron/core/sync/protocol/batch-verdict';
import type { EpochHead } from '../../../../electron/core/sync/protocol/batch-verdict';
import { computeEventHash, ZERO_HASH } from '../../../../electron/core/sync/protocol/event-hash';
import type { ChainedEvent } from '../../../../electron/core/sync/protocol/event-hash';

const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const STATION = '06688-01';

function chain(count: number, start = ZERO_HASH, epoch = 1): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  let prev = start;
  for (let seq = 1; seq <= count; seq += 1) {
    const base = { seq, event_id: `e${seq}`, kind: 'station.boot', payload: '{}', wall_ms: seq, hlc: 'h', boot_id: 'b', mono_ms: seq, prev_hash: prev };
    const event = { ...base, hash: computeEventHash(sha, STATION, epoch, base) };
    events.push(event);
    prev = event.hash;
  }
  return events;
}

const events = chain(6);
const hashAt = (seq: number) => events[seq - 1]?.hash ?? ZERO_HASH;
const batchOf = (first: number, last: number) => ({ epoch: 1, first_seq: first, last_seq: last, prev_hash: first === 1 ? ZERO_HASH : hashAt(first - 1), events: events.slice(first - 1, last) });
const headAt = (acked: number): EpochHead => ({ epoch: 1, ackedSeq: acked, headHash: hashAt(acked), startHash: ZERO_HASH });
const storedUpTo = (acked: number) => new Map(events.slice(0, acked).map((e) => [e.seq, e.hash]));

describe('judgeBatch (docs/PROTOCOL.md §5)', () => {
  it('accepts a fresh batch', () => {
    expect(judgeBatch(sha, STATION, headAt(0), batchOf(1, 3), new Map())).toMatchObject({ kind: 'accept', duplicates: 0, headSeq: 3, headHash: hashAt(3) });
  });

  it('splits an overlap into duplicates and fresh events', () => {
    const verdict = judgeBatch(sha, STATION, headAt(4), batchOf(3, 6), storedUpTo(4));
    expect(verdict).toMatchObject({ kind: 'accept', duplicates: 2, headSeq: 6 });
    expect(verdict.kind === 'accept' ? verdict.fresh.map((e) => e.seq) : []).toEqual([5, 6]);
  });

  it('keeps the stored head for an all-duplicate batch', () => {
    expect(judgeBatch(sha, STATION, headAt(6), batchOf(1, 2), storedUpTo(6))).toMatchObject({ kind: 'accept', duplicates: 2, headSeq: 6, headHash: hashAt(6) });
  });

  it('checks epoch, shape, gap, then the chain', () => {
    expect(judgeBatch(sha, STATION, { ...headAt(0), epoch: 2 }, batchOf(1, 1), new Map())).toEqual({ kind: 'epoch', epoch: 2 });
    expect(judgeBatch(sha, STATION, headAt(0), { ...batchOf(1, 2), last_seq: 3 }, new Map()).kind).toBe('malformed');
    expect(judgeBatch(sha, STATION, headAt(2), batchOf(4, 5), storedUpTo(2))).toEqual({ kind: 'gap', expectedSeq: 3 });
    expect(judgeBatch(sha, STATION, headAt(2), { ...batchOf(3, 4), prev_hash: 'f'.repeat(64) }, storedUpTo(2))).toMatchObject({ kind: 'fork', seq: 3, reason: 'prev_hash' });
  });

  it('names the first forked seq and why', () => {
    const tampered = batchOf(1, 3);
    const edited = { ...tampered, events: tampered.events.map((e) => (e.seq === 2 ? { ...e, payload: '{"x":1}' } : e)) };
    expect(judgeBatch(sha, STATION, headAt(0), edited, new Map())).toMatchObject({ kind: 'fork', seq: 2, reason: 'bad_hash' });
    const other = chain(3, 'a'.repeat(64));
    const relinked = { ...tampered, events: [tampered.events[0]!, { ...other[1]! }, tampered.events[2]!] };
    expect(judgeBatch(sha, STATION, headAt(0), relinked, new Map())).toMatchObject({ kind: 'fork', seq: 2, reason: 'broken_link' });
    const stored = storedUpTo(3);
    stored.set(2, 'e'.repeat(64));
    expect(judgeBatch(sha, STATION, headAt(3), batchOf(1, 3), stored)).toMatchObject({ kind: 'fork', seq: 2, reason: 'stored_differs', storedHash: 'e'.repeat(64) });
  });

  it('asks only for the stored hashes it needs', () => {
    expect(storedSeqsNeeded({ first_seq: 1, last_seq: 3 }, 0)).toBeNull();
    // The next batch after the head needs nothing: the head's hash is on the epoch row.
    expect(storedSeqsNeeded({ first_seq: 4, last_seq: 6 }, 3)).toBeNull();
    expect(storedSeqsNeeded({ first_seq: 2, last_seq: 9 }, 5)).toEqual({ from: 1, to: 4 });
    expect(storedSeqsNeeded({ first_seq: 5, last_seq: 9 }, 5)).toEqual({ from: 4, to: 4 });
  });

  it('judges with the head hash standing in for the stored hash at acked_seq', () => {
    const needed = (first: number, last: number, acked: number) => {
      const range = storedSeqsNeeded({ first_seq: first, last_seq: last }, acked);
      return new Map([...storedUpTo(acked)].filter(([seq]) => range !== null && seq >= range.from && seq <= range.to));
    };
    expect(judgeBatch(sha, STATION, headAt(3), batchOf(4, 6), needed(4, 6, 3))).toMatchObject({ kind: 'accept', duplicates: 0, headSeq: 6 });
    expect(judgeBatch(sha, STATION, headAt(4), batchOf(3, 6), needed(3, 6, 4))).toMatchObject({ kind: 'accept', duplicates: 2, headSeq: 6 });
    // A head row that disagrees with what the station sends is a fork at the next seq, read or not.
    const wrongHead = { ...headAt(3), headHash: 'c'.repeat(64) };
    expect(judgeBatch(sha, STATION, wrongHead, batchOf(4, 6), needed(4, 6, 3))).toMatchObject({ kind: 'fork', seq: 4, reason: 'prev_hash' });
    expect(judgeBatch(sha, STATION, wrongHead, batchOf(2, 6), needed(2, 6, 3))).toMatchObject({ kind: 'fork', seq: 3, reason: 'stored_differs', storedHash: 'c'.repeat(64) });
  });
});
