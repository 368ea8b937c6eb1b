/**
 * When to do the nightly relaunch (docs/ARCHITECTURE.md §9): a long-running Chromium slowly leaks memory and GPU
 * state on old PCs, so the kiosk restarts itself once a night at the configured quiet hour.
 *
 * Rules: only in the quiet hour (local time), only when the station is closed at that moment (a
 * quiet hour inside opening hours is skipped rather than interrupting a learner), and only when the
 * process has been up longer than an hour — the relaunched process starts inside the same quiet
 * hour and must not relaunch again.
 */
import { KioskPolicyError } from './kiosk-policy-error';
import { isOpenAt, localTimeAt, type WeeklySchedule } from './opening-hours';

export const MIN_UPTIME_BEFORE_RELAUNCH_MS = 60 * 60_000;

export interface NightlyRelaunchInput {
  /** Local hour 0–23, or null for "never". */
  readonly quietHour: number | null;
  readonly schedule: WeeklySchedule;
  readonly utcOffsetMinutes: number;
  readonly nowMs: number;
  readonly startedAtMs: number;
}

/** True when the kiosk should relaunch now. */
export function isNightlyRelaunchDue(input: NightlyRelaunchInput): boolean {
  const { quietHour } = input;
  if (quietHour === null) return false;
  if (!Number.isInteger(quietHour) || quietHour < 0 || quietHour > 23) throw new KioskPolicyError('bad_hour', `quiet hour must be 0–23 (got ${String(quietHour)})`);
  const { minuteOfDay } = localTimeAt(input.nowMs, input.utcOffsetMinutes);
  if (Math.floor(minuteOfDay / 60) !== quietHour) return false;
  if (input.nowMs - input.startedAtMs < MIN_UPTIME_BEFORE_RELAUNCH_MS) return false;
  return !isOpenAt(input.schedule, input.nowMs, input.utcOffsetMinutes);
}
