// Clock chaos (reference/sync.md §5 #17): a station clock in 2005 (CMOS reset), a jump of +1 year
// and one of −3 h in the middle of a visit, a reboot with the clock back in 2005, a time-zone change.
// Expected: every event recorded and accepted (zero refused), seq gapless, HLC never decreasing,
// `clock.jump` events written, the hub notes the skew.
import { describe, expect, it } from 'vitest';
import { countEvents } from '../../city/store/event-store';
import { findStation } from '../../city/store/station-store';
import { faultHubForFile } from './fault-suite';
import { FaultStation, freshStationId } from './fault-station';
import type { WrittenEvent } from './fault-station';
import { expectInvariants, stationInput } from './invariants';
import { FakeClock } from '../support/station-db';
import { enrolStation } from '../../electron/station/sync/enrol';
import { attendanceSheet, buildStationReport } from '../../electron/station/reports/station-report';
import { formatVietnamDate } from '../../electron/core/reports/vietnam-time';

const HOUR = 3_600_000;
const YEAR = 365 * 24 * HOUR;
const VISIT = (n: number) => [
  { kind: 'attendance.checkin' as const, payload: { learner_key: 'd'.repeat(64), visit_id: `clock-visit-${n}`, method: 'card' as const } },
];

function expectOrdered(events: readonly WrittenEvent[]): void {
  events.forEach((event, index) => {
    expect(event.seq).toBe(index + 1);
    // Fixed-width HLC strings: text order is time order.
    if (index > 0) expect(event.hlc > (events[index - 1] as WrittenEvent).hlc).toBe(true);
  });
}

describe('clock chaos', () => {
  const faults = faultHubForFile();

  async function stationAt(wallMs: number): Promise<FaultStation> {
    const s = faults.track(new FaultStation(freshStationId(), new FakeClock(wallMs)));
    await enrolStation({ dataDir: s.dir, hubUrl: faults.hub.url, stationId: s.stationId, code: await faults.hub.issueCode(s.stationId), appVersion: 'x', wallMs: s.clock.wallMs, open: { db: s.db, log: s.log } });
    return s;
  }

  it('#17 a station living in 2005 records, syncs and is flagged, never refused', async () => {
    const s = await stationAt(Date.UTC(2005, 0, 1, 8));
    s.record(40);
    const sync = s.service();
    expect(await sync.runOnce()).toMatchObject({ ok: true, ackedSeq: 40 });
    expect(sync.status().clockOffsetMs).toBeLessThan(-20 * YEAR);
    const row = await findStation(faults.hub.ctx.db, s.stationId);
    expect(row?.last_offset_ms).toBeGreaterThan(20 * YEAR);
    expect(s.answers.every((answer) => answer.status === 200)).toBe(true);
    expectOrdered(s.events());
    await expectInvariants(stationInput(s, faults.hub.ctx.db));
  });

  it('#17 +1 year and −3 h jumps in the middle of a visit: clock.jump events, HLC keeps rising, all accepted', async () => {
    const s = await stationAt(Date.UTC(2026, 10, 28, 8));
    s.log.append(VISIT(1));
    s.clock.advance(60_000);
    s.clock.wall += YEAR; // NTP fixes a year of drift: the wall clock moves, the monotonic one does not
    s.log.append(VISIT(2));
    s.clock.advance(60_000);
    s.clock.wall -= 3 * HOUR; // someone sets the clock back mid-visit
    s.log.append(VISIT(3));
    s.clock.advance(60_000);
    s.log.append(VISIT(4));
    const events = s.events();
    const jumps = events.filter((event) => event.kind === 'clock.jump').map((event) => JSON.parse(event.payload) as { from_ms: number; to_ms: number });
    expect(jumps).toHaveLength(2);
    expect((jumps[0] as { to_ms: number }).to_ms - (jumps[0] as { from_ms: number }).from_ms).toBe(YEAR);
    expect((jumps[1] as { to_ms: number }).to_ms - (jumps[1] as { from_ms: number }).from_ms).toBe(-3 * HOUR);
    expectOrdered(events);
    expect(await s.service().runOnce()).toMatchObject({ ok: true, ackedSeq: events.length });
    expect(await countEvents(faults.hub.ctx.db, { stationId: s.stationId, epoch: 1 })).toBe(events.length);
    await expectInvariants(stationInput(s, faults.hub.ctx.db));
  });

  it('#17 CMOS reset: a reboot with the clock back in 2005 keeps the HLC ahead of every earlier event', async () => {
    const s = await stationAt(Date.UTC(2026, 10, 28, 8));
    s.record(10);
    expect(await s.service().runOnce()).toMatchObject({ ok: true, ackedSeq: 10 });
    s.crash();
    s.clock.wall = Date.UTC(2005, 0, 1);
    s.clock.mono = 500; // a new boot: the monotonic clock starts again
    s.open();
    s.record(10);
    const events = s.events();
    expectOrdered(events);
    const last = events.at(-1) as WrittenEvent;
    expect(last.wall_ms).toBe(Date.UTC(2005, 0, 1) + 1_000);
    expect(Number(last.hlc.slice(0, 13))).toBeGreaterThanOrEqual(Date.UTC(2026, 10, 28, 8));
    expect(await s.service().runOnce()).toMatchObject({ ok: true, ackedSeq: 20 });
    await expectInvariants(stationInput(s, faults.hub.ctx.db));
  });

  // This test used to set TZ around appends whose times came from a fake clock, so TZ could not
  // matter and the test could not fail. Now it first proves the TZ switch takes effect in this process
  // (local-time functions change), then checks that what the station stores and what its reports and
  // attendance sheet print do not: every day boundary is Vietnam time (UTC+7), never the PC's zone.
  it('#17 a time-zone change on the PC changes no stored time and no report: Vietnam time everywhere', async () => {
    // 23:30 in Vietnam on 28/11: late evening, the day boundary is close in every zone.
    const now = Date.UTC(2026, 10, 28, 16, 30);
    const s = await stationAt(now - 2 * HOUR);
    const zone = process.env.TZ;
    const seen: Array<{ zone: string; localHour: number; report: unknown; sheet: unknown; label: string }> = [];
    try {
      for (const [n, tz] of (['Asia/Ho_Chi_Minh', 'Pacific/Kiritimati', 'America/Los_Angeles'] as const).entries()) {
        process.env.TZ = tz;
        s.clock.advance(60_000);
        s.log.append(VISIT(n + 1));
        const report = buildStationReport(s.db, { period: 'today', nowMs: now, lessons: [] });
        const sheet = attendanceSheet(s.db, { period: 'today', nowMs: now, lessons: [] });
        seen.push({ zone: tz, localHour: new Date(now).getHours(), report, sheet, label: formatVietnamDate(now) });
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    // The switch is real: the same instant has three different local hours in this process.
    expect(new Set(seen.map((entry) => entry.localHour)).size).toBe(3);
    // Nothing the station computes moved with it.
    expect(seen.map((entry) => entry.label)).toEqual(['28/11/2026', '28/11/2026', '28/11/2026']);
    const first = seen[0];
    for (const entry of seen.slice(1)) expect(entry.report).toMatchObject({ period: (first?.report as { period: unknown }).period });
    expect((seen[2]?.report as { visits: number }).visits).toBe(3);
    expect((seen[2]?.sheet as unknown[]).length).toBe(3);
    const events = s.events();
    expect(events.map((event) => event.kind)).toEqual(['attendance.checkin', 'attendance.checkin', 'attendance.checkin']);
    expect(events.map((event) => event.wall_ms - (events[0] as WrittenEvent).wall_ms)).toEqual([0, 60_000, 120_000]);
    expect(await s.service().runOnce()).toMatchObject({ ok: true, ackedSeq: 3 });
    await expectInvariants(stationInput(s, faults.hub.ctx.db));
  });
});
