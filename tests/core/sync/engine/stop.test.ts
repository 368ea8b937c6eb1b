// docs/PROTOCOL.md §5: 401, 403, fork and epoch stop uploading and raise a maintenance alert — no retry storm.
import { describe, expect, it } from 'vitest';
import type { EngineInput, StopReason } from '../../../../electron/core/sync/engine/engine-types';
import { EngineDriver } from './engine-fixture';

const cases: Array<[string, EngineInput, StopReason]> = [
  ['401', { type: 'unauthorized' }, { code: 'unauthorized' }],
  ['403', { type: 'forbidden' }, { code: 'forbidden' }],
  ['409 fork', { type: 'fork', seq: 42 }, { code: 'fork', seq: 42 }],
  ['409 epoch', { type: 'epoch', epoch: 2 }, { code: 'epoch', cityEpoch: 2, localEpoch: 1 }],
  ['400', { type: 'bad_request', detail: 'events.0.hash: expected 64 lowercase hex digits' }, { code: 'bad_request', detail: 'events.0.hash: expected 64 lowercase hex digits' }],
  ['bad receipt', { type: 'bad_receipt' }, { code: 'bad_receipt' }],
];

describe('stop conditions', () => {
  it.each(cases)('%s during an upload stops with an alert and no wait', (_name, input, reason) => {
    const engine = new EngineDriver();
    engine.start(100);
    engine.cursor(0);
    const commands = engine.feed(input);
    expect(commands).toEqual([{ type: 'cancel_wait' }, { type: 'alert', reason }]);
    expect(engine.state.phase).toBe('stopped');
    expect(engine.state.stopReason).toEqual(reason);
    // Nothing wakes a stopped engine but a new start (after the technician fixed the cause).
    expect(engine.feed({ type: 'timer_fired' })).toEqual([]);
    expect(engine.feed({ type: 'network_up' })).toEqual([]);
    expect(engine.start(100)).toEqual([{ type: 'fetch_cursor' }]);
  });

  it('a cursor whose head hash is not ours at that seq stops with fork, recording nothing (cloned or copied station)', () => {
    const engine = new EngineDriver();
    engine.start(100);
    const commands = engine.cursor(60, { localHash: 'f'.repeat(64) });
    expect(commands).toEqual([{ type: 'cancel_wait' }, { type: 'alert', reason: { code: 'fork', seq: 60 } }]);
    expect(commands.some((command) => command.type === 'record_ack')).toBe(false);
  });

  it('a cursor at a seq the station pruned (hash unknown) is taken as the truth', () => {
    const engine = new EngineDriver();
    engine.start(100);
    expect(engine.cursor(60, { localHash: null }).some((command) => command.type === 'send_batch')).toBe(true);
  });

  it('401 on the cursor request stops too', () => {
    const engine = new EngineDriver();
    engine.start(1);
    expect(engine.feed({ type: 'unauthorized' })).toContainEqual({ type: 'alert', reason: { code: 'unauthorized' } });
  });

  it('a cursor in another epoch stops before anything is sent or recorded', () => {
    const engine = new EngineDriver();
    engine.start(10, 4, 2);
    const commands = engine.cursor(0, { epoch: 3 });
    expect(commands).toEqual([{ type: 'cancel_wait' }, { type: 'alert', reason: { code: 'epoch', cityEpoch: 3, localEpoch: 2 } }]);
  });

  it('a broken local log stops the engine', () => {
    const engine = new EngineDriver();
    engine.start(10);
    engine.cursor(0);
    expect(engine.feed({ type: 'local_problem', detail: 'seq 4: bad_hash' })).toContainEqual({ type: 'alert', reason: { code: 'local_log', detail: 'seq 4: bad_hash' } });
  });

  it('a requested stop raises no alert', () => {
    const engine = new EngineDriver();
    engine.start(10);
    expect(engine.feed({ type: 'stop' })).toEqual([{ type: 'cancel_wait' }]);
    expect(engine.state.stopReason).toEqual({ code: 'requested' });
  });
});
