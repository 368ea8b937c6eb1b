// Issue #21 item 4: the hub counts age bands in SQL (city/store/report-store.ts) and the station in
// TypeScript (electron/core/reports/age-bands.ts). A station's printed sheet and the hub's dashboard
// must put every learner in the same band, so this runs the hub's query over every birth year a card
// can carry and compares each answer with the station's function.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGE_BANDS as STATION_AGE_BANDS, ageBandOf } from '../../../electron/core/reports/age-bands';
import { AGE_BANDS as HUB_AGE_BANDS } from '../../../city/reports/progress';
import { migrateHubDatabase } from '../../../city/db/migrate';
import { learnerGroups } from '../../../city/store/report-store';
import { openTestDatabase } from '../support/hub-harness';
import type { TestDatabase } from '../support/hub-harness';

/** Noon on 1 July of `year` in Vietnam: any instant of the year gives the same calendar-year age. */
const midYear = (year: number) => Date.UTC(year, 6, 1, 5);
// Ward codes are one per birth year so each row comes back alone; 0 is the hub's "no birth year".
const BIRTH_YEARS = [0, ...Array.from({ length: 2060 - 1860 + 1 }, (_, i) => 1860 + i)];
const wardOf = (birthYear: number) => `w${birthYear}`;

describe('age bands: the hub SQL and the station agree', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    await migrateHubDatabase(database.db);
    const values = BIRTH_YEARS.map((_, i) => `($${i * 2 + 1}, $${i * 2 + 2}::integer, 'female', 1)`).join(', ');
    await database.db.query(
      `INSERT INTO ward_learner_profiles (ward, birth_year, gender, learners) VALUES ${values}`,
      BIRTH_YEARS.flatMap((year) => [wardOf(year), year]),
    );
  }, 60_000);
  afterAll(async () => database?.cleanup());

  it('has the same band names in the same order', () => {
    expect([...HUB_AGE_BANDS]).toEqual([...STATION_AGE_BANDS]);
  });

  it.each([2025, 2026, 2031, 2050])('puts every birth year in the station band in report year %i', async (reportYear) => {
    const rows = await learnerGroups(database.db, { reportYear });
    const hub = new Map(rows.map((row) => [row.ward, row.age_band]));
    const station = new Map(BIRTH_YEARS.map((year) => [wardOf(year), ageBandOf(year === 0 ? null : year, midYear(reportYear))]));
    expect(hub).toEqual(station);
    // Not a vacuous agreement: the years cover every band.
    expect(new Set(station.values())).toEqual(new Set(STATION_AGE_BANDS));
  });
});
