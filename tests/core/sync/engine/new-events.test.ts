// A settled engine does not wait out its idle poll when the log grows: the first new event brings the
// next try forward to newEventsDelayMs, and later events cannot push it back.
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENGINE_CONFIG } from '../../../../electron/core/sync/engine/sync-engine';
import { EngineDriver, sends, waits } from './engine-fixture';

const grown = (seq: number, epoch = 1) => ({ type: 'log_advanced' as const, local: { epoch, seq } });

/** An engine that has delivered seqs 1..10 and rests. */
function settledAtTen(): EngineDriver {
  const engine = new EngineDriver();
  engine.start(10);
  engine.cursor(0);
  expect(waits(engine.uploaded(10))).toEqual([DEFAULT_ENGINE_CONFIG.idlePollMs]);
  expect(engine.state.phase).toBe('idle');
  return engine;
}

describe('new events after the log was settled', () => {
  it('brings the next try forward once, then sends the new events when it fires', () => {
    const engine = settledAtTen();
    expect(engine.feed(grown(11))).toEqual([{ type: 'wait', ms: DEFAULT_ENGINE_CONFIG.newEventsDelayMs }]);
    expect(engine.feed(grown(14))).toEqual([]);
    expect(engine.feed({ type: 'timer_fired' })).toEqual([{ type: 'fetch_cursor' }]);
    expect(sends(engine.cursor(10))).toEqual([{ fromSeq: 11, count: 4 }]);
  });

  it('counts a new epoch as growth', () => {
    expect(settledAtTen().feed(grown(0, 2))).toEqual([{ type: 'wait', ms: DEFAULT_ENGINE_CONFIG.newEventsDelayMs }]);
  });

  it('changes nothing while busy, backing off or never acknowledged, or when the log did not grow', () => {
    const busy = new EngineDriver();
    busy.start(10);
    expect(busy.feed(grown(11))).toEqual([]);
    busy.cursor(0);
    expect(busy.feed(grown(12))).toEqual([]);
    expect(busy.state.local.seq).toBe(12);

    const failing = new EngineDriver();
    failing.start(10);
    failing.feed({ type: 'network_error', detail: 'offline' });
    expect(failing.state.phase).toBe('backing_off');
    expect(failing.feed(grown(11))).toEqual([]);

    expect(settledAtTen().feed(grown(10))).toEqual([]);
    expect(new EngineDriver().feed(grown(3))).toEqual([]);
  });
});
