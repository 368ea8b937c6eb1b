// docs/PROTOCOL.md §11.4–§11.6 on the hub: signed config documents, health reports (validation,
// latest, 30-day history), the app-update answer with its staged rollout, the electron-updater
// feed, and the staff overview with flags.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { appReleaseSigningText } from '../../../electron/core/sync/protocol/fleet/content-key';
import { appUpdateAnswerSchema, configAnswerSchema } from '../../../electron/core/sync/protocol/fleet/fleet-wire';
import { isFleetError } from '../../../electron/core/sync/protocol/fleet/fleet-error';
import { registerAppRelease, setAppRollout } from '../../../city/fleet/app-releases';
import { fleetContext } from '../../../city/fleet/fleet-context';
import { fleetFragment } from '../../../city/fleet/fleet-page';
import { fleetOverview } from '../../../city/fleet/fleet-overview';
import { signConfigDocument } from '../../../city/fleet/sign-config';
import { putBlob } from '../../../city/store/fleet-blob-store';
import { HEALTH_HISTORY_MS } from '../../../city/store/fleet-health-store';
import { hashPassword } from '../../../city/staff/password';
import { upsertStaff } from '../../../city/store/staff-store';
import { HEALTH } from '../../support/health-fixture';
import { StationFixture, uniqueStationId } from '../../support/station-fixture';
import { DRIVERS, enrol, useTestHub } from '../support/hub-harness';
import type { TestHub } from '../support/hub-harness';
import { configVerifies, rawInject, sha256, signedGet, verifies } from './fleet-support';

describe.each(DRIVERS)('fleet routes (%s)', (driver) => {
  let hub: TestHub;
  useTestHub(driver, (opened) => ({ hub } = opened));
  const station = new StationFixture(uniqueStationId('06688'));
  const neighbour = new StationFixture(uniqueStationId('06690'));

  const postHealth = (fixture: StationFixture, body: unknown, options: { gzip?: boolean; raw?: Buffer } = {}) => {
    const path = `/v1/stations/${fixture.stationId}/health`;
    const signed = fixture.signed('POST', path, options.raw ?? body, { gzip: options.gzip ?? false });
    return rawInject(hub, 'POST', path, signed.headers, signed.payload);
  };

  it('config: the ward layer, then the station layer, each signed by the content key', async () => {
    await enrol(hub, station);
    await enrol(hub, neighbour);
    const ward = await signConfigDocument(hub.ctx, { target: { ward_code: '06688' }, settings: { idle: { warnAfterSeconds: 90 } }, by: 'test' });
    await signConfigDocument(hub.ctx, { target: { ward_code: '06688' }, settings: { idle: { warnAfterSeconds: 100 } }, by: 'test' });
    const own = await signConfigDocument(hub.ctx, { target: { station_id: station.stationId }, settings: { station: { name: 'Nhà văn hoá khu 3' } }, by: 'test' });
    expect(ward.version).toBe(1);
    expect(own.version).toBe(1);
    const answer = configAnswerSchema.parse((await signedGet(hub, station, `/v1/stations/${station.stationId}/config`)).body);
    expect(answer.documents.map((item) => JSON.parse(item.document).target)).toEqual([{ ward_code: '06688' }, { station_id: station.stationId }]);
    expect(JSON.parse(answer.documents[0]?.document ?? '').version).toBe(2);
    for (const item of answer.documents) expect(configVerifies(answer.content_key, item.document, item.sig)).toBe(true);
    expect(configAnswerSchema.parse((await signedGet(hub, neighbour, `/v1/stations/${neighbour.stationId}/config`)).body).documents).toEqual([]);
  });

  it('config: a field a signed config may not change is refused by name and nothing is signed', async () => {
    const attempt = signConfigDocument(hub.ctx, { target: { ward_code: '06688' }, settings: { hub: { url: 'https://evil.example' } }, by: 'test' });
    await expect(attempt).rejects.toSatisfy((error: unknown) => isFleetError(error, 'config_field_not_allowed') && error.message.startsWith('hub:'));
    const validate = () => [{ path: 'idle.warnAfterSeconds', message: 'Too small' }];
    await expect(signConfigDocument(hub.ctx, { target: { ward_code: '06688' }, settings: { idle: { warnAfterSeconds: 1 } }, by: 'test', validate })).rejects.toThrow(/idle.warnAfterSeconds/);
    const answer = configAnswerSchema.parse((await signedGet(hub, station, `/v1/stations/${station.stationId}/config`)).body);
    expect(JSON.parse(answer.documents[0]?.document ?? '').version).toBe(2);
  });

  it('health: stored as the latest (gzip or not), unknown fields never stored', async () => {
    const first = await postHealth(station, { ...HEALTH, learner_name: 'Nguyễn Văn An' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ stored: true, server_time_ms: hub.clock.ms });
    hub.clock.advance(60_000);
    expect((await postHealth(station, { ...HEALTH, unacked_events: 40 }, { gzip: true })).status).toBe(200);
    const rows = await hub.ctx.db.query<{ report: Record<string, unknown> }>('SELECT report FROM station_health WHERE station_id = $1', [station.stationId]);
    expect(rows[0]?.report.unacked_events).toBe(40);
    const history = await hub.ctx.db.query<{ report: unknown }>('SELECT report FROM station_health_history WHERE station_id = $1', [station.stationId]);
    expect(history).toHaveLength(2);
    expect(JSON.stringify(history)).not.toContain('Nguyễn');
  });

  it.each([
    [{ ...HEALTH, disk_free_bytes: 'lots' }, 'disk_free_bytes'],
    [{ ...HEALTH, scanners: { hid_pos: -1, demo: 0 } }, 'scanners.hid_pos'],
    [{ ...HEALTH, update: { ...HEALTH.update, error: 'Lỗi của bác An' } }, 'update.error'],
    [{ ...HEALTH, format: undefined }, 'format:'],
    [{ ...HEALTH, uptime_s: undefined }, 'uptime_s: required'],
  ])('health: a bad body is 400 naming the field and changes nothing (%#)', async (body, field) => {
    const before = await hub.ctx.db.query('SELECT received_at FROM station_health WHERE station_id = $1', [station.stationId]);
    const answer = await postHealth(station, body);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: 'bad_request', detail: expect.stringContaining(field) });
    expect(await hub.ctx.db.query('SELECT received_at FROM station_health WHERE station_id = $1', [station.stationId])).toEqual(before);
  });

  it('health: not JSON 400, too large 413, unsigned 401', async () => {
    expect((await postHealth(station, undefined, { raw: Buffer.from('{oops') })).body).toEqual({ error: 'bad_request', detail: 'body: not valid JSON' });
    expect((await postHealth(station, { ...HEALTH, padding: 'x'.repeat(20_000) })).status).toBe(413);
    const unsigned = await rawInject(hub, 'POST', `/v1/stations/${station.stationId}/health`, { 'content-type': 'application/json' }, Buffer.from(JSON.stringify(HEALTH)));
    expect([unsigned.status, unsigned.body]).toEqual([401, { error: 'unauthorized' }]);
    const spoof = await rawInject(hub, 'POST', `/v1/stations/${station.stationId}/health`, { ...neighbour.signed('POST', `/v1/stations/${station.stationId}/health`, HEALTH).headers }, gzipSync('x'));
    expect(spoof.status).toBe(401);
  });

  it('health: history older than 30 days is pruned as new reports arrive', async () => {
    hub.clock.advance(HEALTH_HISTORY_MS + 60_000);
    expect((await postHealth(station, HEALTH)).status).toBe(200);
    const history = await hub.ctx.db.query<{ received_at: number }>('SELECT received_at FROM station_health_history WHERE station_id = $1', [station.stationId]);
    expect(history.map((row) => Number(row.received_at))).toEqual([hub.clock.ms]);
  });

  it('app update: the rollout decides per station; the statement is signed by the content key; the feed serves latest.yml and the installer', async () => {
    const installer = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 256));
    const blob = await putBlob(hub.ctx.db, installer, hub.ctx.now());
    await registerAppRelease(hub.ctx, { version: '0.2.0', platform: 'win32', file: 'tram-hoc-so-0.2.0-setup-x64.exe', sha256: blob.sha256, by: 'test' });
    await expect(setAppRollout(hub.ctx, { version: '0.3.0', percent: 10, wards: [], by: 'test' })).rejects.toThrow(/no installer/);
    await setAppRollout(hub.ctx, { version: '0.2.0', percent: 0, wards: ['06688'], by: 'test' });
    const path = (fixture: StationFixture) => `/v1/stations/${fixture.stationId}/app-update?platform=win32`;
    const answer = appUpdateAnswerSchema.parse((await signedGet(hub, station, path(station))).body);
    expect(answer.release).toMatchObject({ version: '0.2.0', file: 'tram-hoc-so-0.2.0-setup-x64.exe', size: 300_000, sha512: blob.sha512_b64 });
    const release = answer.release!;
    expect(verifies(answer.content_key, appReleaseSigningText(release), release.sig)).toBe(true);
    expect(appUpdateAnswerSchema.parse((await signedGet(hub, neighbour, path(neighbour))).body).release).toBeNull();
    expect((await signedGet(hub, station, `/v1/stations/${station.stationId}/app-update`)).status).toBe(400);

    const yml = await hub.app.inject({ method: 'GET', url: `${answer.feed_path}latest.yml` });
    expect(yml.statusCode).toBe(200);
    expect(yml.body).toContain('version: 0.2.0');
    expect(yml.body).toContain(`sha512: ${blob.sha512_b64}`);
    const part = await hub.app.inject({ method: 'GET', url: `${answer.feed_path}tram-hoc-so-0.2.0-setup-x64.exe`, headers: { range: 'bytes=1000-' } });
    expect(part.statusCode).toBe(206);
    expect(Buffer.compare(part.rawPayload, installer.subarray(1000))).toBe(0);
    expect((await hub.app.inject({ method: 'GET', url: `${answer.feed_path}latest-linux.yml` })).statusCode).toBe(404);
    expect((await hub.app.inject({ method: 'GET', url: `${answer.feed_path}tram-hoc-so-0.2.0-setup-x64.exe.blockmap` })).statusCode).toBe(404);
    const neighbourFeed = appUpdateAnswerSchema.parse((await signedGet(hub, neighbour, path(neighbour))).body).feed_path;
    expect((await hub.app.inject({ method: 'GET', url: `${neighbourFeed}latest.yml` })).statusCode).toBe(404);
    const forged = answer.feed_path.replace(/\/[0-9a-f]{32}\/$/, `/${'0'.repeat(32)}/`);
    expect((await hub.app.inject({ method: 'GET', url: `${forged}latest.yml` })).json()).toEqual({ error: 'not_found' });
  });

  it('staff overview: stations with their flags; the fragment escapes and labels them; strangers get 401', async () => {
    await upsertStaff(hub.ctx.db, { name: 'can.bo', passwordHash: await hashPassword('mat khau dai du'), now: hub.ctx.now() });
    const basic = `Basic ${Buffer.from('can.bo:mat khau dai du').toString('base64')}`;
    expect((await hub.app.inject({ method: 'GET', url: '/v1/fleet/overview' })).statusCode).toBe(401);
    const overview = (await hub.app.inject({ method: 'GET', url: '/v1/fleet/overview?ward=06688', headers: { authorization: basic } })).json() as Awaited<ReturnType<typeof fleetOverview>>;
    const mine = overview.stations.find((row) => row.station_id === station.stationId);
    expect(mine?.flags).toEqual([]);
    expect(overview.stations.every((row) => row.ward_code === '06688')).toBe(true);
    await postHealth(station, { ...HEALTH, scanners: { hid_pos: 0, demo: 0 }, app_version: '0.1.0', platform: 'win32' });
    const flagged = (await fleetOverview(hub.ctx, '06688')).stations.find((row) => row.station_id === station.stationId);
    expect(flagged?.flags).toEqual(['no_scanner', 'old_app']);
    const html = (await hub.app.inject({ method: 'GET', url: '/fleet/fragment', headers: { authorization: basic } })).body;
    expect(html).toContain(`data-station="${station.stationId}" data-flagged="true"`);
    expect(html).toContain('Không có máy quét');
    expect(fleetFragment({ ...(await fleetOverview(hub.ctx)), stations: [{ ...flagged!, station_id: '<script>' }] })).not.toContain('<script>');
    expect((await hub.app.inject({ method: 'GET', url: '/v1/fleet/overview?ward=x', headers: { authorization: basic } })).statusCode).toBe(400);
  });

  it('a fresh fleet request counts as contact; the content key is recorded and a different key file refuses', async () => {
    hub.clock.advance(5_000);
    await signedGet(hub, station, `/v1/stations/${station.stationId}/config`, {}, Date.now() + 10_000_000);
    const [row] = await hub.ctx.db.query<{ last_seen_at: number }>('SELECT last_seen_at FROM stations WHERE station_id = $1', [station.stationId]);
    expect(Number(row?.last_seen_at)).toBe(hub.clock.ms);
    const recorded = await hub.ctx.db.query<{ content_public_key: string }>('SELECT content_public_key FROM fleet_identity');
    expect(recorded).toEqual([{ content_public_key: (await fleetContext(hub.ctx)).contentKey.publicKeyB64 }]);
    expect(sha256('x')).toHaveLength(64);
  });
});
