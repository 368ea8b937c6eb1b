// Issue #16 item 5: events and event_facts partitioned by month (PGlite and PostgreSQL), partitions
// made ahead by the hub, a re-sent event refused by the key whatever its partition, and the retention
// command: old months detached while every report keeps its counts.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCityCli } from '../../../city/cli/city-cli';
import { runAdminCommand } from '../../../city/admin/admin-commands';
import { addMonths, ensurePartitions, eventMonth } from '../../../city/db/partitions';
import { buildProgress } from '../../../city/reports/progress';
import { countEvents } from '../../../city/store/event-store';
import { payloads, StationFixture, uniqueStationId } from '../../support/station-fixture';
import { DRIVERS, enrol, upload, useTestHub } from '../support/hub-harness';
import type { TestDatabase, TestHub } from '../support/hub-harness';

const JULY_2025 = Date.UTC(2025, 6, 15);

describe('event months', () => {
  it('are Vietnam calendar months of the hlc, or of wall_ms when the hlc is malformed', () => {
    const lastOfJuneVn = `${Date.UTC(2025, 5, 30, 17, 30)}-0000`; // 1 July 00:30 in Vietnam
    expect(eventMonth(lastOfJuneVn, 0)).toBe(202507);
    expect(eventMonth('not-a-clock', Date.UTC(2025, 11, 31, 18))).toBe(202601);
    expect(eventMonth('bad', -5)).toBe(197001);
    expect(eventMonth('bad', 9e15)).toBe(209912);
  });
  it('are detached by `tram city detach-raw --older-than N` only with a whole N', async () => {
    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (line: string) => err.push(line), stdin: Readable.from(['']), env: {} };
    expect(await runCityCli(['detach-raw', '--data', '/nonexistent'], io)).toBe(2);
    expect(await runCityCli(['detach-raw', '--older-than', 'six', '--data', '/nonexistent'], io)).toBe(2);
    expect(err.join('\n')).toMatch(/--older-than N \(months\) is required/);
  });
  it('add across years', () => {
    expect(addMonths(202512, 1)).toBe(202601);
    expect(addMonths(202601, -1)).toBe(202512);
    expect(addMonths(202507, -19)).toBe(202312);
  });
});

describe.each(DRIVERS)('monthly partitions (%s)', (driver) => {
  let database: TestDatabase;
  let hub: TestHub;
  useTestHub(driver, (opened) => ({ database, hub } = opened));

  const partitionsOf = async (table: string) =>
    (await hub.ctx.db.query<{ name: string }>('SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass ORDER BY 1', [table])).map((r) => r.name);

  it('makes this month and the next three ahead, and a default', async () => {
    const now = eventMonth('', hub.clock.ms);
    const names = await partitionsOf('events');
    for (let k = -1; k <= 3; k += 1) expect(names).toContain(`events_p${addMonths(now, k)}`);
    expect(names).toContain('events_default');
    expect(await partitionsOf('event_facts')).toContain(`event_facts_p${addMonths(now, 3)}`);
    expect(await ensurePartitions(database.db, { nowMs: hub.clock.ms })).toEqual({ created: [], skipped: [] });
  });

  it('keeps a month whose rows already sit in the default partition there, and says so', async () => {
    const station = new StationFixture(uniqueStationId('27001'));
    await enrol(hub, station);
    const farAhead = Date.UTC(2031, 4, 10);
    station.wallMs = farAhead;
    station.append('attendance.checkin', payloads.checkin('c3'.repeat(32)));
    expect((await upload(hub, station, station.batch(1, 1))).status).toBe(200);
    expect(await hub.ctx.db.query("SELECT count(*)::integer AS n FROM events_default WHERE station_id = $1", [station.stationId])).toEqual([{ n: 1 }]);
    const result = await ensurePartitions(database.db, { nowMs: farAhead, ahead: 0 });
    expect(result.skipped).toContain('203105');
    expect(await countEvents(hub.ctx.db, { stationId: station.stationId, epoch: 1 })).toBe(1);
  });

  it('refuses a second copy of an event in its month', async () => {
    await expect(
      hub.ctx.db.query(
        `INSERT INTO events (station_id, epoch, seq, event_id, kind, payload, wall_ms, hlc, boot_id, mono_ms, prev_hash, hash, received_at, month)
         SELECT station_id, epoch, seq, event_id, kind, payload, wall_ms, hlc, boot_id, mono_ms, prev_hash, hash, received_at + 1, month FROM events LIMIT 1`,
      ),
    ).rejects.toThrow(/duplicate key/);
  });

  it('detaches raw months older than N months while every report keeps its counts', async () => {
    const station = new StationFixture(uniqueStationId('27004'));
    await enrol(hub, station);
    await ensurePartitions(database.db, { nowMs: JULY_2025, ahead: 1 });
    station.wallMs = JULY_2025;
    const key = 'd4'.repeat(32);
    station.append('learner.registered', payloads.registered(key, 1950, 'nam', '27004'));
    station.append('lesson.completed', payloads.lessonCompleted(key, 'dich-vu-cong'));
    station.wallMs = hub.clock.ms;
    station.append('attendance.checkin', payloads.checkin(key));
    expect((await upload(hub, station, station.batch(1, 3))).status).toBe(200);
    const before = await buildProgress(hub.ctx.db, { ward: null, nowMs: hub.clock.ms });
    expect(before.find((w) => w.ward === '27004')).toMatchObject({ learners: 1, lessonsCompleted: 1 });

    expect((await runAdminCommand(hub.ctx, { command: 'detach-raw', older_than_months: 0 })).exit_code).toBe(2);
    const result = await runAdminCommand(hub.ctx, { command: 'detach-raw', older_than_months: 6 });
    expect(result.exit_code).toBe(0);
    expect(result.stdout[0]).toMatch(/detached .*events_p202507.*event_facts_p202507/);
    expect(await partitionsOf('events')).not.toContain('events_p202507');
    expect(await countEvents(hub.ctx.db, { stationId: station.stationId, epoch: 1 })).toBe(1);
    expect(await buildProgress(hub.ctx.db, { ward: null, nowMs: hub.clock.ms })).toEqual(before);
    // The detached month is still a table of its own, to dump and drop.
    expect(await hub.ctx.db.query('SELECT count(*)::integer AS n FROM events_p202507 WHERE station_id = $1', [station.stationId])).toEqual([{ n: 2 }]);
  });
});
