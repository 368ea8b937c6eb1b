// SQL-looking and odd strings in every field travel through, are stored verbatim and break nothing.
import { expect, it } from 'vitest';
import { canonicalJson } from '../../electron/core/sync/protocol/canonical-json';
import { readEvent } from '../../city/store/event-store';
import { issueEnrolmentCode } from '../../city/ingest/enrolment';
import { StationFixture, learnerKeyFor, payloads, uniqueStationId } from '../support/station-fixture';
import { describeEachDriver, enrol, getCursor, postJson, upload, useTestHub } from './support/hub-harness';
import type { TestHub } from './support/hub-harness';

const NASTY = [
  "'; DROP TABLE events; --",
  "Robert'); DELETE FROM stations WHERE ('1'='1",
  '" OR 1=1 --',
  '$1 $$ \\x00 \\ E\'\\\\\'',
  '{"a":[1,2]}',
  'Nguyễn Thị Ánh 🌾 ,"{}',
];

describeEachDriver('SQL-looking strings', (driver) => {
  let hub: TestHub;
  useTestHub(driver, (opened) => ({ hub } = opened));

  it('stores every string field exactly as sent', async () => {
    const station = new StationFixture(uniqueStationId('06688'));
    await enrol(hub, station);
    NASTY.forEach((nasty, i) => {
      station.append(nasty, canonicalJson({ note: nasty, learner_key: nasty }), { event_id: nasty, hlc: nasty, boot_id: `${nasty}-${i}` });
    });
    station.append('lesson.completed', payloads.lessonCompleted(learnerKeyFor(hub.ctx.keys.learnerKeyB64, '001099012345'), NASTY[0] ?? ''));
    const answer = await upload(hub, station, { ...station.batch(1, NASTY.length + 1), app_version: NASTY[0] });
    expect(answer).toMatchObject({ status: 200, body: { inserted: NASTY.length + 1 } });
    for (const event of station.events) {
      const stored = await readEvent(hub.ctx.db, { stationId: station.stationId, epoch: 1, seq: event.seq });
      expect(stored).toMatchObject(event);
    }
    expect((await getCursor(hub, station)).body.acked_seq).toBe(NASTY.length + 1);
    const tables = await hub.ctx.db.query<{ n: number }>("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name IN ('events', 'stations')");
    expect(tables[0]?.n).toBe(2);
  });

  it('treats an SQL-looking enrolment code or station id as just wrong', async () => {
    const station = new StationFixture(uniqueStationId('06688'));
    await issueEnrolmentCode(hub.ctx, station.stationId);
    for (const nasty of NASTY) {
      expect((await postJson(hub, '/v1/enrol', station.enrolBody(nasty))).status).toBe(403);
      expect((await postJson(hub, '/v1/enrol', { ...station.enrolBody('X'), station_id: nasty })).status).toBe(400);
    }
    const rows = await hub.ctx.db.query<{ n: number }>('SELECT count(*) AS n FROM enrolment_codes WHERE station_id = $1 AND used_at IS NULL', [station.stationId]);
    expect(rows[0]?.n).toBe(1);
  });

  it('treats SQL in the path and query as data', async () => {
    const answer = await hub.app.inject({ method: 'GET', url: `/v1/stations/${encodeURIComponent("x' OR '1'='1")}/cursor` });
    expect(answer.statusCode).toBe(401);
  });
});
