/**
 * Is the station open at a given moment? A weekly schedule of local "HH:MM" ranges per day, read in
 * a time-zone offset the caller passes in (Vietnam: UTC+7, no daylight saving). The offset comes from
 * the station config rather than the PC, because commune PCs often run with the wrong Windows time
 * zone while their UTC clock (synced over the network) is right.
 *
 * Ranges are half-open [from, to): "07:30"–"11:30" is open at 11:29 and closed at 11:30. "24:00" is
 * allowed as an end. A range may not cross midnight: write 22:00–24:00 on one day and 00:00–02:00 on
 * the next.
 */
import { VIETNAM_OFFSET_MS } from '../sync/protocol/vietnam-time';
import { assertFiniteTime, KioskPolicyError } from './kiosk-policy-error';

export const WEEK_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekDay = (typeof WEEK_DAYS)[number];

/** Vietnam (Asia/Ho_Chi_Minh) is UTC+7 all year. */
export const VIETNAM_UTC_OFFSET_MINUTES = VIETNAM_OFFSET_MS / 60_000;

export interface TimeRange {
  /** Local start, "HH:MM" (inclusive). */
  readonly from: string;
  /** Local end, "HH:MM" or "24:00" (exclusive). */
  readonly to: string;
}

export type WeeklySchedule = Readonly<Record<WeekDay, readonly TimeRange[]>>;

export interface LocalTime {
  readonly day: WeekDay;
  /** Minutes since local midnight, 0–1439. */
  readonly minuteOfDay: number;
}

const CLOCK_PATTERN = /^([01]\d|2[0-4]):([0-5]\d)$/;
const MS_PER_MINUTE = 60_000;
const MINUTES_PER_DAY = 24 * 60;
const MAX_OFFSET_MINUTES = 14 * 60;

/** Minutes since midnight of "HH:MM" (00:00–24:00); throws `bad_clock_time` for anything else. */
export function parseClockTime(text: string): number {
  const match = CLOCK_PATTERN.exec(text);
  if (!match) throw new KioskPolicyError('bad_clock_time', `"${text}" is not a time of day like 07:30`);
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (minutes > MINUTES_PER_DAY) throw new KioskPolicyError('bad_clock_time', `"${text}" is after 24:00`);
  return minutes;
}

/** Checks one range; throws `bad_clock_time` or `bad_range` (end not after start). */
export function checkTimeRange(range: TimeRange): { readonly fromMinute: number; readonly toMinute: number } {
  const fromMinute = parseClockTime(range.from);
  const toMinute = parseClockTime(range.to);
  if (fromMinute === MINUTES_PER_DAY) throw new KioskPolicyError('bad_clock_time', 'a range cannot start at 24:00');
  if (toMinute <= fromMinute) throw new KioskPolicyError('bad_range', `${range.from}–${range.to} ends at or before it starts (split ranges that cross midnight)`);
  return { fromMinute, toMinute };
}

/** Checks a time-zone offset in minutes (−14 h … +14 h, whole minutes). */
export function checkUtcOffset(offsetMinutes: number): number {
  if (!Number.isInteger(offsetMinutes) || Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) {
    throw new KioskPolicyError('bad_offset', `time-zone offset must be whole minutes within ±${MAX_OFFSET_MINUTES} (got ${String(offsetMinutes)})`);
  }
  return offsetMinutes;
}

/** Local weekday and minute of `utcMs` in the given offset. Pure arithmetic, no Date. */
export function localTimeAt(utcMs: number, offsetMinutes: number): LocalTime {
  assertFiniteTime(utcMs);
  checkUtcOffset(offsetMinutes);
  const localMinutes = Math.floor(utcMs / MS_PER_MINUTE) + offsetMinutes;
  const dayNumber = Math.floor(localMinutes / MINUTES_PER_DAY);
  // 1970-01-01 was a Thursday: index 3 in WEEK_DAYS (Monday first).
  const day = WEEK_DAYS[(((dayNumber + 3) % 7) + 7) % 7] as WeekDay;
  const minuteOfDay = localMinutes - dayNumber * MINUTES_PER_DAY;
  return { day, minuteOfDay };
}

/** True when `utcMs` falls inside one of that local day's ranges. Throws for a malformed schedule. */
export function isOpenAt(schedule: WeeklySchedule, utcMs: number, offsetMinutes: number): boolean {
  const { day, minuteOfDay } = localTimeAt(utcMs, offsetMinutes);
  return schedule[day].some((range) => {
    const { fromMinute, toMinute } = checkTimeRange(range);
    return minuteOfDay >= fromMinute && minuteOfDay < toMinute;
  });
}

/** Checks every range of every day; returns the schedule for chaining. */
export function checkWeeklySchedule(schedule: WeeklySchedule): WeeklySchedule {
  for (const day of WEEK_DAYS) for (const range of schedule[day]) checkTimeRange(range);
  return schedule;
}
