import { describe, expect, it } from 'vitest';
import { compareCivilDates, parseCardDate, toIsoDate, vietnamDateAt } from '../../../electron/core/identity/civil-date';

describe('vietnamDateAt', () => {
  it('matches the calendar in UTC+7 across many instants', () => {
    for (let ms = Date.UTC(1899, 0, 1); ms < Date.UTC(2101, 0, 1); ms += 7_919 * 60 * 60 * 1000) {
      const shifted = new Date(ms + 7 * 60 * 60 * 1000);
      expect(vietnamDateAt(ms)).toEqual({ year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() });
    }
  });

  it('turns the day at 17:00 UTC', () => {
    expect(vietnamDateAt(Date.UTC(2025, 11, 31, 16, 59, 59))).toEqual({ year: 2025, month: 12, day: 31 });
    expect(vietnamDateAt(Date.UTC(2025, 11, 31, 17, 0, 0))).toEqual({ year: 2026, month: 1, day: 1 });
  });
});

describe('parseCardDate', () => {
  it('reads ddmmyyyy and dd/mm/yyyy', () => {
    expect(parseCardDate('15042021')).toEqual({ year: 2021, month: 4, day: 15 });
    expect(parseCardDate('15/04/2021')).toEqual({ year: 2021, month: 4, day: 15 });
  });

  it('refuses malformed and impossible dates', () => {
    for (const text of ['', '1504202', '150420211', '15-04-2021', '15/042021', '1504/2021', '31062021', '29021900', '01011899', '00012000', 'ab042021']) {
      expect(parseCardDate(text)).toBeNull();
    }
    expect(parseCardDate('29022000')).toEqual({ year: 2000, month: 2, day: 29 });
  });

  it('orders and formats dates', () => {
    expect(compareCivilDates({ year: 2021, month: 4, day: 15 }, { year: 2021, month: 4, day: 16 })).toBeLessThan(0);
    expect(compareCivilDates({ year: 2021, month: 5, day: 1 }, { year: 2021, month: 4, day: 30 })).toBeGreaterThan(0);
    expect(toIsoDate({ year: 1995, month: 1, day: 2 })).toBe('1995-01-02');
  });
});
