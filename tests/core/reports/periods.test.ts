import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inPeriod, parsePeriodName, PERIOD_NAMES, reportPeriod } from '../../../electron/core/reports/periods';
import { ReportError } from '../../../electron/core/reports/report-error';
import { formatVietnamDate, formatVietnamTime, vietnamIsoDate, vietnamParts } from '../../../electron/core/reports/vietnam-time';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Local Vietnam midnight of a calendar day, written independently of the code under test. */
const vnMidnight = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) - 7 * HOUR;

describe('reportPeriod', () => {
  // Saturday 28/11/2026 15:00 in Vietnam.
  const now = Date.UTC(2026, 10, 28, 8, 0);

  it('gives today, the Monday-to-Sunday week and the month as local-midnight ranges', () => {
    expect(reportPeriod('today', now)).toEqual({ name: 'today', fromMs: vnMidnight(2026, 11, 28), toMs: vnMidnight(2026, 11, 29), label: { vi: 'Ngày 28/11/2026', en: 'Day 28/11/2026' } });
    expect(reportPeriod('week', now)).toEqual({
      name: 'week',
      fromMs: vnMidnight(2026, 11, 23),
      toMs: vnMidnight(2026, 11, 30),
      label: { vi: 'Tuần 23/11/2026 – 29/11/2026', en: 'Week 23/11/2026 – 29/11/2026' },
    });
    expect(reportPeriod('month', now)).toEqual({ name: 'month', fromMs: vnMidnight(2026, 11, 1), toMs: vnMidnight(2026, 12, 1), label: { vi: 'Tháng 11/2026', en: 'November 2026' } });
  });

  it('switches day at local midnight (17:00 UTC), not at UTC midnight', () => {
    const lastMsOf27 = Date.UTC(2026, 10, 27, 16, 59, 59, 999);
    expect(reportPeriod('today', lastMsOf27).label.vi).toBe('Ngày 27/11/2026');
    expect(reportPeriod('today', lastMsOf27 + 1).label.vi).toBe('Ngày 28/11/2026');
    expect(reportPeriod('today', lastMsOf27 + 1).fromMs).toBe(lastMsOf27 + 1);
    // 06:30 in Hạ Long is still the 27th in UTC, but it is the 28th on the attendance sheet.
    expect(reportPeriod('today', Date.UTC(2026, 10, 27, 23, 30)).label.vi).toBe('Ngày 28/11/2026');
  });

  it('starts the week on Monday: Sunday night belongs to the week before', () => {
    const sundayLate = vnMidnight(2026, 11, 30) - 1;
    expect(reportPeriod('week', sundayLate).fromMs).toBe(vnMidnight(2026, 11, 23));
    expect(reportPeriod('week', sundayLate + 1).fromMs).toBe(vnMidnight(2026, 11, 30));
  });

  it('crosses month and year ends', () => {
    // Friday 01/01/2027 00:30 in Vietnam is still 31/12/2026 in UTC.
    const newYear = Date.UTC(2026, 11, 31, 17, 30);
    expect(reportPeriod('today', newYear).label.vi).toBe('Ngày 01/01/2027');
    expect(reportPeriod('month', newYear)).toMatchObject({ fromMs: vnMidnight(2027, 1, 1), toMs: vnMidnight(2027, 2, 1), label: { vi: 'Tháng 01/2027', en: 'January 2027' } });
    expect(reportPeriod('week', newYear)).toMatchObject({ fromMs: vnMidnight(2026, 12, 28), toMs: vnMidnight(2027, 1, 4), label: { vi: 'Tuần 28/12/2026 – 03/01/2027' } });
    expect(reportPeriod('month', Date.UTC(2026, 11, 15))).toMatchObject({ fromMs: vnMidnight(2026, 12, 1), toMs: vnMidnight(2027, 1, 1) });
    const week = reportPeriod('week', Date.UTC(2026, 1, 27, 3)); // Fri 27/02/2026: week runs into March
    expect(week).toMatchObject({ fromMs: vnMidnight(2026, 2, 23), toMs: vnMidnight(2026, 3, 2) });
  });

  it('knows month lengths, leap Februaries included', () => {
    const length = (y: number, m: number) => {
      const p = reportPeriod('month', vnMidnight(y, m, 10));
      return (p.toMs - p.fromMs) / DAY;
    };
    expect(length(2028, 2)).toBe(29);
    expect(length(2026, 2)).toBe(28);
    expect(length(2100, 2)).toBe(28);
    expect(length(2026, 4)).toBe(30);
    expect(length(2026, 12)).toBe(31);
  });

  it('always contains now and starts on a local midnight (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }), fc.constantFrom(...PERIOD_NAMES), (now, name) => {
        const p = reportPeriod(name, now);
        expect(inPeriod(p, now)).toBe(true);
        const start = vietnamParts(p.fromMs);
        expect([start.hour, start.minute]).toEqual([0, 0]);
        expect((p.fromMs + 7 * HOUR) % DAY).toBe(0);
        if (name === 'today') expect(p.toMs - p.fromMs).toBe(DAY);
        if (name === 'week') {
          expect(p.toMs - p.fromMs).toBe(7 * DAY);
          expect(start.weekday).toBe(0);
        }
        if (name === 'month') {
          expect(start.day).toBe(1);
          expect(vietnamParts(p.toMs).day).toBe(1);
        }
      }),
    );
  });

  it('is half-open, so adjacent periods never share a visit', () => {
    const p = reportPeriod('today', Date.UTC(2026, 10, 28, 8));
    expect(inPeriod(p, p.fromMs)).toBe(true);
    expect(inPeriod(p, p.toMs)).toBe(false);
    expect(reportPeriod('today', p.toMs).fromMs).toBe(p.toMs);
  });

  it('refuses an unknown period or a broken clock with a typed error', () => {
    expect(() => reportPeriod('year', 0)).toThrow(expect.objectContaining({ name: 'ReportError', code: 'unknown_period' }));
    expect(() => parsePeriodName('Today')).toThrow(ReportError);
    expect(parsePeriodName('week')).toBe('week');
    expect(() => reportPeriod('today', Number.NaN)).toThrow(expect.objectContaining({ code: 'bad_time' }));
    expect(() => reportPeriod('month', Number.POSITIVE_INFINITY)).toThrow(expect.objectContaining({ code: 'bad_time' }));
  });
});

describe('Vietnam-time formatting', () => {
  it('writes dates and times the Vietnamese way, in local time', () => {
    const ms = Date.UTC(2026, 10, 27, 23, 5); // 06:05 on 28/11 in Vietnam
    expect(formatVietnamDate(ms)).toBe('28/11/2026');
    expect(formatVietnamTime(ms)).toBe('06:05');
    expect(vietnamIsoDate(ms)).toBe('2026-11-28');
    expect(formatVietnamTime(Date.UTC(2026, 10, 28, 16, 59))).toBe('23:59');
  });
});
