// docs/PROTOCOL.md §2: one-time codes (hash only, 7 days), 201 answer, refusals, re-enrolment epoch + 1.
import { expect, it } from 'vitest';
import { ZERO_HASH } from '../../electron/core/sync/protocol/event-hash';
import { enrolAnswerSchema } from '../../electron/core/sync/protocol/wire-schemas';
import { ENROLMENT_CODE_TTL_MS, hashEnrolmentCode, issueEnrolmentCode } from '../../city/ingest/enrolment';
import { StationFixture, uniqueStationId } from '../support/station-fixture';
import { describeEachDriver, getCursor, postJson, upload, useTestHub } from './support/hub-harness';
import type { TestHub } from './support/hub-harness';

describeEachDriver('enrolment', (driver) => {
  let hub: TestHub;
  useTestHub(driver, (opened) => ({ hub } = opened));

  it('enrols with a good code: 201, city key, learner key, epoch 1', async () => {
    const station = new StationFixture(uniqueStationId('06688'));
    const { code } = await issueEnrolmentCode(hub.ctx, station.stationId);
    expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    const answer = await postJson(hub, '/v1/enrol', station.enrolBody(code));
    expect(answer.status).toBe(201);
    const body = enrolAnswerSchema.parse(answer.body);
    // content_public_key: docs/PROTOCOL.md §11.1 (version 1.3); a 1.1 station ignores it.
    expect(body).toEqual({ station_id: station.stationId, city_public_key: hub.ctx.keys.publicKeyB64, learner_key: hub.ctx.keys.learnerKeyB64, epoch: 1, content_public_key: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/) });
    expect(body.content_public_key).not.toBe(body.city_public_key);
    expect(Buffer.from(body.learner_key, 'base64')).toHaveLength(32);
    expect(Buffer.from(body.city_public_key, 'base64')).toHaveLength(32);
  });

  it('stores only a hash of the code', async () => {
    const stationId = uniqueStationId('06688');
    const { code } = await issueEnrolmentCode(hub.ctx, stationId);
    const rows = await hub.ctx.db.query<{ code_hash: string }>('SELECT code_hash FROM enrolment_codes WHERE station_id = $1', [stationId]);
    expect(rows).toEqual([{ code_hash: hashEnrolmentCode(code) }]);
    expect(JSON.stringify(rows)).not.toContain(code.replace(/-/g, ''));
  });

  it('forgives case, spaces and dashes in a typed code', async () => {
    const station = new StationFixture(uniqueStationId('06688'));
    const { code } = await issueEnrolmentCode(hub.ctx, station.stationId);
    const typed = ` ${code.replace(/-/g, ' ').toLowerCase()} `;
    expect((await postJson(hub, '/v1/enrol', station.enrolBody(typed))).status).toBe(201);
  });

  it.each([
    ['a wrong code', async (id: string) => (await issueEnrolmentCode(hub.ctx, id), 'ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ')],
    ['a code issued for another station', async () => (await issueEnrolmentCode(hub.ctx, uniqueStationId('06688'))).code],
  ])('refuses %s with 403 enrolment_refused', async (_name, makeCode) => {
    const station = new StationFixture(uniqueStationId('06688'));
    const answer = await postJson(hub, '/v1/enrol', station.enrolBody(await makeCode(station.stationId)));
    expect(answer).toEqual(expect.objectContaining({ status: 403, body: { error: 'enrolment_refused' } }));
  });

  it('refuses a used code', async () => {
    const station = new StationFixture(uniqueStationId('06688'));
    const { code } = await issueEnrolmentCode(hub.ctx, station.stationId);
    expect((await postJson(hub, '/v1/enrol', station.enrolBody(code))).status).toBe(201);
    const again = await postJson(hub, '/v1/enrol', station.enrolBody(code));
    expect(again).toMatchObject({ status: 403, body: { error: 'enrolment_refused' } });
  });

  it('accepts a code until 7 days and refuses it after', async () => {
    const late = new StationFixture(uniqueStationId('06688'));
    const { code: lateCode } = await issueEnrolmentCode(hub.ctx, late.stationId);
    const onTime = new StationFixture(uniqueStationId('06688'));
    const { code: onTimeCode } = await issueEnrolmentCode(hub.ctx, onTime.stationId);
    hub.clock.advance(ENROLMENT_CODE_TTL_MS - 1000);
    expect((await postJson(hub, '/v1/enrol', onTime.enrolBody(onTimeCode))).status).toBe(201);
    hub.clock.advance(2000);
    expect(await postJson(hub, '/v1/enrol', late.enrolBody(lateCode))).toMatchObject({ status: 403, body: { error: 'enrolment_refused' } });
  });

  it('re-enrols with a new code: new key, epoch + 1 starting at the acknowledged head', async () => {
    const station = new StationFixture(uniqueStationId('06688'));
    expect((await postJson(hub, '/v1/enrol', station.enrolBody((await issueEnrolmentCode(hub.ctx, station.stationId)).code))).status).toBe(201);
    station.appendMany(3);
    expect((await upload(hub, station, station.batch(1, 3))).status).toBe(200);
    const ackedHead = station.events[2]?.hash ?? '';
    station.appendMany(2); // never uploaded: lost with the old disk

    const oldKey = station.privateKey;
    station.rotateKey();
    const answer = await postJson(hub, '/v1/enrol', station.enrolBody((await issueEnrolmentCode(hub.ctx, station.stationId)).code));
    expect(answer).toMatchObject({ status: 201, body: { epoch: 2 } });
    const cursor = await getCursor(hub, station);
    expect(cursor.body).toMatchObject({ epoch: 2, acked_seq: 0, head_hash: ackedHead });

    const epochOne = { events: [...station.events], startHash: station.startHash };
    station.startEpoch(2, ackedHead);
    station.appendMany(2);
    expect(await upload(hub, station, station.batch(1, 2))).toMatchObject({ status: 200, body: { acked_seq: 2 } });
    // The old key no longer signs for this station.
    const path = `/v1/stations/${station.stationId}/cursor`;
    const stale = await hub.app.inject({ method: 'GET', url: path, headers: station.signed('GET', path, undefined, { key: oldKey }).headers });
    expect(stale.statusCode).toBe(401);
    // docs/PROTOCOL.md §9: the two events written in epoch 1 after its last upload are still deliverable
    // to the closed epoch, signed with the new key, with the same chain checks …
    const tail = { epoch: 1, first_seq: 4, last_seq: 5, prev_hash: ackedHead, events: epochOne.events.slice(3, 5), app_version: 'x' };
    expect(await upload(hub, station, tail)).toMatchObject({ status: 200, body: { acked_seq: 5, inserted: 2 } });
    // … while an epoch the hub never opened is the wrong epoch.
    const epochThree = { ...tail, epoch: 3 };
    expect(await upload(hub, station, epochThree)).toMatchObject({ status: 409, body: { error: 'epoch', epoch: 2 } });
  });

  it('starts epoch 2 at 64 zeros when epoch 1 stored nothing', async () => {
    const station = new StationFixture(uniqueStationId('06688'));
    await postJson(hub, '/v1/enrol', station.enrolBody((await issueEnrolmentCode(hub.ctx, station.stationId)).code));
    await postJson(hub, '/v1/enrol', station.enrolBody((await issueEnrolmentCode(hub.ctx, station.stationId)).code));
    expect((await getCursor(hub, station)).body).toMatchObject({ epoch: 2, acked_seq: 0, head_hash: ZERO_HASH });
  });

  it.each([
    [{ station_id: 'bad id' }, 'station_id: '],
    [{ public_key: 'AAAA' }, 'public_key: '],
    [{ enrolment_code: 42 }, 'enrolment_code: '],
    [{ app_version: undefined }, 'app_version: required'],
  ])('refuses a malformed request %j with 400', async (patch, detail) => {
    const station = new StationFixture(uniqueStationId('06688'));
    const answer = await postJson(hub, '/v1/enrol', { ...station.enrolBody('X'), ...patch });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('bad_request');
    expect(String(answer.body.detail)).toContain(detail);
  });
});
