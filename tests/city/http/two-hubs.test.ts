// Issue #16 item 3: two hub processes on one PostgreSQL. Each hub has its own connection pool (as two
// `tram city serve` processes would), so their transactions really run at once: the same batch sent
// to both at the same instant is stored once, batches of different stations that share learners and
// wards all land, and the rollups equal the full recompute (no lost update, no deadlock left
// unretried). Also: a batch that arrives while the rollup migration holds its lock waits for it.
// PostgreSQL only (PGlite is one process per folder); without TEST_DATABASE_URL the tests say so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from 'vitest';
import { openHubDatabase } from '../../../city/db/hub-database';
import type { HubDatabase } from '../../../city/db/hub-database';
import { countEvents } from '../../../city/store/event-store';
import { payloads, StationFixture, uniqueStationId } from '../../support/station-fixture';
import { enrol, openTestDatabase, openTestHub, upload } from '../support/hub-harness';
import type { TestDatabase, TestHub } from '../support/hub-harness';
import { readRollups, recomputeRollups } from '../support/report-oracle';

const POSTGRES = process.env.TEST_DATABASE_URL;
const NOT_RUN = 'NOT RUN: needs PostgreSQL (set TEST_DATABASE_URL); two hub processes cannot share one PGlite folder';

function needPostgres(context: TestContext): void {
  if (POSTGRES === undefined || POSTGRES === '') {
    process.stderr.write(`two-hubs: ${NOT_RUN}\n`);
    context.skip(NOT_RUN);
  }
}

describe('two hubs on one PostgreSQL', () => {
  let database: TestDatabase | undefined;
  let secondPool: HubDatabase | undefined;
  let hubs: TestHub[] = [];

  beforeAll(async () => {
    if (POSTGRES === undefined || POSTGRES === '') return;
    database = await openTestDatabase('postgres');
    secondPool = await openHubDatabase({ dataDir: database.dataDir, databaseUrl: database.databaseUrl });
    const first = await openTestHub(database);
    const second = await openTestHub({ ...database, db: secondPool });
    hubs = [first, second];
  });
  afterAll(async () => {
    for (const hub of hubs) await hub.app.close();
    await secondPool?.close();
    await database?.cleanup();
  });

  it('stores a batch sent to both hubs at once exactly once, and every batch of stations sharing learners', async (context) => {
    needPostgres(context);
    const [a, b] = hubs as [TestHub, TestHub];
    const keys = Array.from({ length: 12 }, (_v, i) => (i + 10).toString(16).padStart(2, '0').repeat(32));
    const stations = Array.from({ length: 6 }, (_v, i) => new StationFixture(uniqueStationId(i % 2 === 0 ? '27001' : '27004')));
    for (const station of stations) expect((await enrol(a, station)).status).toBe(201);
    let rng = 7;
    const next = (n: number) => (rng = (rng * 1_103_515_245 + 12_345) % 2_147_483_648) % n;
    for (const station of stations) {
      for (let i = 0; i < 120; i += 1) {
        const key = keys[next(keys.length)] ?? '';
        const roll = next(4);
        if (roll === 0) station.append('learner.registered', payloads.registered(key, 1950 + next(50), 'nu', next(2) === 0 ? '27001' : '27004'));
        else if (roll === 1) station.append('attendance.checkin', payloads.checkin(key));
        else station.append('lesson.completed', payloads.lessonCompleted(key, `bai-${next(4)}`, next(3) !== 0));
      }
    }
    const batchSize = 30;
    let storedTwice = 0;
    // Each station sends each batch to both hubs at the same instant; all stations at once.
    await Promise.all(
      stations.map(async (station) => {
        for (let first = 1; first <= station.events.length; first += batchSize) {
          const body = station.batch(first, Math.min(first + batchSize - 1, station.events.length));
          const answers = await Promise.all([upload(a, station, body), upload(b, station, body)]);
          for (const answer of answers) expect(answer.status).toBe(200);
          const inserted = answers.map((answer) => Number(answer.body.inserted));
          if (inserted[0] !== 0 && inserted[1] !== 0) storedTwice += 1;
          expect((inserted[0] ?? 0) + (inserted[1] ?? 0)).toBe(body.events.length);
        }
      }),
    );
    expect(storedTwice).toBe(0);
    for (const station of stations) expect(await countEvents(a.ctx.db, { stationId: station.stationId, epoch: 1 })).toBe(120);
    expect(await readRollups(a.ctx.db)).toEqual(await recomputeRollups(a.ctx.db));
  });

  it('makes a batch wait while the rollup migration holds its lock, then apply it to complete rollups', async (context) => {
    needPostgres(context);
    const [a] = hubs as [TestHub, TestHub];
    const station = new StationFixture(uniqueStationId('27007'));
    expect((await enrol(a, station)).status).toBe(201);
    station.append('learner.registered', payloads.registered('ab'.repeat(32), 1960, 'nam', '27007'));
    station.append('lesson.completed', payloads.lessonCompleted('ab'.repeat(32), 'bai-9'));
    const migrating = await openHubDatabase({ dataDir: database?.dataDir ?? '', databaseUrl: database?.databaseUrl });
    try {
      let released: () => void = () => undefined;
      const held = migrating.transaction(async (tx) => {
        await tx.query('LOCK TABLE events, event_facts IN SHARE ROW EXCLUSIVE MODE');
        await new Promise<void>((resolve) => (released = resolve));
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      let answered = false;
      const uploading = upload(a, station, station.batch(1, 2)).then((answer) => ((answered = true), answer));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(answered).toBe(false);
      released();
      await held;
      expect((await uploading).status).toBe(200);
      expect(await readRollups(a.ctx.db)).toEqual(await recomputeRollups(a.ctx.db));
    } finally {
      await migrating.close();
    }
  });
});
