import { describe, expect, it } from 'vitest';
import { afterTry, lockoutCheck, lockoutLengthMs, MAX_WRONG_TRIES, NO_LOCKOUT } from '../../../electron/core/attendance/pin-lockout';
import type { LockoutState } from '../../../electron/core/attendance/pin-lockout';

const MIN = 60_000;

function wrongTimes(state: LockoutState, times: number, at: number): LockoutState {
  let next = state;
  for (let i = 0; i < times; i++) next = afterTry(next, false, at);
  return next;
}

describe('PIN lockout', () => {
  it('locks after five wrong tries in a row; a right PIN before that resets the count', () => {
    expect(wrongTimes(NO_LOCKOUT, MAX_WRONG_TRIES - 1, 0)).toEqual({ wrongInARow: 4, lockedUntilMs: null, lockouts: 0 });
    expect(afterTry(wrongTimes(NO_LOCKOUT, 4, 0), true, 0)).toEqual(NO_LOCKOUT);
    const locked = wrongTimes(NO_LOCKOUT, 5, 1_000);
    expect(locked).toEqual({ wrongInARow: 0, lockedUntilMs: 1_000 + 5 * MIN, lockouts: 1 });
    expect(lockoutCheck(locked, 1_000 + 5 * MIN - 1)).toEqual({ allowed: false, untilMs: 1_000 + 5 * MIN });
    expect(lockoutCheck(locked, 1_000 + 5 * MIN)).toEqual({ allowed: true });
  });

  it('escalates 5 min → 15 min → 1 h → 4 h, and stays at 4 h', () => {
    let state = NO_LOCKOUT;
    let now = 0;
    const lengths: number[] = [];
    for (let round = 0; round < 6; round++) {
      state = wrongTimes(state, 5, now);
      lengths.push(((state.lockedUntilMs ?? now) - now) / MIN);
      now = state.lockedUntilMs ?? now;
    }
    expect(lengths).toEqual([5, 15, 60, 240, 240, 240]);
    expect([0, 1, 2, 3, 4, 9].map(lockoutLengthMs).map((ms) => ms / MIN)).toEqual([5, 5, 15, 60, 240, 240]);
  });
});
