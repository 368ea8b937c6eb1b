// reference/sync.md §4.5: full-jitter backoff 2 s → 10 min, Retry-After honoured, immediate tries.
import { describe, expect, it } from 'vitest';
import {
  BACKOFF_CAP_MS,
  backoffWindowMs,
  fullJitterDelayMs,
  MAX_RETRY_AFTER_MS,
  parseRetryAfterMs,
  retryDelayMs,
} from '../../../../electron/core/sync/engine/backoff';
import { EngineDriver, sends, waits } from './engine-fixture';

describe('backoff', () => {
  it('doubles the window from 2 s and caps it at 10 min', () => {
    expect([0, 1, 2, 3, 8].map((n) => backoffWindowMs(n))).toEqual([2_000, 4_000, 8_000, 16_000, 512_000]);
    expect(backoffWindowMs(9)).toBe(BACKOFF_CAP_MS);
    expect(backoffWindowMs(5_000)).toBe(BACKOFF_CAP_MS);
  });

  it('draws the full jitter uniformly below the window and clamps a broken random source', () => {
    expect(fullJitterDelayMs(3, () => 0)).toBe(0);
    expect(fullJitterDelayMs(3, () => 0.25)).toBe(4_000);
    expect(fullJitterDelayMs(3, () => 0.999999)).toBe(15_999);
    expect(fullJitterDelayMs(3, () => 7)).toBe(16_000);
    expect(fullJitterDelayMs(3, () => Number.NaN)).toBe(0);
  });

  it('waits at least Retry-After, bounded to an hour', () => {
    expect(retryDelayMs(0, () => 0.5, 30_000)).toBe(30_000);
    expect(retryDelayMs(10, () => 0.9, 1_000)).toBe(540_000);
    expect(retryDelayMs(0, () => 0, 10 * 24 * 3_600_000)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('parses Retry-After as seconds or an HTTP date; garbage is null', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(parseRetryAfterMs('120', now)).toBe(120_000);
    expect(parseRetryAfterMs(' 0 ', now)).toBe(0);
    expect(parseRetryAfterMs('Thu, 01 Jan 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfterMs('Thu, 01 Jan 2026 11:00:00 GMT', now)).toBe(0);
    // A station whose clock says 2005 must not wait twenty years.
    expect(parseRetryAfterMs('Thu, 01 Jan 2026 12:00:30 GMT', Date.UTC(2005, 0, 1))).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfterMs('soon', now)).toBeNull();
    expect(parseRetryAfterMs(null, now)).toBeNull();
    expect(parseRetryAfterMs('-5', now)).toBeNull();
  });
});

describe('engine retries', () => {
  it('tries at once at start', () => {
    const engine = new EngineDriver();
    expect(engine.start(10)).toEqual([{ type: 'fetch_cursor' }]);
    expect(engine.state.phase).toBe('fetching_cursor');
  });

  it('backs off with growing full-jitter windows on network errors, 5xx and garbage, then re-asks the cursor', () => {
    const engine = new EngineDriver();
    engine.draws = [1 - 1e-9, 1 - 1e-9, 1 - 1e-9, 0.5];
    engine.start(10);
    expect(waits(engine.feed({ type: 'network_error', detail: 'ECONNREFUSED' }))).toEqual([1_999]);
    expect(engine.state.phase).toBe('backing_off');
    expect(engine.feed({ type: 'timer_fired' })).toEqual([{ type: 'fetch_cursor' }]);
    expect(waits(engine.feed({ type: 'server_error', status: 502 }))).toEqual([3_999]);
    engine.feed({ type: 'timer_fired' });
    expect(waits(engine.feed({ type: 'bad_answer', detail: '200: body: not valid JSON' }))).toEqual([7_999]);
    engine.feed({ type: 'timer_fired' });
    expect(waits(engine.feed({ type: 'timeout' }))).toEqual([8_000]);
    expect(engine.state.failures).toBe(4);
  });

  it('honours Retry-After on 429 and 503', () => {
    const engine = new EngineDriver();
    engine.draws = [0];
    engine.start(10);
    expect(waits(engine.feed({ type: 'retry_later', status: 429, retryAfterMs: 45_000 }))).toEqual([45_000]);
    expect(engine.state.lastFailure).toEqual({ type: 'retry_later', status: 429, retryAfterMs: 45_000 });
  });

  it('never waits longer than the cap after many failures', () => {
    const engine = new EngineDriver();
    engine.start(10);
    for (let i = 0; i < 40; i += 1) {
      engine.draws = [1 - 1e-12];
      const [ms] = waits(engine.feed({ type: 'network_error', detail: 'down' }));
      expect(ms).toBeLessThanOrEqual(BACKOFF_CAP_MS);
      engine.feed({ type: 'timer_fired' });
    }
    expect(engine.state.failures).toBe(40);
  });

  it('tries at once when the network returns, with the backoff reset', () => {
    const engine = new EngineDriver();
    engine.start(10);
    engine.feed({ type: 'network_error', detail: 'down' });
    engine.feed({ type: 'timer_fired' });
    engine.feed({ type: 'network_error', detail: 'down' });
    expect(engine.feed({ type: 'network_up' })).toEqual([{ type: 'fetch_cursor' }]);
    expect(engine.state.failures).toBe(0);
    // While a request is in flight a second "online" changes nothing: one request at a time.
    expect(engine.feed({ type: 'network_up' })).toEqual([]);
  });

  it('resets the backoff after a success and continues without waiting', () => {
    const engine = new EngineDriver();
    engine.start(10);
    engine.feed({ type: 'network_error', detail: 'down' });
    engine.feed({ type: 'timer_fired' });
    expect(sends(engine.cursor(4))).toEqual([{ fromSeq: 5, count: 6 }]);
    expect(engine.state.failures).toBe(0);
    expect(engine.state.lastFailure).toBeNull();
  });

  it('ignores a stale timer while a request is in flight', () => {
    const engine = new EngineDriver();
    engine.start(10);
    expect(engine.feed({ type: 'timer_fired' })).toEqual([]);
    expect(engine.state.inFlight).toEqual({ kind: 'cursor', epoch: 1 });
  });

  it('polls the cursor again after the idle interval', () => {
    const engine = new EngineDriver();
    engine.start(3);
    expect(engine.cursor(3)).toEqual([{ type: 'record_ack', epoch: 1, ackedSeq: 3, headHash: expect.any(String), receipt: 'r3', serverTimeMs: expect.any(Number) }, { type: 'settled' }, { type: 'wait', ms: 60_000 }]);
    engine.feed({ type: 'log_advanced', local: { epoch: 1, seq: 5 } });
    expect(engine.feed({ type: 'timer_fired' })).toEqual([{ type: 'fetch_cursor' }]);
    expect(sends(engine.cursor(3))).toEqual([{ fromSeq: 4, count: 2 }]);
  });
});
