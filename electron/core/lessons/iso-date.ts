/**
 * Calendar dates written "YYYY-MM-DD", as lesson facts carry them (`checked_on`). Pure arithmetic
 * on year, month and day: no time zone and no clock, so a test gives "today" and gets the same
 * answer on every machine.
 */
import { VIETNAM_OFFSET_MS } from '../sync/protocol/vietnam-time';

export type IsoDate = string & { readonly __isoDate: true };

/** Vietnam has one time zone, UTC+7, with no daylight saving: "today" for lesson facts is the day there. */
export const VIETNAM_UTC_OFFSET_HOURS = VIETNAM_OFFSET_MS / 3_600_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

type Ymd = { readonly year: number; readonly month: number; readonly day: number };

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function split(text: string): Ymd | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 2000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function join({ year, month, day }: Ymd): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as IsoDate;
}

/** The date when `text` is a real calendar day from the year 2000 on ("2026-02-30" is not), else null. */
export function parseIsoDate(text: string): IsoDate | null {
  const ymd = split(text);
  return ymd === null ? null : join(ymd);
}

/** `date` plus whole months; a day past the end of the target month becomes its last day (31/1 + 1 → 28/2 or 29/2). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = split(date)!;
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return join({ year: targetYear, month: targetMonth, day: Math.min(day, daysInMonth(targetYear, targetMonth)) });
}

/** Negative, zero or positive as `a` is before, on or after `b` (zero-padded ISO dates sort as text). */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The calendar date at `wallMs` in a fixed offset from UTC (Vietnam: +7 h, no daylight saving). */
export function isoDateAt(wallMs: number, utcOffsetHours: number): IsoDate {
  const shifted = new Date(wallMs + utcOffsetHours * 3_600_000);
  return join({ year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() });
}
