/**
 * Lockout of the volunteer PIN: after 5 wrong tries in a row the PIN is refused for a while, so a
 * curious visitor cannot guess it at the kiosk. Each lockout that follows another without a right PIN
 * in between lasts longer (5 min, 15 min, 1 h, then 4 h each time): at most 5 guesses per 4 hours
 * once someone keeps trying, while a volunteer who mistypes once waits only minutes. A right PIN
 * resets everything. The state is persisted by the caller (a restart must not clear it). Pure: the
 * caller passes the time.
 */
export const MAX_WRONG_TRIES = 5;
export const LOCKOUT_STEPS_MS = [5 * 60_000, 15 * 60_000, 60 * 60_000, 4 * 60 * 60_000] as const;
/** The first lockout's length. */
export const LOCKOUT_MS = LOCKOUT_STEPS_MS[0];

export interface LockoutState {
  readonly wrongInARow: number;
  readonly lockedUntilMs: number | null;
  /** Lockouts since the last right PIN: the next one lasts longer. */
  readonly lockouts: number;
}

export const NO_LOCKOUT: LockoutState = { wrongInARow: 0, lockedUntilMs: null, lockouts: 0 };

/** How long the `n`-th lockout in a row lasts (n ≥ 1). */
export function lockoutLengthMs(n: number): number {
  return LOCKOUT_STEPS_MS[Math.min(Math.max(n, 1), LOCKOUT_STEPS_MS.length) - 1] ?? LOCKOUT_MS;
}

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
  if (wrong < MAX_WRONG_TRIES) return { wrongInARow: wrong, lockedUntilMs: null, lockouts: state.lockouts };
  const lockouts = state.lockouts + 1;
  return { wrongInARow: 0, lockedUntilMs: nowMs + lockoutLengthMs(lockouts), lockouts };
}
