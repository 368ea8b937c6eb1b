// docs/PROTOCOL.md §5 station side: one request in flight, acked_seq only from a 200 body, gap → rewind,
// and a lost answer costs only duplicates — checked step by step and by a seeded fault simulation.
import { describe, expect, it } from 'vitest';
import type { EngineCommand, EngineInput } from '../../../../electron/core/sync/engine/engine-types';
import { isSettled } from '../../../../electron/core/sync/engine/sync-engine';
import { acks, EngineDriver, ModelCity, seededRandom, sends } from './engine-fixture';

describe('idempotency', () => {
  it('moves the watermark only from 200 bodies', () => {
    const engine = new EngineDriver();
    engine.start(600, 0);
    engine.cursor(0);
    engine.feed({ type: 'server_error', status: 500 });
    expect(engine.state.acked?.seq).toBe(0);
    engine.feed({ type: 'timer_fired' });
    expect(acks(engine.cursor(500))).toEqual([500]);
    expect(engine.state.acked?.seq).toBe(500);
    engine.feed({ type: 'gap', expectedSeq: 300 });
    expect(engine.state.acked?.seq).toBe(500);
  });

  it('does not record the same acknowledgement twice', () => {
    const engine = new EngineDriver();
    engine.start(5, 5);
    expect(acks(engine.cursor(5))).toEqual([]);
    expect(engine.log.flat().filter((command) => command.type === 'settled')).toHaveLength(1);
  });

  it('takes an acked_seq beyond the batch (the city already had more) and continues from there', () => {
    const engine = new EngineDriver();
    engine.start(900);
    engine.cursor(0);
    const commands = engine.uploaded(700, { inserted: 500 });
    expect(acks(commands)).toEqual([700]);
    expect(sends(commands)).toEqual([{ fromSeq: 701, count: 200 }]);
  });

  it('rewinds to expected_seq on a gap, and refuses to spin on a gap that points at the batch', () => {
    const engine = new EngineDriver();
    engine.start(900, 800);
    engine.cursor(800);
    expect(sends(engine.feed({ type: 'gap', expectedSeq: 650 }))).toEqual([{ fromSeq: 650, count: 251 }]);
    const confused = engine.feed({ type: 'gap', expectedSeq: 650 });
    expect(sends(confused)).toEqual([]);
    expect(engine.state.phase).toBe('backing_off');
  });

  it('ignores answers that arrive when nothing is in flight', () => {
    const engine = new EngineDriver();
    engine.start(10);
    engine.feed({ type: 'stop' });
    const before = engine.state;
    for (const input of [
      { type: 'upload_ok', answer: { ackedSeq: 10, headHash: 'x', serverTimeMs: 1, receipt: 'r', inserted: 10, duplicates: 0 }, timing: { sentAtMs: 0, receivedAtMs: 1 } },
      { type: 'gap', expectedSeq: 1 },
      { type: 'fork', seq: 1 },
      { type: 'network_error', detail: 'late' },
      { type: 'timer_fired' },
      { type: 'network_up' },
    ] satisfies EngineInput[]) {
      expect(engine.feed(input)).toEqual([]);
    }
    expect(engine.state).toEqual(before);
  });

  it('does not start a second request when start comes twice', () => {
    const engine = new EngineDriver();
    engine.start(10);
    expect(engine.start(10)).toEqual([]);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('converges under lost requests, lost answers, 5xx and restarts (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const city = new ModelCity();
    const engine = new EngineDriver();
    let local = 1 + Math.floor(random() * 3_000);
    let pending: EngineCommand[] = engine.start(local, 0);
    let requests = 0;
    let maxInFlight = 0;
    for (let round = 0; round < 2_000 && !(engine.state.phase === 'idle' && isSettled(engine.state)); round += 1) {
      const request = pending.find((command) => command.type === 'fetch_cursor' || command.type === 'send_batch');
      maxInFlight = Math.max(maxInFlight, pending.filter((command) => command.type === 'fetch_cursor' || command.type === 'send_batch').length);
      if (random() < 0.05) {
        local += Math.floor(random() * 20);
        engine.feed({ type: 'log_advanced', local: { epoch: 1, seq: local } });
      }
      if (request === undefined) {
        pending = random() < 0.1 ? engine.feed({ type: 'start', local: { epoch: 1, seq: local }, acked: engine.state.acked }) : engine.feed({ type: 'timer_fired' });
        continue;
      }
      requests += 1;
      const fault = random();
      if (fault < 0.15) {
        pending = engine.feed({ type: 'network_error', detail: 'request lost' });
        continue;
      }
      if (fault < 0.25) {
        pending = engine.feed({ type: 'server_error', status: 503 });
        continue;
      }
      const answer = request.type === 'fetch_cursor' ? city.cursor() : city.upload(request.fromSeq, request.count);
      // The city committed, but the answer never reached the station.
      pending = fault < 0.4 && request.type === 'send_batch' ? engine.feed({ type: 'timeout' }) : engine.feed(answer);
    }
    expect(engine.state.phase).toBe('idle');
    expect(city.acked).toBe(local);
    expect(engine.state.acked?.seq).toBe(local);
    // Every seq stored exactly once as an insertion; retries became duplicates, never new rows.
    expect(city.insertions).toBe(local);
    expect(maxInFlight).toBeLessThanOrEqual(1);
    expect(requests).toBeGreaterThan(0);
  });
});
