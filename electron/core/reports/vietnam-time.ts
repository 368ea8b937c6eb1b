/**
 * Calendar arithmetic in Vietnam time (UTC+7 all year, no daylight saving). Reports are about local
 * days — a visit at 06:30 in Hạ Long is "today" even though it is still yesterday in UTC — and the
 * offset is fixed rather than read from the PC, because commune PCs often run with the wrong Windows
 * time zone while their UTC clock is right.
 */

import { DAY_MS, VIETNAM_OFFSET_MS } from '../sync/protocol/vietnam-time';

export { DAY_MS, VIETNAM_OFFSET_MS };

export interface VietnamDateParts {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  /** 1–31. */
  readonly day: number;
  /** 0 = Monday … 6 = Sunday: Vietnamese calendars and the work week start on Monday. */
  readonly weekday: number;
  readonly hour: number;
  readonly minute: number;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** The local calendar fields at `ms`. */
export function vietnamParts(ms: number): VietnamDateParts {
  const local = new Date(ms + VIETNAM_OFFSET_MS);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    weekday: (local.getUTCDay() + 6) % 7,
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
}

/**
 * The instant of local midnight starting the given day. Out-of-range fields roll over like Date.UTC
 * does (day 32 is the 1st of the next month, month 13 is January of the next year), which is what the
 * period helpers rely on to step across month and year ends.
 */
export function vietnamMidnight(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) - VIETNAM_OFFSET_MS;
}

/** The local calendar year at `ms`. */
export function vietnamYear(ms: number): number {
  return vietnamParts(ms).year;
}

/** dd/mm/yyyy, the way dates are written on Vietnamese documents. */
export function formatVietnamDate(ms: number): string {
  const p = vietnamParts(ms);
  return `${two(p.day)}/${two(p.month)}/${p.year}`;
}

/** HH:MM on the 24-hour clock. */
export function formatVietnamTime(ms: number): string {
  const p = vietnamParts(ms);
  return `${two(p.hour)}:${two(p.minute)}`;
}

/** yyyy-mm-dd: sorts correctly in a file list, so it is used in export file names. */
export function vietnamIsoDate(ms: number): string {
  const p = vietnamParts(ms);
  return `${p.year}-${two(p.month)}-${two(p.day)}`;
}
