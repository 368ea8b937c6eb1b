/**
 * Lockout of the volunteer PIN: after 5 wrong tries in a row the PIN is refused for 5 minutes, so a
 * curious visitor cannot guess a 4–8 digit PIN at the kiosk. A right PIN resets the count. Pure: the
 * caller passes the time.
 */
export const MAX_WRONG_TRIES = 5;
export const LOCKOUT_MS = 5 * 60_000;

export interface LockoutState {
  readonly wrongInARow: number;
  readonly lockedUntilMs: number | null;
}

export const NO_LOCKOUT: LockoutState = { wrongInARow: 0, lockedUntilMs: null };

/** Whether a try is allowed now, and when the lock ends if not. */
export function lockoutCheck(state: LockoutState, nowMs: number): { allowed: true } | { allowed: false; untilMs: number } {
  if (state.lockedUntilMs !== null && nowMs < state.lockedUntilMs) return { allowed: false, untilMs: state.lockedUntilMs };
  return { allowed: true };
}

/** The state after a try. */
export function afterTry(state: LockoutState, isRight: boolean, nowMs: number): LockoutState {
  if (isRight) return NO_LOCKOUT;
  const expired = state.lockedUntilMs !== null && nowMs >= state.lockedUntilMs;
  const wrong = (expired ? 0 : state.wrongInARow) + 1;
  return wrong >= MAX_WRONG_TRIES ? { wrongInARow: 0, lockedUntilMs: nowMs + LOCKOUT_MS } : { wrongInARow: wrong, lockedUntilMs: null };
}
