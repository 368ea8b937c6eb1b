// docs/PROTOCOL.md §11.1–§11.3 on the hub: content key and endorsement, signed lesson manifests,
// files by hash with HTTP Range, and what publishing refuses.
import { describe, expect, it } from 'vitest';
import { parseLessonManifestText } from '../../../electron/core/sync/protocol/fleet/lesson-manifest';
import { lessonChannelAnswerSchema } from '../../../electron/core/sync/protocol/fleet/fleet-wire';
import { isFleetError } from '../../../electron/core/sync/protocol/fleet/fleet-error';
import { fleetContext } from '../../../city/fleet/fleet-context';
import { publishLessonRelease } from '../../../city/fleet/publish-lessons';
import { StationFixture, uniqueStationId } from '../../support/station-fixture';
import { DRIVERS, enrol, useTestHub } from '../support/hub-harness';
import type { TestHub } from '../support/hub-harness';
import { endorsementVerifies, manifestVerifies, publishFiles, sha256, signedGet } from './fleet-support';

describe.each(DRIVERS)('lesson channel routes (%s)', (driver) => {
  let hub: TestHub;
  useTestHub(driver, (opened) => ({ hub } = opened));
  const station = new StationFixture(uniqueStationId('06688'));
  const lessons = () => `/v1/stations/${station.stationId}/lessons`;

  it('before any release: no version, and the content key endorsed by the receipt key', async () => {
    await enrol(hub, station);
    const answer = await signedGet(hub, station, lessons());
    expect(answer.status).toBe(200);
    const body = lessonChannelAnswerSchema.parse(answer.body);
    expect(body).toMatchObject({ version: null, up_to_date: true });
    expect(body.content_key).toBe((await fleetContext(hub.ctx)).contentKey.publicKeyB64);
    expect(endorsementVerifies(hub.ctx.keys.publicKeyB64, body.content_key, body.content_key_endorsement)).toBe(true);
    expect(endorsementVerifies(body.content_key, body.content_key, body.content_key_endorsement)).toBe(false);
  });

  it('serves the newest manifest signed by the content key, and only "up to date" to a station that has it', async () => {
    const first = await publishFiles(hub, { 'a/lesson.json': '{"id":"a"}', 'a/s1.svg': '<svg/>', 'order.json': '["a"]' });
    const answer = lessonChannelAnswerSchema.parse((await signedGet(hub, station, lessons())).body);
    expect(answer).toMatchObject({ version: first.version, up_to_date: false });
    const manifest = parseLessonManifestText(answer.manifest ?? '');
    expect(manifest.files.map((file) => file.path)).toEqual(['a/lesson.json', 'a/s1.svg', 'order.json']);
    expect(manifest.files[0]).toEqual({ path: 'a/lesson.json', sha256: sha256('{"id":"a"}'), size: 10 });
    expect(manifestVerifies(answer.content_key, answer.manifest ?? '', answer.sig ?? '')).toBe(true);
    expect(manifestVerifies(hub.ctx.keys.publicKeyB64, answer.manifest ?? '', answer.sig ?? '')).toBe(false);
    const upToDate = (await signedGet(hub, station, `${lessons()}?have=${first.version}`)).body;
    expect(upToDate).toMatchObject({ version: first.version, up_to_date: true });
    expect(upToDate).not.toHaveProperty('manifest');
  });

  it('offers a station the newest release its app can run', async () => {
    const older = await publishFiles(hub, { 'a/lesson.json': '{"id":"a","v":2}' }, '0.1.0');
    const newer = await publishFiles(hub, { 'a/lesson.json': '{"id":"a","v":3}' }, '0.9.0');
    expect((await signedGet(hub, station, `${lessons()}?app=0.2.0`)).body).toMatchObject({ version: older.version });
    expect((await signedGet(hub, station, `${lessons()}?app=1.0.0`)).body).toMatchObject({ version: newer.version });
    expect((await signedGet(hub, station, `${lessons()}?have=x`)).body).toEqual({ error: 'bad_request', detail: 'have: expected a whole number' });
  });

  it('serves a file by hash, whole or from an offset (206), and refuses a range past the end (416)', async () => {
    const bytes = Buffer.from(Array.from({ length: 700_000 }, (_, i) => i % 251));
    await publishFiles(hub, { 'b/narration/s1.ogg': bytes, 'b/lesson.json': '{}' });
    const path = `/v1/stations/${station.stationId}/files/${sha256(bytes)}`;
    const whole = await signedGet(hub, station, path);
    expect(whole.status).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(Buffer.compare(whole.raw, bytes)).toBe(0);
    const tail = await signedGet(hub, station, path, { range: 'bytes=300000-' });
    expect(tail.status).toBe(206);
    expect(tail.headers['content-range']).toBe(`bytes 300000-699999/700000`);
    expect(Buffer.compare(tail.raw, bytes.subarray(300_000))).toBe(0);
    const middle = await signedGet(hub, station, path, { range: 'bytes=262140-262149' });
    expect([...middle.raw]).toEqual([...bytes.subarray(262_140, 262_150)]);
    const past = await signedGet(hub, station, path, { range: 'bytes=700000-' });
    expect(past.status).toBe(416);
    expect(past.body).toEqual({ error: 'range_not_satisfiable', size: 700_000 });
    expect(past.headers['content-range']).toBe('bytes */700000');
  });

  it('unknown hash 404, malformed hash 400, unsigned or foreign requests 401 alike', async () => {
    expect((await signedGet(hub, station, `/v1/stations/${station.stationId}/files/${'0'.repeat(64)}`)).body).toEqual({ error: 'not_found' });
    expect((await signedGet(hub, station, `/v1/stations/${station.stationId}/files/xyz`)).status).toBe(400);
    const unsigned = await hub.app.inject({ method: 'GET', url: lessons() });
    expect([unsigned.statusCode, unsigned.json()]).toEqual([401, { error: 'unauthorized' }]);
    const stranger = new StationFixture(station.stationId);
    expect((await signedGet(hub, stranger, lessons())).body).toEqual({ error: 'unauthorized' });
  });

  it('refuses to publish a pack a station would refuse, and such a refusal uses up no version', async () => {
    const refused = async (files: { path: string; sha256: string; size: number }[]) => {
      try {
        await publishLessonRelease(hub.ctx, { files, minAppVersion: '0.1.0', by: 'test' });
      } catch (error) {
        if (isFleetError(error)) return error.code;
        throw error;
      }
      return 'published';
    };
    const stored = sha256('{"id":"a"}');
    expect(await refused([{ path: '../../etc/cron.d/x', sha256: stored, size: 10 }])).toBe('manifest_path');
    expect(await refused([{ path: 'a/lesson.json', sha256: '9'.repeat(64), size: 10 }])).toBe('file_missing');
    expect(await refused([{ path: 'a/lesson.json', sha256: stored, size: 11 }])).toBe('file_size');
    expect(await refused([{ path: 'a/x', sha256: stored, size: 40 * 1024 * 1024 }])).toBe('manifest_limit');
    const before = (await signedGet(hub, station, lessons())).body.version as number;
    const next = await publishFiles(hub, { 'a/lesson.json': '{"id":"a"}' });
    expect(next.version).toBe(before + 1);
  });
});
