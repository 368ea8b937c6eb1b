import { describe, expect, it } from 'vitest';
import { isNightlyRelaunchDue } from '../../../electron/core/kiosk/nightly-relaunch';
import { VIETNAM_UTC_OFFSET_MINUTES, type WeeklySchedule } from '../../../electron/core/kiosk/opening-hours';

const day = [{ from: '07:00', to: '21:00' }];
const allNight = [{ from: '00:00', to: '24:00' }];
const schedule: WeeklySchedule = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: allNight };
const vn = (iso: string) => Date.parse(`${iso}+07:00`);
const base = { quietHour: 3, schedule, utcOffsetMinutes: VIETNAM_UTC_OFFSET_MINUTES, startedAtMs: vn('2026-03-01T07:00') };

describe('nightly relaunch', () => {
  it('is due in the quiet hour while closed, after an hour of uptime', () => {
    expect(isNightlyRelaunchDue({ ...base, nowMs: vn('2026-03-03T03:00') })).toBe(true);
    expect(isNightlyRelaunchDue({ ...base, nowMs: vn('2026-03-03T03:59') })).toBe(true);
    expect(isNightlyRelaunchDue({ ...base, nowMs: vn('2026-03-03T02:59') })).toBe(false);
    expect(isNightlyRelaunchDue({ ...base, nowMs: vn('2026-03-03T04:00') })).toBe(false);
  });

  it('does not relaunch again right after the relaunch', () => {
    expect(isNightlyRelaunchDue({ ...base, startedAtMs: vn('2026-03-03T03:01'), nowMs: vn('2026-03-03T03:30') })).toBe(false);
  });

  it('skips the night when the station is open at the quiet hour, and never with null', () => {
    expect(isNightlyRelaunchDue({ ...base, nowMs: vn('2026-03-08T03:10') })).toBe(false); // Sunday open all day
    expect(isNightlyRelaunchDue({ ...base, quietHour: null, nowMs: vn('2026-03-03T03:10') })).toBe(false);
  });

  it('refuses an hour outside 0–23', () => {
    expect(() => isNightlyRelaunchDue({ ...base, quietHour: 24, nowMs: 0 })).toThrow(expect.objectContaining({ code: 'bad_hour' }));
  });
});
