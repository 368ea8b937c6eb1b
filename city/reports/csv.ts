/** CSV export of ward progress: UTF-8 with a BOM (so spreadsheet apps read Vietnamese), RFC 4180 quoting. */
import { AGE_BANDS, COMPETENCY_DOMAINS, GENDERS } from './progress';
import type { WardProgress } from './progress';
import type { WardDirectory } from '../units/ward-directory';
import { guardSpreadsheetText } from '../../electron/core/sync/protocol/spreadsheet-text';

/** One CSV cell; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string') text = guardSpreadsheetText(text);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The progress CSV, one row per ward (the ward's name in the last column, so scripts reading the older columns by position keep working). */
export function progressCsv(wards: readonly WardProgress[], directory: WardDirectory | null = null): string {
  const header = [
    'ward',
    'learners',
    ...AGE_BANDS.map((band) => `age_${band}`),
    ...GENDERS.map((gender) => `gender_${gender}`),
    'lessons_completed',
    ...COMPETENCY_DOMAINS.map((domain) => `competency_${domain}`),
    'target_population',
    'reached_pct',
    'ward_name',
  ];
  const rows = wards.map((w) => [
    w.ward,
    w.learners,
    ...AGE_BANDS.map((band) => w.byAge[band]),
    ...GENDERS.map((gender) => w.byGender[gender]),
    w.lessonsCompleted,
    ...COMPETENCY_DOMAINS.map((domain) => w.byCompetency[domain]),
    w.targetPopulation,
    w.reachedPct,
    directory?.name(w.ward) ?? '',
  ]);
  return `\uFEFF${[header, ...rows].map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
