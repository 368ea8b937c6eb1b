import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDueMaintenance, type MaintenanceOptions } from '../../../electron/station/db/maintenance-schedule';
import { recordAcknowledgement } from '../../../electron/station/store/sync-state';
import { LEARNER_A, openTestLog, tempDir } from '../../support/station-db';

const DAY = 86_400_000;

describe('scheduled maintenance', () => {
  let temp: ReturnType<typeof tempDir>;
  let ctx: ReturnType<typeof openTestLog>;
  let options: MaintenanceOptions;

  beforeEach(() => {
    temp = tempDir();
    ctx = openTestLog(join(temp.dir, 'station.sqlite'));
    options = { db: ctx.db, dataDir: temp.dir, backup: { everyHours: 24, keep: 2 }, keepAckedDays: 30, wallMs: ctx.clock.wallMs, log: () => undefined };
  });
  afterEach(() => {
    ctx.db.close();
    temp.cleanup();
  });

  it('backs up when none was made, then not again until the interval has passed, keeping the newest N', async () => {
    expect((await runDueMaintenance(options)).backupFile).not.toBeNull();
    ctx.clock.advance(3_600_000);
    expect((await runDueMaintenance(options)).backupFile).toBeNull();
    for (let day = 0; day < 3; day++) {
      ctx.clock.advance(DAY);
      expect((await runDueMaintenance(options)).backupFile).not.toBeNull();
    }
    expect(readdirSync(join(temp.dir, 'backups'))).toHaveLength(2);
  });

  it('prunes only acknowledged events older than the retention age', async () => {
    const checkin = (visit: string) => ({ kind: 'attendance.checkin' as const, payload: { learner_key: LEARNER_A, visit_id: visit, method: 'card' as const } });
    const { rows } = ctx.log.append([checkin('a'), checkin('b')]);
    ctx.clock.advance(40 * DAY);
    ctx.log.append([checkin('c')]);
    expect((await runDueMaintenance(options)).prunedEvents).toBe(0); // nothing acknowledged yet
    recordAcknowledgement(ctx.db, { epoch: 1, ackedSeq: 2, ackedHash: rows[1]!.hash, receipt: null, serverTimeMs: null }, ctx.clock.wall);
    expect((await runDueMaintenance(options)).prunedEvents).toBe(2);
    expect(existsSync(join(temp.dir, 'backups'))).toBe(true);
  });
});
