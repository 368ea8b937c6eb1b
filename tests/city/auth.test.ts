// docs/PROTOCOL.md §3: signed requests. Unknown, revoked, wrong key, bad signature → 401; ts never enforced;
// a replayed request is accepted and changes nothing (see city/http/station-auth.ts).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatAuthorization } from '../../electron/core/sync/protocol/authorization-header';
import { revokeStation } from '../../city/store/station-store';
import { StationFixture, uniqueStationId } from '../support/station-fixture';
import { countEvents } from '../../city/store/event-store';
import { describeEachDriver, enrol, getCursor, injectRaw, openTestDatabase, openTestHub, upload } from './support/hub-harness';
import type { TestDatabase, TestHub } from './support/hub-harness';

describeEachDriver('signed requests', (driver) => {
  let database: TestDatabase;
  let hub: TestHub;
  let station: StationFixture;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    hub = await openTestHub(database);
    station = new StationFixture(uniqueStationId('06688'));
    await enrol(hub, station);
  });
  afterAll(async () => {
    await hub.app.close();
    await database.cleanup();
  });

  const cursorPath = () => `/v1/stations/${station.stationId}/cursor`;

  it('accepts the nonce of the last cursor and a station clock years off', async () => {
    const first = await getCursor(hub, station);
    expect(first.status).toBe(200);
    const nonce = String(first.body.nonce);
    const path = cursorPath();
    const signed = station.signed('GET', path, undefined, { nonce, ts: Date.UTC(2005, 0, 1) });
    expect((await injectRaw(hub, 'GET', path, signed.headers)).status).toBe(200);
  });

  it('accepts a replayed upload as a duplicate and stores nothing twice', async () => {
    const local = new StationFixture(uniqueStationId('06688'));
    await enrol(hub, local);
    local.appendMany(2);
    const path = `/v1/stations/${local.stationId}/events`;
    const signed = local.signed('POST', path, local.batch(1, 2));
    const first = await injectRaw(hub, 'POST', path, signed.headers, signed.payload);
    const replay = await injectRaw(hub, 'POST', path, signed.headers, signed.payload);
    expect(first.body).toMatchObject({ inserted: 2, duplicates: 0 });
    expect(replay).toMatchObject({ status: 200, body: { acked_seq: 2, inserted: 0, duplicates: 2 } });
    expect(await countEvents(hub.ctx.db, { stationId: local.stationId, epoch: 1 })).toBe(2);
  });

  it('refuses a replayed signature on another body, path or method', async () => {
    station.appendMany(1);
    const path = `/v1/stations/${station.stationId}/events`;
    const signed = station.signed('POST', path, station.batch(1, 1));
    const otherBody = Buffer.from(JSON.stringify({ ...station.batch(1, 1), app_version: 'evil' }));
    expect((await injectRaw(hub, 'POST', path, signed.headers, otherBody)).body).toEqual({ error: 'unauthorized' });
    expect((await injectRaw(hub, 'GET', cursorPath(), signed.headers)).status).toBe(401);
    expect((await injectRaw(hub, 'POST', `${path}?x=1`, signed.headers, signed.payload)).status).toBe(401);
  });

  it('refuses a request signed with another key', async () => {
    const impostor = StationFixture.newKeyPair();
    const signed = station.signed('GET', cursorPath(), undefined, { key: impostor.privateKey });
    expect(await injectRaw(hub, 'GET', cursorPath(), signed.headers)).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
  });

  it('refuses an unknown station', async () => {
    const stranger = new StationFixture(uniqueStationId('06688'));
    expect(await getCursor(hub, stranger)).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
  });

  it('refuses a header whose id differs from the path', async () => {
    const other = new StationFixture(uniqueStationId('06688'));
    await enrol(hub, other);
    const signed = other.signed('GET', cursorPath());
    expect((await injectRaw(hub, 'GET', cursorPath(), signed.headers)).status).toBe(401);
  });

  it.each([
    ['no header', undefined],
    ['another scheme', 'Bearer abc'],
    ['a missing sig', 'TramStation id=06688-01, ts=1, nonce=-'],
    ['a non-numeric ts', 'TramStation id=06688-01, ts=soon, nonce=-, sig=AAAA'],
    ['a corrupted sig', 'corrupt'],
  ])('refuses %s with 401', async (_name, header) => {
    let value = header;
    if (header === 'corrupt') {
      const good = station.signed('GET', cursorPath()).headers.authorization ?? '';
      value = good.replace(/sig=(.)/, (_m, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`);
    }
    const answer = await injectRaw(hub, 'GET', cursorPath(), value === undefined ? {} : { authorization: value });
    expect(answer).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
  });

  it('refuses a revoked station, before and after it has a cursor', async () => {
    const revoked = new StationFixture(uniqueStationId('06688'));
    await enrol(hub, revoked);
    expect((await getCursor(hub, revoked)).status).toBe(200);
    expect(await revokeStation(hub.ctx.db, revoked.stationId)).toBe(true);
    expect(await getCursor(hub, revoked)).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    revoked.appendMany(1);
    expect((await upload(hub, revoked, revoked.batch(1, 1))).status).toBe(401);
  });

  it('parses the header with quotes and another parameter order', async () => {
    const signed = station.signed('GET', cursorPath()).headers.authorization ?? '';
    const params = Object.fromEntries(signed.slice('TramStation '.length).split(', ').map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
    const reordered = `TramStation sig="${params.sig}", nonce=${params.nonce}, ts=${params.ts}, id=${params.id}`;
    expect((await injectRaw(hub, 'GET', cursorPath(), { authorization: reordered })).status).toBe(200);
    expect(formatAuthorization({ stationId: 'A-1X', ts: 5, nonce: '-', sig: 'QQ==' })).toBe('TramStation id=A-1X, ts=5, nonce=-, sig=QQ==');
  });
});
