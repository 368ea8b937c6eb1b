// Issue #18 item 5 against the hub's real app-update route: a release registered and rolled out to a
// ward (staged rollout), three enrolled stations whose fleet services ask over the
// signed transport in the nightly window. Only electron-updater is stood in for — by a driver that
// does what it does: read the station's feed (latest-linux.yml) over HTTP, download the installer and
// check its SHA-512. A station inside the rollout downloads and installs at the relaunch; one outside
// is offered nothing; one whose hub is down changes nothing and relaunches as every night.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUpdateInfo } from 'electron-updater/out/providers/Provider';
import { CHANNEL_FILES, feedPath } from '../../../city/fleet/app-feed';
import { fleetContext } from '../../../city/fleet/fleet-context';
import { runFleetCommand } from '../../../city/fleet/fleet-commands';
import { putBlob } from '../../../city/store/fleet-blob-store';
import { createFleetService } from '../../../electron/station/fleet/fleet-service';
import { openPackStore } from '../../../electron/station/fleet/pack-store';
import type { SwitchTimers } from '../../../electron/station/fleet/pack-switch';
import { createUpdateController } from '../../../electron/station/fleet/update-controller';
import type { AppUpdateDriver } from '../../../electron/station/fleet/update-controller';
import { closedPort, startLiveHub } from '../sync/support/live-hub';
import type { LiveHub } from '../sync/support/live-hub';
import { sha256 } from '../../city/fleet/fleet-support';
import { enrolledStation, REPO_LESSONS } from './support/fleet-harness';
import type { EnrolledStation } from './support/fleet-harness';

const NEW_VERSION = '0.2.0';
const installer = randomBytes(300_000);
const installerSha512 = createHash('sha512').update(installer).digest('base64');
const noTimers: SwitchTimers = { setTimeout: () => null, clearTimeout: () => undefined };

let hub: LiveHub;
let inside: EnrolledStation;
let outside: EnrolledStation;
let downHub: EnrolledStation;
beforeAll(async () => {
  hub = await startLiveHub();
  // The rollout names ward 06688 at 0 %: its two stations are in, the one of ward 06690 is not.
  inside = await enrolledStation(hub);
  downHub = await enrolledStation(hub);
  outside = await enrolledStation(hub, (config) => config, `06690-${process.pid % 1000}`);
  await putBlob(hub.ctx.db, installer, hub.ctx.now());
  const registered = await runFleetCommand(hub.ctx, { command: 'register-app', version: NEW_VERSION, platform: 'linux', file: `tram-hoc-so-${NEW_VERSION}.AppImage`, sha256: sha256(installer), by: 'test' });
  expect(registered).toMatchObject({ ok: true, value: { sha512: installerSha512 } });
  expect(await runFleetCommand(hub.ctx, { command: 'rollout', version: NEW_VERSION, percent: 0, wards: ['06688'], by: 'test' })).toMatchObject({ ok: true });
}, 120_000);
afterAll(async () => {
  for (const station of [inside, outside, downHub]) station?.cleanup();
  await hub.close();
});

/** electron-updater's part, done the way it does it: the channel file, then the file it names, SHA-512 checked. */
function updaterDriver() {
  const calls = { feeds: [] as string[], installs: 0 };
  const driver: AppUpdateDriver = {
    async fetchUpdate(feedUrl) {
      calls.feeds.push(feedUrl);
      const channel = await fetch(new URL(CHANNEL_FILES.linux, feedUrl));
      if (channel.status === 404) return null;
      const info = parseUpdateInfo(await channel.text(), CHANNEL_FILES.linux, new URL(feedUrl));
      const file = Buffer.from(await (await fetch(new URL(info.path, feedUrl))).arrayBuffer());
      const sha512 = createHash('sha512').update(file).digest('base64');
      if (sha512 !== info.sha512) throw new Error('sha512 checksum mismatch');
      return { version: info.version, sha512 };
    },
    quitAndInstall() {
      calls.installs += 1;
    },
  };
  return { driver, calls };
}

function controllerFor(station: EnrolledStation, appVersion = '0.1.0', hubUrl = hub.url) {
  const service = createFleetService({
    dataDir: station.dataDir,
    configPath: station.configPath,
    appVersion,
    configuredHubUrl: hubUrl,
    store: openPackStore(station.dataDir, REPO_LESSONS),
    switcher: { request: () => undefined, pending: () => null, startConfirmTimer: () => undefined, stop: () => undefined },
    validate: () => [],
    health: () => {
      throw new Error('not in this test');
    },
    wallMs: Date.now,
    timers: noTimers,
    log: () => undefined,
  });
  const { driver, calls } = updaterDriver();
  let relaunches = 0;
  const controller = createUpdateController({ dataDir: station.dataDir, appVersion, platform: 'linux', hub: service.hub, driver, isBusy: () => false, wallMs: Date.now, relaunch: () => (relaunches += 1) });
  return { controller, calls, relaunches: () => relaunches };
}

describe('update controller against the hub app-update route', () => {
  it('a station inside the rollout gets its feed, downloads the signed version and installs it at the relaunch', async () => {
    const { controller, calls, relaunches } = controllerFor(inside);
    expect(controller.nightly(30)).toBe(false);
    await controller.settled();
    const secret = (await fleetContext(hub.ctx)).feedSecret;
    expect(calls.feeds).toEqual([`${hub.url}${feedPath(secret, inside.stationId)}`]);
    expect(controller.health()).toMatchObject({ state: 'downloaded', version: NEW_VERSION, error: null });
    // The next minute of the window: the install takes the place of the relaunch.
    expect(controller.nightly(29)).toBe(true);
    expect(calls.installs).toBe(1);
    expect(relaunches()).toBe(0);
    expect(controller.health().state).toBe('installing');
    // The app comes back at the new version: the install took.
    const after = controllerFor(inside, NEW_VERSION);
    expect(after.controller.health()).toMatchObject({ state: 'idle', version: NEW_VERSION, error: null });
  });

  it('a station outside the rollout is offered nothing (its feed has no channel file either) and relaunches as usual', async () => {
    const { controller, calls, relaunches } = controllerFor(outside);
    expect(controller.nightly(30)).toBe(false);
    await controller.settled();
    expect(calls.feeds).toEqual([]);
    expect(controller.health()).toMatchObject({ state: 'idle', version: null, error: null });
    const secret = (await fleetContext(hub.ctx)).feedSecret;
    expect((await fetch(`${hub.url}${feedPath(secret, outside.stationId)}${CHANNEL_FILES.linux}`)).status).toBe(404);
    expect(controller.nightly(29)).toBe(true);
    expect(relaunches()).toBe(1);
    expect(calls.installs).toBe(0);
  });

  it('a hub that is down changes nothing: no download, no install, the plain nightly relaunch, the failure in health', async () => {
    const keysFile = join(downHub.dataDir, 'keys.json');
    const keys = readFileSync(keysFile, 'utf8');
    // The hub of the config and of the enrolment: a port nobody listens on.
    const down = `http://127.0.0.1:${await closedPort()}`;
    writeFileSync(keysFile, keys.replace(hub.url, down));
    try {
      const { controller, calls, relaunches } = controllerFor(downHub, '0.1.0', down);
      expect(controller.nightly(30)).toBe(false);
      await controller.settled();
      expect(calls.feeds).toEqual([]);
      expect(controller.health()).toMatchObject({ state: 'failed', error: 'hub_unreachable', version: null });
      expect(controller.nightly(29)).toBe(true);
      expect(relaunches()).toBe(1);
      expect(calls.installs).toBe(0);
    } finally {
      writeFileSync(keysFile, keys);
    }
  });
});
