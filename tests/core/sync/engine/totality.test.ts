// The engine never strands itself: a local error backs off and reloads the beliefs from the
// database; every phase is left by a request's answer, a timer, or a start (reference/sync.md §4.5).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EngineCommand, EngineInput } from '../../../../electron/core/sync/engine/engine-types';
import { EngineDriver, hashOf, waits } from './engine-fixture';

describe('engine totality', () => {
  it('a local error while uploading backs off, then reloads before asking the city again', () => {
    const engine = new EngineDriver();
    engine.start(20, 0);
    engine.cursor(0, { localHash: '0'.repeat(64) });
    engine.feed({ type: 'upload_ok', answer: { ackedSeq: 20, headHash: hashOf(20), serverTimeMs: 1, receipt: 'r', inserted: 20, duplicates: 0 }, timing: { sentAtMs: 1, receivedAtMs: 1 } });
    // The driver failed to write that acknowledgement (disk full) and says so.
    const failed = engine.feed({ type: 'local_error', detail: 'SQLITE_FULL' });
    expect(waits(failed)).toHaveLength(1);
    expect(engine.state).toMatchObject({ phase: 'backing_off', stale: true, inFlight: null, failures: 1, lastFailure: { type: 'local_error', detail: 'SQLITE_FULL' } });
    expect(engine.feed({ type: 'timer_fired' })).toEqual([{ type: 'reload' }]);
    expect(engine.state.phase).toBe('reloading');
    const reloaded = engine.feed({ type: 'reloaded', local: { epoch: 1, seq: 20 }, acked: { epoch: 1, seq: 0, hash: hashOf(0) } });
    expect(reloaded).toEqual([{ type: 'fetch_cursor' }]);
    expect(engine.state).toMatchObject({ stale: false, failures: 1 });
    // The city's 20 is recorded now, because the belief came from the database, not from memory.
    expect(engine.cursor(20)).toContainEqual(expect.objectContaining({ type: 'record_ack', ackedSeq: 20 }));
  });

  it('network_up while stale reloads at once; a stale reload answer and errors after a stop change nothing', () => {
    const engine = new EngineDriver();
    engine.start(5, 0);
    engine.feed({ type: 'local_error', detail: 'x' });
    expect(engine.feed({ type: 'network_up' })).toEqual([{ type: 'reload' }]);
    engine.feed({ type: 'stop' });
    expect(engine.feed({ type: 'local_error', detail: 'y' })).toEqual([]);
    expect(engine.feed({ type: 'reloaded', local: { epoch: 1, seq: 5 }, acked: null })).toEqual([]);
    expect(engine.state.phase).toBe('stopped');
  });

  // Property: whatever happens, the engine is never waiting for nothing. A request phase has its
  // request in flight; idle and backing off have a timer; reloading has issued its reload.
  it('every random history keeps a way out of each phase', () => {
    const inputs: fc.Arbitrary<EngineInput> = fc.oneof(
      fc.constant<EngineInput>({ type: 'timer_fired' }),
      fc.constant<EngineInput>({ type: 'network_up' }),
      fc.integer({ min: 0, max: 30 }).map<EngineInput>((seq) => ({ type: 'log_advanced', local: { epoch: 1, seq } })),
      fc.integer({ min: 0, max: 30 }).map<EngineInput>((seq) => ({ type: 'cursor_ok', cursor: { epoch: 1, ackedSeq: seq, headHash: hashOf(seq), serverTimeMs: 1, receipt: 'r', localHashAtAcked: hashOf(seq) }, timing: { sentAtMs: 1, receivedAtMs: 1 } })),
      fc.integer({ min: 0, max: 30 }).map<EngineInput>((seq) => ({ type: 'upload_ok', answer: { ackedSeq: seq, headHash: hashOf(seq), serverTimeMs: 1, receipt: 'r', inserted: 1, duplicates: 0 }, timing: { sentAtMs: 1, receivedAtMs: 1 } })),
      fc.constantFrom<EngineInput>({ type: 'timeout' }, { type: 'server_error', status: 500 }, { type: 'too_large' }, { type: 'local_error', detail: 'disk' }, { type: 'network_error', detail: 'reset' }),
      fc.integer({ min: 1, max: 31 }).map<EngineInput>((expectedSeq) => ({ type: 'gap', expectedSeq })),
      fc.constant<EngineInput>({ type: 'reloaded', local: { epoch: 1, seq: 30 }, acked: null }),
    );
    fc.assert(
      fc.property(fc.array(inputs, { maxLength: 40 }), (history) => {
        const engine = new EngineDriver();
        let timer = false;
        let reloadAsked = false;
        const track = (commands: readonly EngineCommand[]) => {
          for (const command of commands) {
            if (command.type === 'wait') timer = true;
            if (command.type === 'fetch_cursor' || command.type === 'send_batch' || command.type === 'cancel_wait') timer = false;
            if (command.type === 'reload') reloadAsked = true;
          }
        };
        track(engine.start(30, 0));
        for (const input of history) {
          if (input.type === 'reloaded') reloadAsked = false;
          track(engine.feed(input));
          const { phase, inFlight } = engine.state;
          if (phase === 'fetching_cursor' || phase === 'uploading') expect(inFlight).not.toBeNull();
          if (phase === 'idle' || phase === 'backing_off') expect(timer).toBe(true);
          if (phase === 'reloading') expect(reloadAsked).toBe(true);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
