// reference/sync.md §4.3: ≤ 500 events; 413 and timeouts halve (minimum 1); two successes double.
import { describe, expect, it } from 'vitest';
import { EngineDriver, sends } from './engine-fixture';

describe('batch size', () => {
  it('starts at 500 and never passes the local head', () => {
    const engine = new EngineDriver();
    engine.start(1_234);
    expect(sends(engine.cursor(0))).toEqual([{ fromSeq: 1, count: 500 }]);
    expect(sends(engine.uploaded(500))).toEqual([{ fromSeq: 501, count: 500 }]);
    expect(sends(engine.uploaded(1_000))).toEqual([{ fromSeq: 1_001, count: 234 }]);
  });

  it('halves on 413 and retries the same range at once, down to one event', () => {
    const engine = new EngineDriver();
    engine.start(1_000);
    engine.cursor(0);
    expect(sends(engine.feed({ type: 'too_large' }))).toEqual([{ fromSeq: 1, count: 250 }]);
    expect(sends(engine.feed({ type: 'too_large' }))).toEqual([{ fromSeq: 1, count: 125 }]);
    for (const expected of [62, 31, 15, 7, 3, 1]) expect(sends(engine.feed({ type: 'too_large' }))).toEqual([{ fromSeq: 1, count: expected }]);
    expect(engine.state.batchLimit).toBe(1);
  });

  it('stops with an alert when even one event is too large (sneakernet is the way out)', () => {
    const engine = new EngineDriver();
    engine.start(6);
    engine.cursor(2);
    engine.feed({ type: 'too_large' });
    engine.feed({ type: 'too_large' });
    const commands = engine.feed({ type: 'too_large' });
    expect(commands).toContainEqual({ type: 'alert', reason: { code: 'event_too_large', seq: 3 } });
    expect(engine.state.phase).toBe('stopped');
  });

  it('halves after a timeout, backs off, and grows back after two successes in a row', () => {
    const engine = new EngineDriver();
    engine.start(5_000);
    engine.cursor(0);
    engine.feed({ type: 'timeout' });
    expect(engine.state.batchLimit).toBe(250);
    engine.feed({ type: 'timer_fired' });
    expect(sends(engine.cursor(0))).toEqual([{ fromSeq: 1, count: 250 }]);
    expect(sends(engine.uploaded(250))).toEqual([{ fromSeq: 251, count: 250 }]);
    expect(sends(engine.uploaded(500))).toEqual([{ fromSeq: 501, count: 500 }]);
    expect(sends(engine.uploaded(1_000))).toEqual([{ fromSeq: 1_001, count: 500 }]);
    expect(engine.state.batchLimit).toBe(500);
  });

  it('a timeout of the cursor request does not shrink batches', () => {
    const engine = new EngineDriver();
    engine.start(900);
    engine.feed({ type: 'timeout' });
    expect(engine.state.batchLimit).toBe(500);
  });

  it('respects a smaller configured maximum', () => {
    const engine = new EngineDriver({ maxBatch: 100, backoff: { baseMs: 10, capMs: 100 }, idlePollMs: 1_000, newEventsDelayMs: 1_000 });
    engine.start(250);
    expect(sends(engine.cursor(0))).toEqual([{ fromSeq: 1, count: 100 }]);
  });
});
