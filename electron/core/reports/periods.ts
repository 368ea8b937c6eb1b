/**
 * The report periods a volunteer can pick — today, this week (Monday to Sunday), this month — as
 * half-open ranges [fromMs, toMs) of local Vietnam days around an injected "now". Half-open, so a visit
 * at exactly local midnight belongs to the new day and no visit is ever in two adjacent periods.
 */
import { assertFiniteTime, ReportError } from './report-error';
import type { Bilingual } from './report-types';
import { formatVietnamDate, vietnamMidnight, vietnamParts } from './vietnam-time';

export const PERIOD_NAMES = ['today', 'week', 'month'] as const;
export type PeriodName = (typeof PERIOD_NAMES)[number];

export interface ReportPeriod {
  readonly name: PeriodName;
  /** First instant inside the period (local midnight), epoch ms. */
  readonly fromMs: number;
  /** First instant after the period (local midnight), epoch ms. */
  readonly toMs: number;
  readonly label: Bilingual;
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function isPeriodName(text: string): text is PeriodName {
  return (PERIOD_NAMES as readonly string[]).includes(text);
}

/** Checks a period name from a command line or an IPC call; throws `unknown_period` otherwise. */
export function parsePeriodName(text: string): PeriodName {
  if (isPeriodName(text)) return text;
  // Cut the echo short: the text came from outside and may be anything.
  throw new ReportError('unknown_period', `Kỳ báo cáo không hợp lệ "${text.slice(0, 20)}" (today, week, month) / Unknown period`);
}

/** The period `name` that contains `nowMs`. */
export function reportPeriod(name: string, nowMs: number): ReportPeriod {
  const period = parsePeriodName(name);
  assertFiniteTime(nowMs);
  const { year, month, day, weekday } = vietnamParts(nowMs);
  switch (period) {
    case 'today': {
      const fromMs = vietnamMidnight(year, month, day);
      const date = formatVietnamDate(fromMs);
      return { name: period, fromMs, toMs: vietnamMidnight(year, month, day + 1), label: { vi: `Ngày ${date}`, en: `Day ${date}` } };
    }
    case 'week': {
      const fromMs = vietnamMidnight(year, month, day - weekday);
      const toMs = vietnamMidnight(year, month, day - weekday + 7);
      // The label names the Sunday, the last day inside the period, not the exclusive end.
      const range = `${formatVietnamDate(fromMs)} – ${formatVietnamDate(toMs - 1)}`;
      return { name: period, fromMs, toMs, label: { vi: `Tuần ${range}`, en: `Week ${range}` } };
    }
    case 'month': {
      const mm = String(month).padStart(2, '0');
      return {
        name: period,
        fromMs: vietnamMidnight(year, month, 1),
        toMs: vietnamMidnight(year, month + 1, 1),
        label: { vi: `Tháng ${mm}/${year}`, en: `${MONTHS_EN[month - 1] ?? mm} ${year}` },
      };
    }
  }
}

/** Whether `ms` falls inside the period. */
export function inPeriod(period: Pick<ReportPeriod, 'fromMs' | 'toMs'>, ms: number): boolean {
  return ms >= period.fromMs && ms < period.toMs;
}
