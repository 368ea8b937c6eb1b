// Bodies on the wire: gzip, gzip bombs, size caps, malformed JSON, content types, unknown and
// mistyped fields (docs/PROTOCOL.md conventions and §5 "too large").
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { countEvents } from '../../city/store/event-store';
import { StationFixture, uniqueStationId } from '../support/station-fixture';
import { describeEachDriver, enrol, injectRaw, postJson, upload, useTestHub } from './support/hub-harness';
import type { TestHub } from './support/hub-harness';

describeEachDriver('request bodies', (driver) => {
  let hub: TestHub;
  useTestHub(driver, (opened) => ({ hub } = opened));

  async function enrolled(): Promise<StationFixture> {
    const station = new StationFixture(uniqueStationId('06688'));
    await enrol(hub, station);
    return station;
  }
  const eventsPath = (station: StationFixture) => `/v1/stations/${station.stationId}/events`;

  it('accepts a gzip body signed over its uncompressed bytes', async () => {
    const station = await enrolled();
    station.appendMany(20);
    const answer = await upload(hub, station, station.batch(1, 20), { gzip: true });
    expect(answer).toMatchObject({ status: 200, body: { inserted: 20, acked_seq: 20 } });
  });

  it('refuses a gzip bomb cheaply with 413, storing nothing', async () => {
    const station = await enrolled();
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)); // 64 MiB of spaces in ~64 KiB
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const signed = station.signed('POST', eventsPath(station), Buffer.alloc(0));
    const started = performance.now();
    const answer = await injectRaw(hub, 'POST', eventsPath(station), { ...signed.headers, 'content-encoding': 'gzip' }, bomb);
    expect(answer).toMatchObject({ status: 413, body: { error: 'too_large', max_events: 500 } });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses a body over 1 MiB uncompressed with 413, even with few events', async () => {
    const station = await enrolled();
    station.append('station.boot', JSON.stringify({ app_version: 'x'.repeat(1024 * 1024), config_version: 1 }));
    const answer = await upload(hub, station, station.batch(1, 1));
    expect(answer).toMatchObject({ status: 413, body: { error: 'too_large' } });
    const gzipped = await upload(hub, station, station.batch(1, 1), { gzip: true });
    expect(gzipped).toMatchObject({ status: 413, body: { error: 'too_large' } });
  });

  it('refuses invalid gzip and unknown encodings', async () => {
    const station = await enrolled();
    const signed = station.signed('POST', eventsPath(station), Buffer.from('{}'));
    const bad = await injectRaw(hub, 'POST', eventsPath(station), { ...signed.headers, 'content-encoding': 'gzip' }, Buffer.from('{}'));
    expect(bad).toMatchObject({ status: 400, body: { error: 'bad_request', detail: 'body: not valid gzip' } });
    const br = await injectRaw(hub, 'POST', eventsPath(station), { ...signed.headers, 'content-encoding': 'br' }, Buffer.from('{}'));
    expect(br).toMatchObject({ status: 415, body: { error: 'unsupported_media_type' } });
  });

  it('refuses malformed JSON with 400 bad_request', async () => {
    const station = await enrolled();
    const answer = await upload(hub, station, Buffer.from('{"epoch": 1, "events": ['));
    expect(answer).toEqual(expect.objectContaining({ status: 400, body: { error: 'bad_request', detail: 'body: not valid JSON' } }));
    const array = await upload(hub, station, Buffer.from('[1,2]'));
    expect(array).toMatchObject({ status: 400, body: { error: 'bad_request' } });
    const enrolAnswer = await injectRaw(hub, 'POST', '/v1/enrol', { 'content-type': 'application/json' }, '{nope');
    expect(enrolAnswer).toMatchObject({ status: 400, body: { error: 'bad_request' } });
  });

  it('refuses a non-JSON content type with 415 and accepts a missing one or a charset', async () => {
    const station = await enrolled();
    station.appendMany(2);
    const wrong = await upload(hub, station, station.batch(1, 1), { headers: { 'content-type': 'text/plain' } });
    expect(wrong).toMatchObject({ status: 415, body: { error: 'unsupported_media_type' } });
    const charset = await upload(hub, station, station.batch(1, 1), { headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(charset.status).toBe(200);
    const signed = station.signed('POST', eventsPath(station), station.batch(2, 2));
    const { 'content-type': _type, ...withoutType } = signed.headers;
    const untyped = await injectRaw(hub, 'POST', eventsPath(station), withoutType, signed.payload);
    expect(untyped).toMatchObject({ status: 200, body: { acked_seq: 2 } });
    const form = await injectRaw(hub, 'POST', '/v1/enrol', { 'content-type': 'application/x-www-form-urlencoded' }, 'a=b');
    expect(form).toMatchObject({ status: 415, body: { error: 'unsupported_media_type' } });
  });

  it('ignores unknown fields at every level', async () => {
    const station = await enrolled();
    station.appendMany(2);
    const body = station.batch(1, 2);
    const answer = await upload(hub, station, { ...body, extra: { nested: true }, events: body.events.map((e) => ({ ...e, future_field: 1 })) });
    expect(answer).toMatchObject({ status: 200, body: { inserted: 2 } });
  });

  it.each([
    ['epoch', (b: Record<string, unknown>) => ({ ...b, epoch: '1' }), 'epoch: '],
    ['first_seq', (b: Record<string, unknown>) => ({ ...b, first_seq: undefined }), 'first_seq: required'],
    ['prev_hash', (b: Record<string, unknown>) => ({ ...b, prev_hash: 'ABC' }), 'prev_hash: '],
    ['events', (b: Record<string, unknown>) => ({ ...b, events: 'all of them' }), 'events: '],
    ['app_version', (b: Record<string, unknown>) => ({ ...b, app_version: undefined }), 'app_version: required'],
    ['events.0.seq', (b: Record<string, unknown>) => ({ ...b, events: [{ ...(b.events as object[])[0], seq: 1.5 }] }), 'events.0.seq: '],
    ['events.0.payload', (b: Record<string, unknown>) => ({ ...b, events: [{ ...(b.events as object[])[0], payload: { a: 1 } }] }), 'events.0.payload: '],
    ['events.0.hash', (b: Record<string, unknown>) => ({ ...b, events: [{ ...(b.events as object[])[0], hash: undefined }] }), 'events.0.hash: required'],
    ['events.0.kind NUL', (b: Record<string, unknown>) => ({ ...b, events: [{ ...(b.events as object[])[0], kind: 'a\u0000b' }] }), 'events.0.kind: '],
  ])('refuses a missing or mistyped %s with 400 and the field in detail', async (_field, patch, detail) => {
    const station = await enrolled();
    station.appendMany(1);
    const answer = await upload(hub, station, patch(station.batch(1, 1) as unknown as Record<string, unknown>));
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('bad_request');
    expect(String(answer.body.detail).startsWith(detail)).toBe(true);
    expect(await countEvents(hub.ctx.db, { stationId: station.stationId, epoch: 1 })).toBe(0);
  });

  it('answers unknown routes with an error code', async () => {
    const answer = await postJson(hub, '/v1/nowhere', {});
    expect(answer).toMatchObject({ status: 404, body: { error: 'not_found' } });
  });
});
