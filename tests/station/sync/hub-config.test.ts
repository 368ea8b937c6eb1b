// The config's `hub` (build/FIELD-GUIDE.md): `null` is a USB-only station — nothing goes over the
// network, the kiosk does not enrol, USB bundles still work; a URL is the one hub the kiosk enrols
// with and uploads to; an enrolment with another hub stops uploads with a clear detail.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countEvents } from '../../../city/store/event-store';
import { commandSpecs } from '../../../electron/contract/commands';
import { DEMO_CONFIG } from '../../../electron/station/config/station-config';
import { seedEvents } from '../../../electron/station/db/seed';
import { loadOrCreateKeys } from '../../../electron/station/keys/key-store';
import { openStation } from '../../../electron/station/station';
import type { Station } from '../../../electron/station/station';
import { enrolStation } from '../../../electron/station/sync/enrol';
import { exportBundles } from '../../../electron/station/sync/export';
import { createSyncService } from '../../../electron/station/sync/sync-service';
import { tempDir } from '../../support/station-db';
import { FAST_ENGINE, liveHubForFile } from './support/live-hub';
import type { StationFolder } from './support/live-hub';

describe('the config hub field', () => {
  const live = liveHubForFile();

  async function enrolledFolder(events: number): Promise<StationFolder> {
    const folder = live.openFolder();
    const code = await live.hub.issueCode(folder.stationId);
    await enrolStation({ dataDir: folder.dataDir, hubUrl: live.hub.url, stationId: folder.stationId, code, appVersion: 't', open: { db: folder.db, log: folder.log } });
    seedEvents(folder.log, events, 1);
    return folder;
  }

  // Found by trying it: the field guide told technicians to set "hub": null, and the field did nothing.
  it('"hub": null uploads nothing over the network, says so, and still writes USB bundles', async () => {
    const folder = await enrolledFolder(7);
    let fetched = 0;
    const sync = createSyncService({ db: folder.db, keysPath: folder.keysPath, appVersion: 't', clock: folder.clock, engine: FAST_ENGINE, configuredHubUrl: null, fetch: async (...args) => (fetched++, fetch(...args)) });
    expect(await sync.runOnce()).toMatchObject({ ok: false, state: 'usb_only', requests: 0 });
    sync.start();
    sync.online();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fetched).toBe(0);
    expect(sync.status()).toMatchObject({ state: 'usb_only', waitingEvents: 7, hubUrl: null, detail: expect.stringContaining('USB') });
    expect(await countEvents(live.hub.ctx.db, { stationId: folder.stationId, epoch: 1 })).toBe(0);
    const stick = tempDir('tram-usb-');
    try {
      expect(exportBundles({ db: folder.db, keys: loadOrCreateKeys(folder.keysPath), toDir: stick.dir })).toMatchObject([{ events: 7 }]);
    } finally {
      stick.cleanup();
    }
    sync.stop();
  });

  it('a configured hub other than the one enrolled with stops uploads and names both', async () => {
    const folder = await enrolledFolder(3);
    const sync = createSyncService({ db: folder.db, keysPath: folder.keysPath, appVersion: 't', clock: folder.clock, engine: FAST_ENGINE, configuredHubUrl: 'https://hub.other.example' });
    expect(await sync.runOnce()).toMatchObject({ ok: false, requests: 0 });
    expect(sync.status()).toMatchObject({ state: 'stopped', hubUrl: 'https://hub.other.example', detail: expect.stringContaining(live.hub.url) });
  });

  it('the configured hub (trailing slash or not) uploads as usual and is reported', async () => {
    const folder = await enrolledFolder(4);
    const sync = createSyncService({ db: folder.db, keysPath: folder.keysPath, appVersion: 't', clock: folder.clock, engine: FAST_ENGINE, configuredHubUrl: `${live.hub.url}/` });
    expect(await sync.runOnce()).toMatchObject({ ok: true, ackedSeq: 4 });
    expect(sync.status()).toMatchObject({ state: 'idle', hubUrl: `${live.hub.url}/` });
  });

  /** A kiosk station (the real composition) on `hub`, signed in as the demo volunteer. */
  async function kiosk(hub: { url: string } | null): Promise<{ station: Station; cleanup: () => Promise<void> }> {
    const folder = tempDir('tram-kiosk-');
    const configPath = join(folder.dir, 'station-config.json');
    writeFileSync(configPath, JSON.stringify({ ...DEMO_CONFIG, station: { ...DEMO_CONFIG.station, id: `06688-H${process.pid % 1000}${Math.floor(Math.random() * 1000)}` }, hub }));
    const station = openStation({ dataDir: folder.dir, configPath, appVersion: 't', lessonsDir: null, scanners: false });
    await station.handlers.volunteerSignIn({ pin: '1234' });
    return {
      station,
      cleanup: async () => {
        await station.close();
        folder.cleanup();
      },
    };
  }

  it('the kiosk enrols only with the hub of its config, and a USB-only kiosk not at all', async () => {
    const usb = await kiosk(null);
    try {
      await expect(usb.station.handlers.enrolStation({ code: 'AAAAA-BBBBB' })).rejects.toMatchObject({ code: 'usb_only' });
      expect((await usb.station.handlers.getSyncStatus({})).state).toBe('usb_only');
    } finally {
      await usb.cleanup();
    }
    const configured = await kiosk({ url: live.hub.url });
    try {
      const stationId = configured.station.config.station.id;
      const result = await configured.station.handlers.enrolStation({ code: await live.hub.issueCode(stationId) });
      expect(result).toMatchObject({ epoch: 1 });
      // The command has no way to name another hub at all: its schema refuses the field.
      expect(commandSpecs.enrolStation.input.safeParse({ code: 'x1234', hubUrl: 'https://evil.example' }).success).toBe(false);
    } finally {
      await configured.cleanup();
    }
  });
});
