/**
 * Age bands of the digital-literacy reporting: school age 6–14, 15–17, working age 18–59, elderly 60+,
 * and "unknown". The station keeps only the birth year, so age is the calendar-year difference at the
 * report date in Vietnam: the same rule as the city hub (city/store/report-store.ts), so a station's
 * sheet and the city's dashboard agree. Below 6, or an implausible year, is "unknown": that is a
 * misread card, not a learner.
 */
import type { Bilingual } from './report-types';
import { vietnamYear } from './vietnam-time';

export const AGE_BANDS = ['6-14', '15-17', '18-59', '60+', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const AGE_BAND_LABELS: Readonly<Record<AgeBand, Bilingual>> = {
  '6-14': { vi: '6–14 tuổi', en: 'Age 6–14' },
  '15-17': { vi: '15–17 tuổi', en: 'Age 15–17' },
  '18-59': { vi: '18–59 tuổi', en: 'Age 18–59' },
  '60+': { vi: 'Từ 60 tuổi', en: 'Age 60+' },
  unknown: { vi: 'Không rõ', en: 'Unknown' },
};

const MAX_AGE = 130;

/** The age in whole years by calendar year at `atMs`, or null when the birth year is unusable. */
export function ageAt(birthYear: number | null | undefined, atMs: number): number | null {
  if (birthYear === null || birthYear === undefined || !Number.isInteger(birthYear)) return null;
  const age = vietnamYear(atMs) - birthYear;
  return age >= 0 && age <= MAX_AGE ? age : null;
}

/** The band of a birth year at `atMs`. */
export function ageBandOf(birthYear: number | null | undefined, atMs: number): AgeBand {
  const age = ageAt(birthYear, atMs);
  if (age === null || age < 6) return 'unknown';
  if (age <= 14) return '6-14';
  if (age <= 17) return '15-17';
  if (age <= 59) return '18-59';
  return '60+';
}

/** A zeroed count per band, in display order. */
export function emptyAgeBandCounts(): Record<AgeBand, number> {
  return { '6-14': 0, '15-17': 0, '18-59': 0, '60+': 0, unknown: 0 };
}
