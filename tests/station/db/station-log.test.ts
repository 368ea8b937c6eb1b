import { copyFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../electron/station/crypto/node-hash';
import { backupDatabase, pruneBackups } from '../../../electron/station/db/backup';
import { DatabaseOpenError } from '../../../electron/station/db/open-database';
import { pruneAcknowledged } from '../../../electron/station/db/retention';
import { closeStationLog, LogDamagedError, openStationLog, type OpenedLog } from '../../../electron/station/db/station-log';
import { recordAcknowledgement } from '../../../electron/station/store/sync-state';
import { verifyLog } from '../../../electron/station/db/verify-log';
import { FakeClock, LEARNER_A, tempDir } from '../../support/station-db';

const checkin = (visit: string) => ({ kind: 'attendance.checkin' as const, payload: { learner_key: LEARNER_A, visit_id: visit, method: 'card' as const } });

describe('station log start-up, backups and retention', () => {
  let temp: ReturnType<typeof tempDir>;
  let clock: FakeClock;
  const open = (dir = temp.dir, stationId = '06688-01'): OpenedLog =>
    openStationLog({ dbPath: join(dir, 'station.sqlite'), instanceMarkerPath: join(dir, 'instance.json'), stationId, bootId: `boot-${Math.random()}`, clock, sha256Hex });

  beforeEach(() => {
    temp = tempDir();
    clock = new FakeClock();
  });
  afterEach(() => temp.cleanup());

  it('reopens a cleanly closed log and continues its chain in the same epoch', () => {
    const first = open();
    first.log.append([checkin('v1')]);
    closeStationLog(first.db);
    const second = open();
    expect(second.newEpochReason).toBeNull();
    expect(second.wasUncleanShutdown).toBe(false);
    expect(second.log.append([checkin('v2')]).rows[0]).toMatchObject({ seq: 2 });
    closeStationLog(second.db);
  });

  it('notices an unclean shutdown (and runs the full integrity check)', () => {
    const first = open();
    first.log.append([checkin('v1')]);
    first.db.close(); // no clean-shutdown mark, as after a power cut
    const second = open();
    expect(second.wasUncleanShutdown).toBe(true);
    closeStationLog(second.db);
  });

  it('starts a new epoch when a backup is restored over the live file', async () => {
    const live = open();
    live.log.append([checkin('v1')]);
    const { file } = await backupDatabase(live.db, join(temp.dir, 'backups'), clock.wall);
    live.log.append([checkin('v2')]);
    closeStationLog(live.db);
    rmSync(join(temp.dir, 'station.sqlite-wal'), { force: true });
    rmSync(join(temp.dir, 'station.sqlite-shm'), { force: true });
    copyFileSync(file, join(temp.dir, 'station.sqlite'));
    const restored = open();
    expect(restored.newEpochReason).toBe('restored-backup');
    expect(restored.log.head()).toMatchObject({ epoch: 2, seq: 0 });
    closeStationLog(restored.db);
  });

  it('numbers the restored epoch above the last epoch the city opened (keys.json), starting at the last acknowledged hash', async () => {
    const live = open();
    live.log.append([checkin('v1')]);
    const acked = live.log.head();
    recordAcknowledgement(live.db, { epoch: 1, ackedSeq: 1, ackedHash: acked.hash, receipt: null, serverTimeMs: null }, clock.wall);
    const { file } = await backupDatabase(live.db, join(temp.dir, 'backups'), clock.wall);
    closeStationLog(live.db);
    rmSync(join(temp.dir, 'station.sqlite-wal'), { force: true });
    rmSync(join(temp.dir, 'station.sqlite-shm'), { force: true });
    copyFileSync(file, join(temp.dir, 'station.sqlite'));
    // Meanwhile the city had opened epochs 2 and 3 for this folder: a restored copy must not reuse them.
    const restored = openStationLog({ dbPath: join(temp.dir, 'station.sqlite'), instanceMarkerPath: join(temp.dir, 'instance.json'), stationId: '06688-01', bootId: 'b', clock, sha256Hex, cityEpoch: 3 });
    expect(restored.log.head()).toMatchObject({ epoch: 4, seq: 0, hash: acked.hash });
    // A second new epoch with nothing acknowledged in between hangs from the same confirmed hash, never from zeros.
    restored.log.startEpoch('again');
    expect(restored.log.head()).toMatchObject({ epoch: 5, hash: acked.hash });
    closeStationLog(restored.db);
  });

  it('verifies a closed epoch the city holds more of than this restored copy (its acknowledgement is past the local head)', () => {
    const live = open();
    live.log.append([checkin('v1'), checkin('v2')]);
    recordAcknowledgement(live.db, { epoch: 1, ackedSeq: 9, ackedHash: 'c'.repeat(64), receipt: null, serverTimeMs: null }, clock.wall);
    live.log.startEpoch('restored-backup');
    expect(verifyLog(live.db, { sha256Hex, onlyUnacknowledged: true })).toMatchObject({ ok: true, problems: [] });
    expect(verifyLog(live.db, { sha256Hex })).toMatchObject({ ok: true, events: 2 });
    closeStationLog(live.db);
  });

  it('starts a new epoch when the database was copied from another data folder', () => {
    const a = tempDir();
    const original = open(a.dir);
    original.log.append([checkin('v1')]);
    closeStationLog(original.db);
    copyFileSync(join(a.dir, 'station.sqlite'), join(temp.dir, 'station.sqlite'));
    writeFileSync(join(temp.dir, 'instance.json'), JSON.stringify({ instanceId: 'another-station' }));
    const copied = open();
    expect(copied.newEpochReason).toBe('copied-database');
    closeStationLog(copied.db);
    a.cleanup();
  });

  it('refuses a tampered log with the exact problem and leaves the file as it was', () => {
    const live = open();
    live.log.append([checkin('v1'), checkin('v2')]);
    live.db.exec('DROP TRIGGER events_no_update');
    live.db.prepare("UPDATE events SET payload = replace(payload, 'card', 'assisted') WHERE seq = 2").run();
    closeStationLog(live.db);
    expect(() => open()).toThrow(LogDamagedError);
    try {
      open();
    } catch (error) {
      expect((error as LogDamagedError).problems[0]).toMatchObject({ code: 'bad_hash', epoch: 1, seq: 2 });
    }
    const raw = new Database(join(temp.dir, 'station.sqlite'));
    expect(raw.prepare('SELECT payload FROM events WHERE seq = 2').get()).toEqual({ payload: expect.stringContaining('assisted') });
    raw.close();
  });

  it('reports a truncated file as damaged instead of crashing or recreating it', () => {
    const live = open();
    for (let i = 0; i < 200; i++) live.log.append([checkin(`v${i}`)]);
    closeStationLog(live.db);
    truncateSync(join(temp.dir, 'station.sqlite'), 10_000);
    let error: unknown;
    try {
      open();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect(['corrupt', 'not_a_database']).toContain((error as DatabaseOpenError).code);
    writeFileSync(join(temp.dir, 'station.sqlite'), 'this is not a database at all, just text'.repeat(200));
    expect(() => open()).toThrow(expect.objectContaining({ code: 'not_a_database' }));
  });

  it('prunes only acknowledged events older than the retention age, and keeps verifying', () => {
    const live = open();
    live.log.append([checkin('v1'), checkin('v2'), checkin('v3')]);
    clock.advance(100 * 86_400_000);
    live.log.append([checkin('v4')]);
    const head = live.log.head();
    recordAcknowledgement(live.db, { epoch: 1, ackedSeq: 2, ackedHash: 'ignored'.padEnd(64, '0'), receipt: null, serverTimeMs: null }, clock.wall);
    expect(pruneAcknowledged(live.db, clock.wall, 90)).toBe(2);
    expect(live.db.prepare('SELECT seq FROM events ORDER BY seq').all()).toEqual([{ seq: 3 }, { seq: 4 }]);
    expect(verifyLog(live.db, { sha256Hex })).toMatchObject({ ok: true, events: 2, head_hash: head.hash });
    expect(live.log.append([checkin('v5')]).rows[0]).toMatchObject({ seq: 5, prev_hash: head.hash });
    closeStationLog(live.db);
  });

  it('keeps only the newest backups', async () => {
    const live = open();
    for (let i = 0; i < 3; i++) {
      clock.advance(3_600_000);
      await backupDatabase(live.db, join(temp.dir, 'b'), clock.wall);
    }
    expect(pruneBackups(join(temp.dir, 'b'), 2)).toHaveLength(1);
    closeStationLog(live.db);
  });
});
