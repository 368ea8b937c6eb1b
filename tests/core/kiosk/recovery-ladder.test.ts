import { describe, expect, it } from 'vitest';
import { FAILURE_WINDOW_MS, initialRecoveryState, nextRecoveryStep, type RecoveryAction, type RecoveryEvent, type RecoveryLadderState } from '../../../electron/core/kiosk/recovery-ladder';

const MIN = 60_000;

function run(events: RecoveryEvent[], state: RecoveryLadderState = initialRecoveryState(false)) {
  const actions: RecoveryAction[] = [];
  for (const event of events) {
    const step = nextRecoveryStep(state, event);
    actions.push(step.action);
    state = step.state;
  }
  return { actions, state };
}

describe('recovery ladder', () => {
  it('reloads when the renderer is gone, relaunches on the 3rd failure within 10 minutes', () => {
    const { actions, state } = run([
      { kind: 'renderer-gone', reason: 'crashed', atMs: 0 },
      { kind: 'renderer-gone', reason: 'oom', atMs: 4 * MIN },
      { kind: 'renderer-gone', reason: 'abnormal-exit', atMs: 9 * MIN },
    ]);
    expect(actions).toEqual(['reload', 'reload', 'relaunch']);
    expect(state.failuresMs).toEqual([]);
  });

  it('forgets failures older than the window', () => {
    const { actions } = run([
      { kind: 'renderer-gone', reason: 'crashed', atMs: 0 },
      { kind: 'renderer-gone', reason: 'crashed', atMs: 5 * MIN },
      { kind: 'renderer-gone', reason: 'crashed', atMs: FAILURE_WINDOW_MS },
      { kind: 'renderer-gone', reason: 'crashed', atMs: 14 * MIN },
    ]);
    expect(actions).toEqual(['reload', 'reload', 'reload', 'relaunch']);
  });

  it('reloads an unresponsive page and does not count its own force-crash again', () => {
    const { actions } = run([
      { kind: 'unresponsive', atMs: 0 },
      { kind: 'renderer-gone', reason: 'killed', atMs: 10 },
      { kind: 'renderer-gone', reason: 'crashed', atMs: 2 * MIN },
    ]);
    expect(actions).toEqual(['reload', 'none', 'reload']);
  });

  it('counts unresponsive pages toward the relaunch', () => {
    const { actions } = run([
      { kind: 'unresponsive', atMs: 0 },
      { kind: 'unresponsive', atMs: MIN },
      { kind: 'unresponsive', atMs: 2 * MIN },
    ]);
    expect(actions).toEqual(['reload', 'reload', 'relaunch']);
  });

  it('ignores clean exits', () => {
    const { actions, state } = run([
      { kind: 'renderer-gone', reason: 'clean-exit', atMs: 0 },
      { kind: 'gpu-gone', reason: 'clean-exit', atMs: 0 },
    ]);
    expect(actions).toEqual(['none', 'none']);
    expect(state).toEqual(initialRecoveryState(false));
  });

  it('relaunches without the GPU once and remembers it', () => {
    const { actions, state } = run([
      { kind: 'gpu-gone', reason: 'crashed', atMs: 0 },
      { kind: 'gpu-gone', reason: 'crashed', atMs: MIN },
    ]);
    expect(actions).toEqual(['relaunch-without-gpu', 'none']);
    expect(state.hardwareAccelerationOff).toBe(true);
    expect(run([{ kind: 'gpu-gone', reason: 'launch-failed', atMs: 0 }], initialRecoveryState(true)).actions).toEqual(['none']);
  });

  it('does not keep failures alive when the clock is set back', () => {
    const { actions } = run([
      { kind: 'renderer-gone', reason: 'crashed', atMs: 60 * MIN },
      { kind: 'renderer-gone', reason: 'crashed', atMs: 61 * MIN },
      { kind: 'renderer-gone', reason: 'crashed', atMs: 0 },
    ]);
    expect(actions).toEqual(['reload', 'reload', 'reload']);
  });

  it('refuses a non-finite event time', () => {
    expect(() => nextRecoveryStep(initialRecoveryState(false), { kind: 'unresponsive', atMs: Number.NaN })).toThrow(expect.objectContaining({ code: 'bad_time' }));
  });
});
