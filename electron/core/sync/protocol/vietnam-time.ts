/**
 * Vietnam time as both sides count it: UTC+7 all year, no daylight saving, fixed rather than read
 * from a PC (commune PCs often run with the wrong Windows time zone while their UTC clock is right).
 * The station's reports and the hub's per-day rollups and monthly partitions all cut days here, so a
 * visit at 06:30 in Hạ Long belongs to the same day on the kiosk, on the hub and on paper.
 */
export const VIETNAM_OFFSET_MS = 7 * 3_600_000;
export const DAY_MS = 86_400_000;

/** Days since 1970-01-01 in Vietnam at `ms`. */
export function vietnamDayNumber(ms: number): number {
  return Math.floor((ms + VIETNAM_OFFSET_MS) / DAY_MS);
}
