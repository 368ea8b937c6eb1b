/**
 * Typed failures of the kiosk policies (idle, opening hours, recovery). Thrown only for programming
 * or configuration mistakes — a bad setting or a non-finite time — never during normal operation.
 */

export type KioskPolicyErrorCode =
  | 'bad_setting' // an idle setting below its floor, or not a whole number
  | 'bad_time' // a time that is not a finite number of milliseconds
  | 'bad_clock_time' // a schedule time that is not "HH:MM" between 00:00 and 24:00
  | 'bad_range' // a schedule range that ends at or before its start
  | 'bad_offset' // a time-zone offset outside −14 h … +14 h
  | 'bad_hour'; // a quiet hour outside 0–23

export class KioskPolicyError extends Error {
  override readonly name = 'KioskPolicyError';
  constructor(
    readonly code: KioskPolicyErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Refuses NaN and ±Infinity: a broken clock must fail loudly, not freeze the idle timer. */
export function assertFiniteTime(nowMs: number, what = 'time'): void {
  if (!Number.isFinite(nowMs)) throw new KioskPolicyError('bad_time', `${what} must be a finite number of milliseconds`);
}
