// docs/PROTOCOL.md §9: older epochs with undelivered events (after a re-enrolment or a restore) are
// delivered first, oldest first, with the same rules; a city that holds more of a closed epoch than
// this copy of the log is told nothing it has not confirmed.
import { describe, expect, it } from 'vitest';
import type { ClosedEpoch, EngineCommand } from '../../../../electron/core/sync/engine/engine-types';
import { isSettled } from '../../../../electron/core/sync/engine/sync-engine';
import { acks, EngineDriver, hashOf } from './engine-fixture';

const closed = (epoch: number, seq: number, ackedSeq: number | null): ClosedEpoch => ({ epoch, seq, acked: ackedSeq === null ? null : { epoch, seq: ackedSeq, hash: hashOf(ackedSeq) } });

function startWith(engine: EngineDriver, current: { epoch: number; seq: number; acked: number | null }, older: ClosedEpoch[]): EngineCommand[] {
  return engine.feed({
    type: 'start',
    local: { epoch: current.epoch, seq: current.seq },
    acked: current.acked === null ? null : { epoch: current.epoch, seq: current.acked, hash: hashOf(current.acked) },
    closed: older,
  });
}

describe('closed epochs', () => {
  it('delivers the tail of a closed epoch first (its own cursor), then the current epoch', () => {
    const engine = new EngineDriver();
    // Revoked at 25 acknowledged, 40 more written, re-enrolled into epoch 2 where 5 were written.
    expect(startWith(engine, { epoch: 2, seq: 5, acked: null }, [closed(1, 65, 25)])).toEqual([{ type: 'fetch_cursor', epoch: 1 }]);
    expect(isSettled(engine.state)).toBe(false);
    expect(engine.cursor(25, { epoch: 1 })).toEqual([{ type: 'send_batch', epoch: 1, fromSeq: 26, count: 40 }]);
    const done = engine.uploaded(65, { inserted: 40 });
    expect(acks(done)).toEqual([65]);
    expect(done.at(-1)).toEqual({ type: 'fetch_cursor' });
    expect(engine.state.closed).toEqual([]);
    expect(engine.cursor(0, { epoch: 2, localHash: '0'.repeat(64) })).toContainEqual({ type: 'send_batch', epoch: 2, fromSeq: 1, count: 5 });
  });

  it('works through several closed epochs oldest first; a delivered one costs one cursor, which catches a city that lost it', () => {
    const engine = new EngineDriver();
    startWith(engine, { epoch: 4, seq: 1, acked: null }, [closed(3, 10, 2), closed(1, 8, 8), closed(2, 4, 0), closed(5, 3, 0)]);
    expect(engine.state.closed.map((epoch) => epoch.epoch)).toEqual([1, 2, 3]);
    expect(engine.log[0]).toEqual([{ type: 'fetch_cursor', epoch: 1 }]);
    // Epoch 1 is whole at the city: on to epoch 2 with no upload.
    expect(engine.cursor(8, { epoch: 1 })).toEqual([{ type: 'fetch_cursor', epoch: 2 }]);
    engine.cursor(0, { epoch: 2, localHash: '0'.repeat(64) });
    expect(engine.uploaded(4).at(-1)).toEqual({ type: 'fetch_cursor', epoch: 3 });
  });

  it('a delivered closed epoch the city has since lost part of (hub restore) is sent again from the city watermark', () => {
    const engine = new EngineDriver();
    startWith(engine, { epoch: 2, seq: 0, acked: null }, [closed(1, 8, 8)]);
    const commands = engine.cursor(3, { epoch: 1 });
    expect(acks(commands)).toEqual([3]);
    expect(commands).toContainEqual({ type: 'send_batch', epoch: 1, fromSeq: 4, count: 5 });
  });

  it('restored from an older backup: the city holds more of the closed epoch; the unconfirmed tail is re-sent, and only the 200 is recorded', () => {
    const engine = new EngineDriver();
    // The backup knew 40 acknowledged of 50 written; the original went on to deliver 80 before the disk died.
    startWith(engine, { epoch: 2, seq: 3, acked: null }, [closed(1, 50, 40)]);
    const cursor = engine.cursor(80, { epoch: 1, localHash: null });
    expect(cursor).toEqual([{ type: 'send_batch', epoch: 1, fromSeq: 41, count: 10 }]);
    expect(acks(cursor)).toEqual([]);
    const confirmed = engine.uploaded(80, { duplicates: 10 });
    expect(acks(confirmed)).toEqual([80]);
    expect(confirmed.at(-1)).toEqual({ type: 'fetch_cursor' });
  });

  it('a closed epoch the city holds other events in is a fork, not a delivery', () => {
    const engine = new EngineDriver();
    startWith(engine, { epoch: 2, seq: 1, acked: null }, [closed(1, 30, 10)]);
    const commands = engine.cursor(20, { epoch: 1, localHash: 'f'.repeat(64) });
    expect(commands).toContainEqual({ type: 'alert', reason: { code: 'fork', seq: 20 } });
    expect(engine.state.phase).toBe('stopped');
  });

  it('a hub that ignores ?epoch (protocol v1) answers its current epoch: stop with an epoch alert naming the closed one', () => {
    const engine = new EngineDriver();
    startWith(engine, { epoch: 2, seq: 1, acked: null }, [closed(1, 30, 10)]);
    expect(engine.cursor(0, { epoch: 2 })).toContainEqual({ type: 'alert', reason: { code: 'epoch', cityEpoch: 2, localEpoch: 1 } });
    const again = new EngineDriver();
    startWith(again, { epoch: 2, seq: 1, acked: null }, [closed(1, 30, 10)]);
    expect(again.feed({ type: 'epoch', epoch: 2 })).toContainEqual({ type: 'alert', reason: { code: 'epoch', cityEpoch: 2, localEpoch: 1 } });
  });

  it('new events in the current epoch while a closed epoch drains do not settle the engine', () => {
    const engine = new EngineDriver();
    startWith(engine, { epoch: 2, seq: 0, acked: null }, [closed(1, 3, 0)]);
    engine.feed({ type: 'log_advanced', local: { epoch: 2, seq: 2 } });
    engine.cursor(0, { epoch: 1, localHash: '0'.repeat(64) });
    engine.uploaded(3);
    engine.cursor(0, { epoch: 2, localHash: '0'.repeat(64) });
    expect(engine.state.inFlight).toEqual({ kind: 'upload', epoch: 2, fromSeq: 1, count: 2 });
    engine.uploaded(2);
    expect(isSettled(engine.state)).toBe(true);
  });
});
