import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseScan } from '../../../electron/core/identity/index';
import { sha256Hex } from '../../../electron/station/crypto/node-hash';
import { EventLog } from '../../../electron/station/db/event-log';
import { migrate } from '../../../electron/station/db/migrate';
import { migrations } from '../../../electron/station/db/migrations';
import { legacyLearnerKey, upgradeLearnerKey } from '../../../electron/station/learners/learner-keys';
import { startLegacyKeyMigrator } from '../../../electron/station/learners/learner-rekey';
import { LearnerRoad } from '../../../electron/station/learners/learner-road';
import { stationLearnerKeys } from '../../../electron/station/learners/learner-keys';
import { countPendingLegacyKeys } from '../../../electron/station/store/legacy-learner-keys';
import { buildStationReport } from '../../../electron/station/reports/station-report';
import { fakeIdCardText, fakePerson } from '../../support/fake-persons';
import { FakeClock, TEST_LEARNER_KDF, tempDir } from '../../support/station-db';

const secret = Buffer.alloc(32, 3);
const upgrade = (key: string) => upgradeLearnerKey(key, TEST_LEARNER_KDF);

function scanOf(index: number) {
  const parsed = parseScan(fakeIdCardText(index), { nowMs: Date.UTC(2026, 10, 28) });
  if (!parsed.ok) throw new Error('fixture card did not parse');
  return parsed.value;
}

describe('re-keying learners registered under key version 1', () => {
  let temp: ReturnType<typeof tempDir>;
  let db: Database.Database;
  let log: EventLog;
  const clock = new FakeClock();
  const legacyOf = (index: number) => legacyLearnerKey(secret, scanOf(index));

  beforeEach(() => {
    temp = tempDir('tram-rekey-');
    db = new Database(`${temp.dir}/station.sqlite`);
    // A station of the previous version: schema 5, two learners and their visits under version-1 keys.
    migrate(db, migrations, 5);
    log = new EventLog(db, { stationId: '06688-01', bootId: 'boot-1', clock, newEventId: randomUUID, sha256Hex });
    for (const index of [1, 2]) {
      const key = legacyOf(index);
      const visitId = randomUUID();
      log.append(
        [
          { kind: 'learner.registered', payload: { learner_key: key, birth_year: fakePerson(index).birthYear, gender: null, ward_code: '06688', method: 'hid-pos', consent_version: '1' } },
          { kind: 'attendance.checkin', payload: { learner_key: key, visit_id: visitId, method: 'hid-pos' } },
        ],
        (tx) => {
          tx.prepare(`INSERT INTO learners (learner_key, display_name, birth_year, ward_code, consent_version, consent_wall_ms, registered_wall_ms) VALUES (?, ?, ?, '06688', '1', 0, 0)`).run(key, fakePerson(index).name, fakePerson(index).birthYear);
          tx.prepare('INSERT INTO visits (visit_id, learner_key, method, started_wall_ms) VALUES (?, ?, ?, ?)').run(visitId, key, 'hid-pos', clock.wall);
        },
      );
    }
    // A third person erased: only the log still names their version-1 key.
    log.append([{ kind: 'learner.erased', payload: { learner_key: legacyOf(3) } }]);
    migrate(db, migrations);
  });
  afterEach(() => {
    db.close();
    temp.cleanup();
  });

  const road = () => new LearnerRoad({ db, log, clock, keys: stationLearnerKeys(() => secret, TEST_LEARNER_KDF), wardCode: '06688' });
  const rekeyEvents = () => db.prepare("SELECT payload FROM events WHERE kind = 'learner.rekeyed' ORDER BY seq").all().map((row) => JSON.parse((row as { payload: string }).payload) as { learner_key: string; previous_key: string });

  it('lists every version-1 key the station holds, the erased person included', () => {
    expect(countPendingLegacyKeys(db)).toBe(3);
  });

  it('re-keys a returning learner at their scan: known by name, one learner.rekeyed event, rows moved', async () => {
    const learner = await road().identify(scanOf(1), 'hid-pos');
    expect(learner.learnerKey).toBe(await upgrade(legacyOf(1)));
    expect(learner.known?.display_name).toBe(fakePerson(1).name);
    expect(rekeyEvents()).toEqual([{ learner_key: learner.learnerKey, previous_key: legacyOf(1) }]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM visits WHERE learner_key = ?').get(learner.learnerKey)).toEqual({ n: 1 });
    // A second scan finds them under the new key and writes nothing more.
    await road().identify(scanOf(1), 'hid-pos');
    expect(rekeyEvents()).toHaveLength(1);
    expect(countPendingLegacyKeys(db)).toBe(2);
  });

  it('re-keys the rest in the background, waits while the kiosk is busy, and counts each person once in the report', async () => {
    let busy = true;
    const migrator = startLegacyKeyMigrator({ db, log, busy: () => busy, pauseMs: 5, upgrade });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rekeyEvents()).toEqual([]);
    busy = false;
    expect(await migrator.done).toBe(3);
    expect(countPendingLegacyKeys(db)).toBe(0);
    expect(rekeyEvents().map((event) => event.previous_key).sort()).toEqual([legacyOf(1), legacyOf(2), legacyOf(3)].sort());
    // Person 1 comes back after the migration: the old visit and the new one are one learner.
    const learner = await road().identify(scanOf(1), 'hid-pos');
    road().checkIn({ learnerKey: learner.learnerKey, method: 'hid-pos', register: null });
    const report = buildStationReport(db, { period: 'today', nowMs: clock.wall, lessons: [] });
    expect(report).toMatchObject({ visits: 3, distinctLearners: 2 });
  });

  it('stops between two keys when asked', async () => {
    const migrator = startLegacyKeyMigrator({ db, log, busy: () => false, pauseMs: 10_000, upgrade });
    await new Promise((resolve) => setTimeout(resolve, 30));
    await migrator.stop();
    expect(countPendingLegacyKeys(db)).toBe(2);
  });
});
