import { describe, expect, it } from 'vitest';
import { AGE_BANDS, ageAt, ageBandOf, emptyAgeBandCounts } from '../../../electron/core/reports/age-bands';

const in2026 = Date.UTC(2026, 5, 1);

describe('ageBandOf', () => {
  it.each([
    [2021, 'unknown'], // 5: below school age, a misread card rather than a learner
    [2020, '6-14'],
    [2012, '6-14'],
    [2011, '15-17'],
    [2009, '15-17'],
    [2008, '18-59'],
    [1967, '18-59'],
    [1966, '60+'],
    [1930, '60+'],
  ] as const)('born %i is %s in 2026', (birthYear, band) => {
    expect(ageBandOf(birthYear, in2026)).toBe(band);
  });

  it('is unknown without a usable birth year', () => {
    expect(ageBandOf(null, in2026)).toBe('unknown');
    expect(ageBandOf(undefined, in2026)).toBe('unknown');
    expect(ageBandOf(2030, in2026)).toBe('unknown');
    expect(ageBandOf(1800, in2026)).toBe('unknown');
    expect(ageBandOf(1970.5, in2026)).toBe('unknown');
  });

  it('takes the calendar year in Vietnam at the report date, not in UTC', () => {
    const newYearVietnam = Date.UTC(2025, 11, 31, 17, 0); // 00:00 on 01/01/2026 in Vietnam
    expect(ageAt(1966, newYearVietnam)).toBe(60);
    expect(ageBandOf(1966, newYearVietnam)).toBe('60+');
    expect(ageBandOf(1966, newYearVietnam - 1)).toBe('18-59');
    expect(ageBandOf(2011, newYearVietnam)).toBe('15-17');
    expect(ageBandOf(2011, newYearVietnam - 1)).toBe('6-14');
  });

  it('has a zeroed counter for every band, in display order', () => {
    expect(Object.keys(emptyAgeBandCounts())).toEqual([...AGE_BANDS]);
    expect(Object.values(emptyAgeBandCounts()).every((n) => n === 0)).toBe(true);
  });
});
