/**
 * Calendar dates as plain numbers, without `Date` (the core reads no clock). "Today" is the civil
 * date in Vietnam (UTC+7, no daylight saving) at an injected instant.
 */

export type CivilDate = { readonly year: number; readonly month: number; readonly day: number };

import { vietnamDayNumber } from '../sync/protocol/vietnam-time';

/** True for Gregorian leap years. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The civil date in Vietnam at `epochMs` (days-to-civil algorithm of H. Hinnant). */
export function vietnamDateAt(epochMs: number): CivilDate {
  const days = vietnamDayNumber(epochMs);
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** Negative, zero or positive as `a` is before, equal to or after `b`. */
export function compareCivilDates(a: CivilDate, b: CivilDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** ISO form YYYY-MM-DD. */
export function toIsoDate(date: CivilDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** Parses a card date: `ddmmyyyy` or `dd/mm/yyyy`; null when malformed or not a real date. */
export function parseCardDate(text: string): CivilDate | null {
  const match = /^(\d{2})\/?(\d{2})\/?(\d{4})$/.exec(text);
  if (!match) return null;
  // The two separators must both be there or both be absent.
  if (text.length !== 8 && text.length !== 10) return null;
  const day = Number(match[1]);
  const month = Number(match[2]);
  const year = Number(match[3]);
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}
