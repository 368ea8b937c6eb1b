// docs/PROTOCOL.md §2 station side: enrol with a one-time code, pin the city keys, and on re-enrolment
// start the local epoch the city opened, from the same start hash (§4), so uploads continue.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countEvents, readEvent } from '../../../city/store/event-store';
import { findEpoch } from '../../../city/store/station-store';
import { ZERO_HASH } from '../../../electron/core/sync/protocol/event-hash';
import { DEMO_CONFIG } from '../../../electron/station/config/station-config';
import { seedEvents } from '../../../electron/station/db/seed';
import { readAcknowledgement, recordAcknowledgement } from '../../../electron/station/store/sync-state';
import { loadOrCreateKeys } from '../../../electron/station/keys/key-store';
import { enrolStation } from '../../../electron/station/sync/enrol';
import type { EnrolOptions } from '../../../electron/station/sync/enrol';
import { createSyncService } from '../../../electron/station/sync/sync-service';
import { SyncError } from '../../../electron/station/sync/sync-errors';
import { tempDir } from '../../support/station-db';
import { closedPort, FAST_ENGINE, freshStationId, liveHubForFile, startLiveHub } from './support/live-hub';
import type { StationFolder } from './support/live-hub';

describe('enrolment against a real hub', () => {
  const live = liveHubForFile();

  const station = (): StationFolder => live.openFolder();

  async function enrol(folder: StationFolder, extra: Partial<EnrolOptions> = {}) {
    const code = await live.hub.issueCode(folder.stationId);
    return enrolStation({ dataDir: folder.dataDir, hubUrl: live.hub.url, stationId: folder.stationId, code, appVersion: '0.1.0-test', open: { db: folder.db, log: folder.log }, ...extra });
  }

  const sync = (folder: StationFolder) =>
    createSyncService({ db: folder.db, keysPath: folder.keysPath, appVersion: '0.1.0-test', clock: folder.clock, engine: FAST_ENGINE, random: () => 0.5 }).runOnce();

  it('pins the city public key and learner key and stays in epoch 1', async () => {
    const folder = station();
    const result = await enrol(folder);
    expect(result).toEqual({ stationId: folder.stationId, epoch: 1, localEpoch: 1, startHash: ZERO_HASH, warnings: [] });
    const keys = loadOrCreateKeys(folder.keysPath);
    expect(keys.enrolment).toMatchObject({ stationId: folder.stationId, hubUrl: live.hub.url, cityPublicKeyRaw: live.hub.ctx.keys.publicKeyB64, cityLearnerKey: live.hub.ctx.keys.learnerKeyB64, epoch: 1 });
  });

  it('refuses a wrong code with a typed error and pins nothing', async () => {
    const folder = station();
    await live.hub.issueCode(folder.stationId);
    await expect(enrolStation({ dataDir: folder.dataDir, hubUrl: live.hub.url, stationId: folder.stationId, code: 'AAAAA-BBBBB-CCCCC-DDDDD', appVersion: 't' })).rejects.toMatchObject({
      name: 'SyncError',
      code: 'enrolment_refused',
    });
    expect(loadOrCreateKeys(folder.keysPath).enrolment).toBeNull();
  });

  it('refuses plain http off loopback, a bad station id, and a config naming another station — before any request', async () => {
    const folder = station();
    const base = { dataDir: folder.dataDir, stationId: folder.stationId, code: 'x', appVersion: 't' };
    await expect(enrolStation({ ...base, hubUrl: 'http://city.example.vn' })).rejects.toMatchObject({ code: 'bad_argument' });
    await expect(enrolStation({ ...base, hubUrl: 'not a url' })).rejects.toMatchObject({ code: 'bad_argument' });
    await expect(enrolStation({ ...base, hubUrl: live.hub.url, stationId: 'bad id' })).rejects.toMatchObject({ code: 'bad_argument' });
    writeFileSync(join(folder.dataDir, 'station-config.json'), JSON.stringify({ ...DEMO_CONFIG, station: { ...DEMO_CONFIG.station, id: '06688-99' } }));
    await expect(enrolStation({ ...base, hubUrl: live.hub.url })).rejects.toBeInstanceOf(SyncError);
    await expect(enrolStation({ ...base, hubUrl: live.hub.url })).rejects.toMatchObject({ code: 'station_mismatch' });
  });

  it('reports an unreachable hub as hub_unreachable', async () => {
    const folder = station();
    await expect(enrolStation({ dataDir: folder.dataDir, hubUrl: `http://127.0.0.1:${await closedPort()}`, stationId: folder.stationId, code: 'x', appVersion: 't', timeoutMs: 2_000 })).rejects.toMatchObject({
      code: 'hub_unreachable',
    });
  });

  it('re-enrolment starts epoch 2 on both sides from the acknowledged head, and uploads continue', async () => {
    const folder = station();
    await enrol(folder);
    seedEvents(folder.log, 40, 3);
    expect(await sync(folder)).toMatchObject({ ok: true, ackedSeq: 40 });
    const head1 = folder.log.head();
    const result = await enrol(folder);
    expect(result).toMatchObject({ epoch: 2, localEpoch: 2, startHash: head1.hash, warnings: [] });
    expect(loadOrCreateKeys(folder.keysPath).enrolment?.epoch).toBe(2);
    seedEvents(folder.log, 25, 4);
    expect(folder.log.head()).toMatchObject({ epoch: 2, seq: 25 });
    expect(await sync(folder)).toMatchObject({ ok: true, ackedSeq: 25, headHash: folder.log.head().hash });
    expect(await readEvent(live.hub.ctx.db, { stationId: folder.stationId, epoch: 2, seq: 1 })).toMatchObject({ prev_hash: head1.hash });
    expect(await findEpoch(live.hub.ctx.db, folder.stationId, 2)).toMatchObject({ acked_seq: 25 });
  });

  it('re-enrolment after a lost acknowledgement still chains epoch 2 on what the city holds', async () => {
    const folder = station();
    await enrol(folder);
    seedEvents(folder.log, 20, 5);
    await sync(folder);
    // The crash between the hub's 200 and the local write (fault #16): the station believes 8.
    const eighth = folder.db.prepare<[], { hash: string }>('SELECT hash FROM events WHERE epoch = 1 AND seq = 8').get();
    recordAcknowledgement(folder.db, { epoch: 1, ackedSeq: 8, ackedHash: eighth?.hash ?? '', receipt: null, serverTimeMs: null }, 0);
    const result = await enrol(folder);
    expect(result).toMatchObject({ epoch: 2, localEpoch: 2, warnings: [] });
    expect(readAcknowledgement(folder.db, 1)).toMatchObject({ ackedSeq: 20 });
    seedEvents(folder.log, 3, 6);
    expect(await sync(folder)).toMatchObject({ ok: true, ackedSeq: 3 });
    expect(await countEvents(live.hub.ctx.db, { stationId: folder.stationId, epoch: 2 })).toBe(3);
  });

  it('says that the old epoch still holds unsent events, and then delivers them to that closed epoch (docs/PROTOCOL.md §9)', async () => {
    const folder = station();
    await enrol(folder);
    seedEvents(folder.log, 6, 8);
    const result = await enrol(folder);
    expect(result.epoch).toBe(2);
    expect(result.warnings).toEqual([expect.stringContaining('events of epoch 1 are not acknowledged yet; they will be delivered to that closed epoch first')]);
    expect(await sync(folder)).toMatchObject({ ok: true, state: 'idle' });
    expect(await countEvents(live.hub.ctx.db, { stationId: folder.stationId, epoch: 1 })).toBe(folder.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events WHERE epoch = 1').get()?.n);
  });

  it('declares its local epochs: an epoch opened by a restore is adopted by the city, not forked', async () => {
    const folder = station();
    await enrol(folder);
    seedEvents(folder.log, 5, 9);
    expect(await sync(folder)).toMatchObject({ ok: true, ackedSeq: 5 });
    // What a restore does at start: a new local epoch from the last acknowledged hash.
    folder.log.startEpoch('restored-backup');
    seedEvents(folder.log, 3, 10);
    const result = await enrol(folder);
    expect(result).toMatchObject({ epoch: 2, localEpoch: 2, warnings: [] });
    expect(await findEpoch(live.hub.ctx.db, folder.stationId, 2)).toMatchObject({ start_hash: readAcknowledgement(folder.db, 1)?.ackedHash });
    expect(await sync(folder)).toMatchObject({ ok: true, ackedSeq: folder.log.head().seq });
  });

  it('refuses with a typed error when the city holds another history under a declared epoch (a copied station)', async () => {
    const original = station();
    await enrol(original);
    const copy = live.openFolder();
    // Same station id, its own epoch 1 that starts elsewhere: what the city holds under epoch 1 differs.
    copy.db.prepare("UPDATE epochs SET station_id = ?, start_hash = ?, head_hash = ? WHERE epoch = 1").run(original.stationId, 'f'.repeat(64), 'f'.repeat(64));
    const code = await live.hub.issueCode(original.stationId);
    await expect(enrolStation({ dataDir: copy.dataDir, hubUrl: live.hub.url, stationId: original.stationId, code, appVersion: 't', open: { db: copy.db, log: copy.log } })).rejects.toMatchObject({ code: 'epoch_conflict' });
    // Nothing changed at the hub: still epoch 1 with the original's key.
    const [row] = await live.hub.ctx.db.query<{ current_epoch: number; public_key: string }>('SELECT current_epoch, public_key FROM stations WHERE station_id = $1', [original.stationId]);
    expect(row).toEqual({ current_epoch: 1, public_key: loadOrCreateKeys(original.keysPath).stationPublicKeyRaw });
  });

  // Found in the security review: a volunteer could re-enrol a station to any hub, overwriting the
  // pinned city key and learner key (and so counting every learner again under other keys).
  it('refuses a hub whose city key differs from the pinned one, changing nothing, unless a technician resets it', async () => {
    const folder = station();
    await enrol(folder);
    const pinned = readFileSync(folder.keysPath, 'utf8');
    const other = await startLiveHub();
    try {
      const code = await other.issueCode(folder.stationId);
      await expect(enrolStation({ dataDir: folder.dataDir, hubUrl: other.url, stationId: folder.stationId, code, appVersion: 't', open: { db: folder.db, log: folder.log } })).rejects.toMatchObject({ code: 'city_key_changed' });
      expect(readFileSync(folder.keysPath, 'utf8')).toBe(pinned);
      const reset = await enrolStation({ dataDir: folder.dataDir, hubUrl: other.url, stationId: folder.stationId, code: await other.issueCode(folder.stationId), appVersion: 't', open: { db: folder.db, log: folder.log }, acceptNewCityKey: true });
      expect(reset.warnings.join(' ')).toContain('technician reset');
      expect(loadOrCreateKeys(folder.keysPath).enrolment?.cityPublicKeyRaw).toBe(other.ctx.keys.publicKeyB64);
    } finally {
      await other.close();
    }
  });

  it('enrols a data folder that has no database yet and creates it the way the kiosk would', async () => {
    const { dir, cleanup } = tempDir('tram-enrol-');
    try {
      const stationId = freshStationId();
      const code = await live.hub.issueCode(stationId);
      const result = await enrolStation({ dataDir: dir, hubUrl: live.hub.url, stationId, code, appVersion: 't' });
      expect(result).toMatchObject({ epoch: 1, localEpoch: 1, warnings: [] });
      expect(existsSync(join(dir, 'station.sqlite'))).toBe(true);
      expect(JSON.parse(readFileSync(join(dir, 'instance.json'), 'utf8'))).toHaveProperty('instanceId');
    } finally {
      cleanup();
    }
  });
});
