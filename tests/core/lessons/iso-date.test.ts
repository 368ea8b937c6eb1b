import { describe, expect, it } from 'vitest';
import { addMonths, compareIsoDates, isoDateAt, parseIsoDate, type IsoDate } from '../../../electron/core/lessons/iso-date';

const d = (text: string): IsoDate => {
  const date = parseIsoDate(text);
  if (date === null) throw new Error(text);
  return date;
};

describe('ISO dates', () => {
  it('parses real calendar days only', () => {
    expect(parseIsoDate('2026-12-04')).toBe('2026-12-04');
    expect(parseIsoDate('2028-02-29')).toBe('2028-02-29');
    for (const bad of ['2026-02-29', '2100-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-12-4', '26-12-04', '1999-12-31', ' 2026-12-04', '2026-12-04T00:00']) {
      expect(parseIsoDate(bad), bad).toBeNull();
    }
    expect(parseIsoDate('2000-02-29')).toBe('2000-02-29');
  });

  it('adds months, keeping the day or falling back to the month end', () => {
    expect(addMonths(d('2026-12-04'), 12)).toBe('2027-12-04');
    expect(addMonths(d('2026-01-31'), 1)).toBe('2026-02-28');
    expect(addMonths(d('2028-01-31'), 1)).toBe('2028-02-29');
    expect(addMonths(d('2028-02-29'), 12)).toBe('2029-02-28');
    expect(addMonths(d('2026-11-30'), 3)).toBe('2027-02-28');
    expect(addMonths(d('2026-03-15'), -3)).toBe('2025-12-15');
  });

  it('compares as calendar order', () => {
    expect(compareIsoDates(d('2026-12-04'), d('2027-01-01'))).toBeLessThan(0);
    expect(compareIsoDates(d('2026-12-04'), d('2026-12-04'))).toBe(0);
    expect(compareIsoDates(d('2027-01-01'), d('2026-12-31'))).toBeGreaterThan(0);
  });

  it('takes the calendar day in Vietnam (UTC+7) from a wall clock', () => {
    const utc = (iso: string) => Date.parse(iso);
    expect(isoDateAt(utc('2026-12-03T16:59:59Z'), 7)).toBe('2026-12-03');
    expect(isoDateAt(utc('2026-12-03T17:00:00Z'), 7)).toBe('2026-12-04');
    expect(isoDateAt(utc('2026-12-31T23:00:00Z'), 7)).toBe('2027-01-01');
  });
});
