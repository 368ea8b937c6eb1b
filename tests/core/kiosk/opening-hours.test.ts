import { describe, expect, it } from 'vitest';
import { KioskPolicyError } from '../../../electron/core/kiosk/kiosk-policy-error';
import { checkTimeRange, checkWeeklySchedule, isOpenAt, localTimeAt, parseClockTime, VIETNAM_UTC_OFFSET_MINUTES, type WeeklySchedule } from '../../../electron/core/kiosk/opening-hours';

const office = [
  { from: '07:30', to: '11:30' },
  { from: '13:30', to: '17:00' },
];
const schedule: WeeklySchedule = { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [{ from: '08:00', to: '24:00' }], sun: [] };
const VN = VIETNAM_UTC_OFFSET_MINUTES;
/** UTC ms of a Vietnam local time. */
const vn = (iso: string) => Date.parse(`${iso}+07:00`);

describe('opening hours', () => {
  it('reads the local weekday and minute in UTC+7 without the PC time zone', () => {
    // 2026-03-02 is a Monday. 23:30 UTC on Sunday is already Monday 06:30 in Vietnam.
    expect(localTimeAt(Date.parse('2026-03-01T23:30:00Z'), VN)).toEqual({ day: 'mon', minuteOfDay: 6 * 60 + 30 });
    expect(localTimeAt(Date.parse('2026-03-01T23:30:00Z'), 0)).toEqual({ day: 'sun', minuteOfDay: 23 * 60 + 30 });
    expect(localTimeAt(Date.parse('1969-12-31T23:59:00Z'), 0)).toEqual({ day: 'wed', minuteOfDay: 1439 });
  });

  it('is open inside a range and closed outside, with half-open ends', () => {
    expect(isOpenAt(schedule, vn('2026-03-02T07:29'), VN)).toBe(false);
    expect(isOpenAt(schedule, vn('2026-03-02T07:30'), VN)).toBe(true);
    expect(isOpenAt(schedule, vn('2026-03-02T11:29'), VN)).toBe(true);
    expect(isOpenAt(schedule, vn('2026-03-02T11:30'), VN)).toBe(false);
    expect(isOpenAt(schedule, vn('2026-03-02T12:00'), VN)).toBe(false);
    expect(isOpenAt(schedule, vn('2026-03-02T16:59'), VN)).toBe(true);
    expect(isOpenAt(schedule, vn('2026-03-02T17:00'), VN)).toBe(false);
  });

  it('handles closed days and a range running to 24:00', () => {
    expect(isOpenAt(schedule, vn('2026-03-07T23:59'), VN)).toBe(true); // Saturday
    expect(isOpenAt(schedule, vn('2026-03-08T00:00'), VN)).toBe(false); // Sunday: closed all day
    expect(isOpenAt(schedule, vn('2026-03-08T10:00'), VN)).toBe(false);
  });

  it('uses the injected offset, not the host time zone', () => {
    const instant = vn('2026-03-02T08:00');
    expect(isOpenAt(schedule, instant, VN)).toBe(true);
    expect(isOpenAt(schedule, instant, 0)).toBe(false); // 01:00 UTC
  });

  it('parses clock times and refuses bad ones with typed errors', () => {
    expect(parseClockTime('00:00')).toBe(0);
    expect(parseClockTime('24:00')).toBe(1440);
    for (const bad of ['7:30', '24:01', '25:00', '12:60', 'noon', '']) {
      expect(() => parseClockTime(bad)).toThrow(KioskPolicyError);
    }
    expect(() => checkTimeRange({ from: '17:00', to: '07:30' })).toThrow(/ends at or before it starts/);
    expect(() => checkTimeRange({ from: '08:00', to: '08:00' })).toThrow(expect.objectContaining({ code: 'bad_range' }));
    expect(() => checkTimeRange({ from: '24:00', to: '24:00' })).toThrow(expect.objectContaining({ code: 'bad_clock_time' }));
    expect(() => checkWeeklySchedule({ ...schedule, sun: [{ from: '9:00', to: '10:00' }] })).toThrow(expect.objectContaining({ code: 'bad_clock_time' }));
    expect(() => localTimeAt(0, 15 * 60)).toThrow(expect.objectContaining({ code: 'bad_offset' }));
    expect(() => localTimeAt(Number.NaN, VN)).toThrow(expect.objectContaining({ code: 'bad_time' }));
  });
});
