// docs/PROTOCOL.md §7: sneakernet bundles get the station signature check, then exactly the §5 checks.
import { expect, it } from 'vitest';
import { uploadAnswerSchema } from '../../electron/core/sync/protocol/wire-schemas';
import { bundleFileName } from '../../electron/core/sync/protocol/bundle-text';
import { importBundle } from '../../city/ingest/bundle-import';
import { countEvents } from '../../city/store/event-store';
import { findStation } from '../../city/store/station-store';
import { StationFixture, uniqueStationId } from '../support/station-fixture';
import { describeEachDriver, enrol, getCursor, upload, useTestHub } from './support/hub-harness';
import type { TestHub } from './support/hub-harness';

describeEachDriver('bundle import', (driver) => {
  let hub: TestHub;
  useTestHub(driver, (opened) => ({ hub } = opened));

  async function enrolled(events: number): Promise<StationFixture> {
    const station = new StationFixture(uniqueStationId('06688'));
    await enrol(hub, station);
    station.appendMany(events);
    return station;
  }
  const stored = (station: StationFixture) => countEvents(hub.ctx.db, { stationId: station.stationId, epoch: 1 });

  it('imports a bundle with the same answer object as an upload; twice changes nothing', async () => {
    const station = await enrolled(700);
    const first = await importBundle(hub.ctx, station.bundle(1, 700));
    expect(first.status).toBe(200);
    expect(uploadAnswerSchema.parse(first.body)).toMatchObject({ acked_seq: 700, head_hash: station.events[699]?.hash, inserted: 700, duplicates: 0 });
    const second = await importBundle(hub.ctx, station.bundle(1, 700));
    expect(second.body).toMatchObject({ acked_seq: 700, head_hash: first.body.head_hash, inserted: 0, duplicates: 700 });
    expect(await stored(station)).toBe(700);
    expect(bundleFileName(station.stationId, 1, 1, 700)).toBe(`${station.stationId}-1-1-700.tram`);
  });

  it('continues after uploads and counts the overlap as duplicates', async () => {
    const station = await enrolled(6);
    await upload(hub, station, station.batch(1, 3));
    expect((await importBundle(hub.ctx, station.bundle(1, 6))).body).toMatchObject({ acked_seq: 6, inserted: 3, duplicates: 3 });
    expect((await getCursor(hub, station)).body.acked_seq).toBe(6);
  });

  it('refuses a tampered bundle and stores nothing', async () => {
    const station = await enrolled(3);
    const tampered = station.bundle(1, 3, (bundle) => {
      const events = bundle.events as Record<string, unknown>[];
      events[1] = { ...events[1], payload: '{"app_version":"forged","config_version":1}' };
    });
    expect(await importBundle(hub.ctx, tampered)).toEqual({ status: 401, body: { error: 'unauthorized' } });
    const resigned = new StationFixture(station.stationId);
    resigned.appendMany(3);
    expect((await importBundle(hub.ctx, resigned.bundle(1, 3))).status).toBe(401);
    expect(await stored(station)).toBe(0);
  });

  it('verifies the signature over unknown fields too', async () => {
    const station = await enrolled(2);
    const withExtra = station.bundle(1, 2, (bundle) => {
      bundle.exported_by = 'volunteer';
    });
    expect((await importBundle(hub.ctx, withExtra)).status).toBe(401);
    const signedExtra = station.bundle(1, 2, undefined, { exported_by: 'volunteer', note: { usb: true } });
    expect((await importBundle(hub.ctx, signedExtra)).body).toMatchObject({ acked_seq: 2, inserted: 2 });
  });

  it('applies gap, fork and epoch like an upload', async () => {
    const station = await enrolled(5);
    expect((await importBundle(hub.ctx, station.bundle(3, 5))).body).toEqual({ error: 'gap', expected_seq: 1 });
    await importBundle(hub.ctx, station.bundle(1, 2));
    const forked = new StationFixture(station.stationId);
    forked.privateKey = station.privateKey;
    forked.appendMany(2);
    expect(await importBundle(hub.ctx, forked.bundle(1, 2))).toEqual({ status: 409, body: { error: 'fork', seq: 1 } });
    expect((await findStation(hub.ctx.db, station.stationId))?.needs_review).toBe(true);
    const otherEpoch = station.bundle(3, 5, () => undefined);
    station.epoch = 3;
    expect((await importBundle(hub.ctx, station.bundle(3, 5))).body).toEqual({ error: 'epoch', epoch: 1 });
    station.epoch = 1;
    expect((await importBundle(hub.ctx, otherEpoch)).body).toMatchObject({ acked_seq: 5, inserted: 3 });
  });

  it('refuses garbage and unknown stations', async () => {
    expect(await importBundle(hub.ctx, Buffer.from('not a bundle'))).toMatchObject({ status: 400, body: { error: 'bad_request' } });
    const unknown = new StationFixture(uniqueStationId('06688'));
    unknown.appendMany(1);
    expect((await importBundle(hub.ctx, unknown.bundle(1, 1))).status).toBe(401);
  });

  // Security review: the events of a file nobody signed used to be parsed and validated (every event,
  // up to 200,000 of them) before its signature was checked. Now an unsigned file is refused first.
  it('checks the signature before looking into the events', async () => {
    const station = await enrolled(2);
    const unsignedGarbage = station.bundle(1, 2, (bundle) => {
      bundle.events = [{ seq: 'not a number' }, 42, null];
    });
    expect(await importBundle(hub.ctx, unsignedGarbage)).toEqual({ status: 401, body: { error: 'unauthorized' } });
    const signedGarbage = station.bundle(1, 2, undefined, {});
    expect((await importBundle(hub.ctx, signedGarbage)).status).toBe(200);
    const noEnvelope = station.bundle(1, 2, (bundle) => {
      delete bundle.sig;
    });
    expect(await importBundle(hub.ctx, noEnvelope)).toMatchObject({ status: 400, body: { detail: expect.stringContaining('sig') } });
  });
});
