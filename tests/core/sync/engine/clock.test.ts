// reference/sync.md §4.7: nothing is refused for its clock; the offset is measured for display only.
import { describe, expect, it } from 'vitest';
import { betterSample, clockSample } from '../../../../electron/core/sync/engine/clock-offset';
import { EngineDriver, sends } from './engine-fixture';

const CITY_NOW = Date.UTC(2026, 10, 28, 8, 0, 0);
const IN_2005 = Date.UTC(2005, 0, 1, 0, 0, 0);

describe('clock', () => {
  it('a station whose clock says 2005 syncs exactly like any other and learns its offset', () => {
    const engine = new EngineDriver();
    engine.start(20, 0);
    const commands = engine.cursor(0, { serverTimeMs: CITY_NOW, sentAtMs: IN_2005, receivedAtMs: IN_2005 + 400 });
    expect(sends(commands)).toEqual([{ fromSeq: 1, count: 20 }]);
    expect(engine.state.clock).toEqual({ offsetMs: IN_2005 + 200 - CITY_NOW, rttMs: 400 });
    engine.uploaded(20, { at: CITY_NOW });
    expect(engine.state.phase).toBe('idle');
    expect(engine.state.acked?.seq).toBe(20);
  });

  it('estimates offset NTP-style and keeps the tightest sample', () => {
    expect(clockSample(1_000, 1_200, 500)).toEqual({ offsetMs: 600, rttMs: 200 });
    const loose = clockSample(1_000, 3_000, 1_000);
    const tight = clockSample(5_000, 5_100, 4_950);
    expect(betterSample(loose, tight)).toEqual(tight);
    expect(betterSample(tight, loose)).toEqual(tight);
  });

  it('drops the old sample when the station clock is changed during a session', () => {
    const before = clockSample(10_000, 10_050, 10_000);
    const afterJumpBack3h = clockSample(10_000 - 3 * 3_600_000, 10_000 - 3 * 3_600_000 + 900, 20_000);
    expect(betterSample(before, afterJumpBack3h)).toEqual(afterJumpBack3h);
  });

  it('ignores a sample when the station clock went backwards during the request, and syncs anyway', () => {
    expect(clockSample(5_000, 4_000, 1)).toBeNull();
    const engine = new EngineDriver();
    engine.start(3, 0);
    const commands = engine.cursor(0, { serverTimeMs: CITY_NOW, sentAtMs: CITY_NOW, receivedAtMs: CITY_NOW - 10_800_000 });
    expect(sends(commands)).toEqual([{ fromSeq: 1, count: 3 }]);
    expect(engine.state.clock).toBeNull();
  });

  it('records the last success in station time, whatever that clock says', () => {
    const engine = new EngineDriver();
    engine.start(0, 0);
    engine.cursor(0, { serverTimeMs: CITY_NOW, sentAtMs: IN_2005, receivedAtMs: IN_2005 + 5 });
    expect(engine.state.lastSuccessMs).toBe(IN_2005 + 5);
  });
});
