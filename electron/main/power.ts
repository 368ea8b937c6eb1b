/**
 * Display and restart schedule (docs/ARCHITECTURE.md §9): the display is kept awake only during opening hours
 * (outside them the PC's own power plan may blank it), and the kiosk relaunches once a night at the
 * quiet hour. Checked every minute against the wall clock; the rules are pure functions in
 * electron/core/kiosk (opening-hours.ts, nightly-relaunch.ts).
 */
import { powerSaveBlocker } from 'electron';
import { isNightlyRelaunchDue } from '../core/kiosk/nightly-relaunch';
import { isOpenAt, localTimeAt, type WeeklySchedule } from '../core/kiosk/opening-hours';

export const POWER_CHECK_INTERVAL_MS = 60_000;

export interface PowerScheduleOptions {
  readonly openingHours: { readonly utcOffsetMinutes: number; readonly week: WeeklySchedule };
  /** Read at every check, so a signed config's new quiet hour runs at once (live-config.ts). */
  readonly quietHourForRelaunch: number | null | (() => number | null);
  /** Closes the station cleanly and starts the app again. Called at most once. */
  readonly relaunch: () => void;
  /**
   * Asked each minute while the nightly relaunch is due, with the minutes left in the quiet hour
   * (the station's update controller: it may check for an app update, hold the relaunch while a
   * download runs or someone is at the kiosk, or install instead). True: it relaunched or installed;
   * false: ask again next minute. Absent: the plain relaunch.
   */
  readonly nightly?: (minutesLeft: number) => boolean;
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
    if (!relaunchRequested && isNightlyRelaunchDue({ quietHour: typeof options.quietHourForRelaunch === 'function' ? options.quietHourForRelaunch() : options.quietHourForRelaunch, schedule: week, utcOffsetMinutes, nowMs, startedAtMs })) {
      if (options.nightly === undefined) {
        relaunchRequested = true;
        log('power: nightly relaunch');
        options.relaunch();
      } else if (options.nightly(60 - (localTimeAt(nowMs, utcOffsetMinutes).minuteOfDay % 60))) {
        relaunchRequested = true;
        log('power: nightly relaunch (update controller)');
      }
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
