import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_CONFIG } from '../../electron/station/config/station-config';
import { electronMock } from '../support/electron-mock';

vi.mock('electron', () => electronMock());

const electron = await import('electron');
const { POWER_CHECK_INTERVAL_MS, startPowerSchedule } = await import('../../electron/main/power');

const blocker = electron.powerSaveBlocker as unknown as { running: Map<number, string>; start: ReturnType<typeof vi.fn> };
const vn = (iso: string) => Date.parse(`${iso}+07:00`);
const MIN = 60_000;

describe('power schedule', () => {
  let clock: number;
  let relaunch: ReturnType<typeof vi.fn<() => void>>;
  let schedule: ReturnType<typeof startPowerSchedule> | null = null;
  const start = (at: string, quietHourForRelaunch: number | null = 3) => {
    clock = vn(at);
    relaunch = vi.fn<() => void>();
    schedule = startPowerSchedule({ openingHours: DEMO_CONFIG.openingHours, quietHourForRelaunch, relaunch, nowMs: () => clock, log: () => undefined });
    return schedule;
  };
  const advance = (ms: number) => {
    clock += ms;
    vi.advanceTimersByTime(ms);
  };

  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    schedule?.stop();
    schedule = null;
    blocker.running.clear();
    blocker.start.mockClear();
    vi.useRealTimers();
  });

  it('keeps the display awake during opening hours only, checked every minute', () => {
    // Monday 2026-03-02; the demo schedule opens 07:30–11:30 and 13:30–17:00.
    const power = start('2026-03-02T07:28');
    expect(power.isHoldingDisplay()).toBe(false);
    advance(2 * POWER_CHECK_INTERVAL_MS);
    expect(power.isHoldingDisplay()).toBe(true);
    expect([...blocker.running.values()]).toEqual(['prevent-display-sleep']);
    advance(4 * 60 * MIN);
    expect(power.isHoldingDisplay()).toBe(false);
    expect(blocker.running.size).toBe(0);
    advance(2 * 60 * MIN);
    expect(power.isHoldingDisplay()).toBe(true);
    expect(blocker.start).toHaveBeenCalledTimes(2);
  });

  it('starts holding at once when started inside opening hours, and releases on stop', () => {
    const power = start('2026-03-02T09:00');
    expect(power.isHoldingDisplay()).toBe(true);
    power.stop();
    expect(blocker.running.size).toBe(0);
    expect(power.isHoldingDisplay()).toBe(false);
  });

  it('never holds the display on a closed day', () => {
    const power = start('2026-03-08T09:00'); // Sunday: closed in the demo schedule
    advance(8 * 60 * MIN);
    expect(power.isHoldingDisplay()).toBe(false);
    expect(blocker.start).not.toHaveBeenCalled();
  });

  it('relaunches once at the quiet hour', () => {
    start('2026-03-02T22:00');
    advance(4 * 60 * MIN + MIN); // past 03:00 on Tuesday
    expect(relaunch).not.toHaveBeenCalled();
    advance(60 * MIN);
    expect(relaunch).toHaveBeenCalledTimes(1);
    advance(30 * MIN);
    expect(relaunch).toHaveBeenCalledTimes(1);
  });

  it('with the update controller: asks it every minute of the quiet hour, with the minutes left, until it restarts the app', () => {
    clock = vn('2026-03-02T22:00');
    relaunch = vi.fn<() => void>();
    const answers = [false, false, true];
    const nightly = vi.fn((_minutesLeft: number) => answers.shift() ?? true);
    schedule = startPowerSchedule({ openingHours: DEMO_CONFIG.openingHours, quietHourForRelaunch: 3, relaunch, nightly, nowMs: () => clock, log: () => undefined });
    advance(4 * 60 * MIN + 59 * MIN); // 02:59 on Tuesday
    expect(nightly).not.toHaveBeenCalled();
    advance(MIN); // 03:00
    expect(nightly).toHaveBeenCalledTimes(1);
    expect(nightly).toHaveBeenLastCalledWith(60);
    advance(MIN);
    advance(MIN);
    expect(nightly.mock.calls.map(([minutesLeft]) => minutesLeft)).toEqual([60, 59, 58]);
    advance(30 * MIN);
    expect(nightly).toHaveBeenCalledTimes(3);
    // The controller relaunches or installs itself; the plain relaunch is not called beside it.
    expect(relaunch).not.toHaveBeenCalled();
  });

  it('reads the quiet hour at every check, so a new one from a signed config runs without a restart', () => {
    clock = vn('2026-03-02T22:00');
    relaunch = vi.fn<() => void>();
    let quietHour: number | null = 3;
    schedule = startPowerSchedule({ openingHours: DEMO_CONFIG.openingHours, quietHourForRelaunch: () => quietHour, relaunch, nowMs: () => clock, log: () => undefined });
    quietHour = 4;
    advance(5 * 60 * MIN + 30 * MIN); // 03:30: not the quiet hour any more
    expect(relaunch).not.toHaveBeenCalled();
    advance(40 * MIN); // 04:10
    expect(relaunch).toHaveBeenCalledTimes(1);
  });

  it('does not relaunch in the quiet hour right after starting, nor when it is null', () => {
    start('2026-03-03T03:05');
    advance(50 * MIN);
    expect(relaunch).not.toHaveBeenCalled();
    schedule?.stop();
    start('2026-03-02T22:00', null);
    advance(24 * 60 * MIN);
    expect(relaunch).not.toHaveBeenCalled();
  });
});
