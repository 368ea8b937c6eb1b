/**
 * Display and restart schedule (DESIGN.md §9): the display is kept awake only during opening hours
 * (outside them the PC's own power plan may blank it), and the kiosk relaunches once a night at the
 * quiet hour. Checked every minute against the wall clock; the rules are pure functions in
 * electron/core/kiosk (opening-hours.ts, nightly-relaunch.ts).
 */
import { powerSaveBlocker } from 'electron';
import { isNightlyRelaunchDue } from '../core/kiosk/nightly-relaunch';
import { isOpenAt, type WeeklySchedule } from '../core/kiosk/opening-hours';

export const POWER_CHECK_INTERVAL_MS = 60_000;

export interface PowerScheduleOptions {
  readonly openingHours: { readonly utcOffsetMinutes: number; readonly week: WeeklySchedule };
  readonly quietHourForRelaunch: number | null;
  /** Closes the station cleanly and starts the app again. Called at most once. */
  readonly relaunch: () => void;
  readonly nowMs?: () => number;
  readonly log?: (message: string) => void;
}

export interface PowerSchedule {
  /** Runs one check now (also run every minute). */
  check(): void;
  /** True while the display is held awake. */
  isHoldingDisplay(): boolean;
  /** Stops the timer and releases the display. */
  stop(): void;
}

/** Starts the minute-by-minute schedule and runs the first check immediately. */
export function startPowerSchedule(options: PowerScheduleOptions): PowerSchedule {
  const now = options.nowMs ?? Date.now;
  const log = options.log ?? console.info;
  const startedAtMs = now();
  let blockerId: number | null = null;
  let relaunchRequested = false;

  const release = () => {
    if (blockerId !== null && powerSaveBlocker.isStarted(blockerId)) powerSaveBlocker.stop(blockerId);
    blockerId = null;
  };

  const check = () => {
    const nowMs = now();
    const { utcOffsetMinutes, week } = options.openingHours;
    const open = isOpenAt(week, nowMs, utcOffsetMinutes);
    if (open && blockerId === null) {
      blockerId = powerSaveBlocker.start('prevent-display-sleep');
      log('power: opening hours, display kept awake');
    } else if (!open && blockerId !== null) {
      release();
      log('power: closed, display may sleep');
    }
    if (!relaunchRequested && isNightlyRelaunchDue({ quietHour: options.quietHourForRelaunch, schedule: week, utcOffsetMinutes, nowMs, startedAtMs })) {
      relaunchRequested = true;
      log('power: nightly relaunch');
      options.relaunch();
    }
  };

  check();
  const timer = setInterval(check, POWER_CHECK_INTERVAL_MS);
  return {
    check,
    isHoldingDisplay: () => blockerId !== null,
    stop: () => {
      clearInterval(timer);
      release();
    },
  };
}
