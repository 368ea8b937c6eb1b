// docs/PROTOCOL.md §7 (sneakernet bundle imported by the real hub) and the technician commands
// `tram enrol`, `tram sync --once`, `tram export` end to end against a real hub.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importBundle } from '../../../city/ingest/bundle-import';
import { countEvents } from '../../../city/store/event-store';
import { revokeStation } from '../../../city/store/station-store';
import { bundleSchema } from '../../../electron/core/sync/protocol/wire-schemas';
import { runEnrolCli, runExportCli, runSyncCli } from '../../../electron/station/cli/sync-cli';
import { seedEvents } from '../../../electron/station/db/seed';
import { loadOrCreateKeys } from '../../../electron/station/keys/key-store';
import { enrolStation } from '../../../electron/station/sync/enrol';
import { exportBundles } from '../../../electron/station/sync/export';
import { createSyncService } from '../../../electron/station/sync/sync-service';
import { tempDir } from '../../support/station-db';
import { closedPort, FAST_ENGINE, freshStationId, liveHubForFile } from './support/live-hub';
import type { StationFolder } from './support/live-hub';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (text: string) => void out.push(text), stderr: (text: string) => void err.push(text) }, out, err, json: () => JSON.parse(out.at(-1) ?? 'null') as Record<string, unknown> };
}

describe('sneakernet export and the sync CLI against a real hub', () => {
  const live = liveHubForFile();

  async function enrolled(events: number): Promise<StationFolder> {
    const folder = live.openFolder();
    const code = await live.hub.issueCode(folder.stationId);
    await enrolStation({ dataDir: folder.dataDir, hubUrl: live.hub.url, stationId: folder.stationId, code, appVersion: 't', open: { db: folder.db, log: folder.log } });
    seedEvents(folder.log, events, 2);
    return folder;
  }

  function usb(): string {
    const { dir, cleanup } = tempDir('tram-usb-');
    live.afterThisTest(cleanup);
    return dir;
  }

  it('exports the unacknowledged events as a signed bundle the hub imports like an upload', async () => {
    const folder = await enrolled(700);
    const to = usb();
    const [exported, ...others] = exportBundles({ db: folder.db, keys: loadOrCreateKeys(folder.keysPath), toDir: to });
    if (exported === undefined) throw new Error('no bundle');
    expect(others).toEqual([]);
    expect(exported).toMatchObject({ path: join(to, `${folder.stationId}-1-1-700.tram`), epoch: 1, firstSeq: 1, lastSeq: 700, events: 700 });
    const bytes = readFileSync(exported.path);
    const bundle = bundleSchema.parse(JSON.parse(gunzipSync(bytes).toString('utf8')));
    expect(bundle).toMatchObject({ station_id: folder.stationId, epoch: 1, first_seq: 1, last_seq: 700 });
    const answer = await importBundle(live.hub.ctx, bytes);
    expect(answer).toMatchObject({ status: 200, body: { acked_seq: 700, head_hash: folder.log.head().hash, inserted: 700, duplicates: 0 } });
    // The next sync learns from the cursor that the city has everything, and sends no batch.
    const result = await createSyncService({ db: folder.db, keysPath: folder.keysPath, appVersion: 't', clock: folder.clock, engine: FAST_ENGINE }).runOnce();
    expect(result).toMatchObject({ ok: true, ackedSeq: 700, requests: 1 });
    expect(() => exportBundles({ db: folder.db, keys: loadOrCreateKeys(folder.keysPath), toDir: to })).toThrow(expect.objectContaining({ code: 'nothing_to_export' }));
  });

  it('exports only the tail the city has not acknowledged', async () => {
    const folder = await enrolled(50);
    await createSyncService({ db: folder.db, keysPath: folder.keysPath, appVersion: 't', clock: folder.clock, engine: FAST_ENGINE }).runOnce();
    seedEvents(folder.log, 10, 3);
    const exported = exportBundles({ db: folder.db, keys: loadOrCreateKeys(folder.keysPath), toDir: usb() });
    expect(exported).toMatchObject([{ firstSeq: 51, lastSeq: 60, events: 10 }]);
    expect(await importBundle(live.hub.ctx, readFileSync(exported[0]?.path ?? ''))).toMatchObject({ status: 200, body: { acked_seq: 60, inserted: 10 } });
  });

  it('refuses to export for a station that is not enrolled', () => {
    const folder = live.openFolder();
    seedEvents(folder.log, 2);
    expect(() => exportBundles({ db: folder.db, keys: loadOrCreateKeys(folder.keysPath), toDir: usb() })).toThrow(expect.objectContaining({ code: 'not_enrolled' }));
  });

  // docs/PROTOCOL.md §9: a station revoked and re-enrolled without network carries its old epoch's
  // tail on the stick too; that bundle is signed by the old key and the hub takes it for the closed epoch.
  it('exports the closed epoch tail and the current epoch, one bundle each; the hub imports both', async () => {
    const folder = await enrolled(0);
    seedEvents(folder.log, 25, 5);
    await createSyncService({ db: folder.db, keysPath: folder.keysPath, appVersion: 't', clock: folder.clock, engine: FAST_ENGINE }).runOnce();
    await revokeStation(live.hub.ctx.db, folder.stationId);
    seedEvents(folder.log, 40, 6);
    const stick = usb();
    // Written while revoked, with the epoch-1 key; the station is then re-enrolled with a new key pair.
    const old = exportBundles({ db: folder.db, keys: loadOrCreateKeys(folder.keysPath), toDir: stick });
    expect(old).toMatchObject([{ epoch: 1, firstSeq: 26, lastSeq: 65 }]);
    const { updateKeys } = await import('../../../electron/station/keys/key-store');
    const { generateKeyPairSync } = await import('node:crypto');
    const pair = generateKeyPairSync('ed25519');
    updateKeys(folder.keysPath, (file) => ({ ...file, stationPrivateKeyPkcs8: pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'), stationPublicKeyRaw: pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64') }));
    const code = await live.hub.issueCode(folder.stationId);
    expect(await enrolStation({ dataDir: folder.dataDir, hubUrl: live.hub.url, stationId: folder.stationId, code, appVersion: 't', open: { db: folder.db, log: folder.log } })).toMatchObject({ epoch: 2, localEpoch: 2 });
    seedEvents(folder.log, 5, 7);
    const both = exportBundles({ db: folder.db, keys: loadOrCreateKeys(folder.keysPath), toDir: usb() });
    expect(both.map((bundle) => [bundle.epoch, bundle.firstSeq, bundle.lastSeq])).toEqual([[1, 26, 65], [2, 1, 5]]);
    expect(await importBundle(live.hub.ctx, readFileSync(old[0]?.path ?? ''))).toMatchObject({ status: 200, body: { acked_seq: 65, inserted: 40 } });
    for (const bundle of both) expect((await importBundle(live.hub.ctx, readFileSync(bundle.path))).status).toBe(200);
    expect(await countEvents(live.hub.ctx.db, { stationId: folder.stationId, epoch: 1 })).toBe(65);
    expect(await countEvents(live.hub.ctx.db, { stationId: folder.stationId, epoch: 2 })).toBe(5);
  });

  // A hostile stick used to get `<name>.partial` written through a link placed there in advance.
  it('never writes through a symbolic link planted on the stick, at the final name or any predictable temporary one', async () => {
    const { symlinkSync, lstatSync, writeFileSync: plant } = await import('node:fs');
    const folder = await enrolled(3);
    const stick = usb();
    const victim = join(stick, 'victim.txt');
    plant(victim, 'precious');
    const name = `${folder.stationId}-1-1-3.tram`;
    symlinkSync(victim, join(stick, `${name}.partial`));
    symlinkSync(victim, join(stick, `${name}.tmp`));
    symlinkSync(victim, join(stick, name));
    const [bundle] = exportBundles({ db: folder.db, keys: loadOrCreateKeys(folder.keysPath), toDir: stick });
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(bundle?.path ?? '').isSymbolicLink()).toBe(false);
    expect(gunzipSync(readFileSync(bundle?.path ?? '')).toString('utf8')).toContain(folder.stationId);
  });

  it('tram enrol → tram sync --once → tram export, one JSON line each', async () => {
    const { dir, cleanup } = tempDir('tram-cli-');
    live.afterThisTest(cleanup);
    const stationId = freshStationId();
    const enrol = capture();
    expect(await runEnrolCli(['--data', dir, '--hub', live.hub.url, '--station', stationId, '--code', await live.hub.issueCode(stationId)], enrol.io)).toBe(0);
    expect(enrol.json()).toEqual({ ok: true, station_id: stationId, epoch: 1, local_epoch: 1, warnings: [] });

    const { openStationLog, closeStationLog } = await import('../../../electron/station/db/station-log');
    const { sha256Hex } = await import('../../../electron/station/crypto/node-hash');
    const clock = { wallMs: () => Date.now(), monoMs: () => performance.now() };
    const opened = openStationLog({ dbPath: join(dir, 'station.sqlite'), instanceMarkerPath: join(dir, 'instance.json'), stationId, bootId: 'cli-boot', clock, sha256Hex });
    seedEvents(opened.log, 620, 4);
    const head = opened.log.head();
    closeStationLog(opened.db);

    const sync = capture();
    expect(await runSyncCli(['--data', dir, '--once'], sync.io)).toBe(0);
    expect(sync.out).toHaveLength(1);
    expect(sync.json()).toEqual({ ok: true, acked_seq: 620, head_hash: head.hash, requests: 3, state: 'idle' });
    expect(await countEvents(live.hub.ctx.db, { stationId, epoch: 1 })).toBe(620);

    const again = capture();
    expect(await runSyncCli(['--data', dir, '--once'], again.io)).toBe(0);
    expect(again.json()).toMatchObject({ ok: true, requests: 1 });

    const none = capture();
    expect(await runExportCli(['--data', dir, '--to', usb()], none.io)).toBe(1);
    expect(none.json()).toMatchObject({ ok: false, error: 'nothing_to_export' });

    await revokeStation(live.hub.ctx.db, stationId);
    const refused = capture();
    expect(await runSyncCli(['--data', dir, '--once'], refused.io)).toBe(2);
    // The watermark it reports is the last one the city signed; nothing was lost locally.
    expect(refused.json()).toEqual({ ok: false, acked_seq: 620, head_hash: head.hash, requests: 1, state: 'stopped' });
    expect(refused.err.join('')).toContain('unauthorized');
  });

  it('tram export writes the bundle file; usage errors exit 2', async () => {
    const folder = await enrolled(5);
    const to = usb();
    const out = capture();
    expect(await runExportCli(['--data', folder.dataDir, '--to', to], out.io)).toBe(0);
    expect(out.json()).toMatchObject({ ok: true, events: 5, bundles: [{ station_id: folder.stationId, epoch: 1, first_seq: 1, last_seq: 5, events: 5 }] });
    expect(existsSync(String((out.json().bundles as Array<{ path: string }>)[0]?.path))).toBe(true);
    expect(await runExportCli(['--data', folder.dataDir], capture().io)).toBe(2);
    expect(await runSyncCli(['--data', folder.dataDir], capture().io)).toBe(2);
    expect(await runEnrolCli(['--data', folder.dataDir, '--bogus'], capture().io)).toBe(2);
    const missing = capture();
    expect(await runSyncCli(['--data', join(to, 'nothing-here'), '--once'], missing.io)).toBe(2);
    expect(missing.json()).toMatchObject({ ok: false, error: 'not_enrolled' });
  });

  it('tram sync --once gives up offline after --max-failures and exits 1', async () => {
    const folder = await enrolled(3);
    const keys = loadOrCreateKeys(folder.keysPath);
    const { saveEnrolment } = await import('../../../electron/station/keys/key-store');
    if (keys.enrolment) saveEnrolment(folder.keysPath, { ...keys.enrolment, hubUrl: `http://127.0.0.1:${await closedPort()}` });
    const out = capture();
    expect(await runSyncCli(['--data', folder.dataDir, '--once', '--max-failures', '1', '--timeout-ms', '2000'], out.io)).toBe(1);
    expect(out.json()).toEqual({ ok: false, acked_seq: 0, head_hash: null, requests: 1, state: 'offline' });
  });
});
