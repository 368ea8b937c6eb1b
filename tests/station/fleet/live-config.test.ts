// Issue #18 item 3: a signed config layer that validates takes effect in the running station at once
// where that is safe (idle timings, opening hours), without a restart; the rest (here the station's
// name) waits for the next start and is named in the fleet status and in health until then. A refused
// document names the field and changes nothing that runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signConfigDocument } from '../../../city/fleet/sign-config';
import { listStationHealth } from '../../../city/store/fleet-health-store';
import { DEMO_CONFIG } from '../../../electron/station/config/station-config';
import type { StationConfig } from '../../../electron/station/config/station-config';
import { applyLiveConfig, LIVE_SETTING_PATHS } from '../../../electron/station/fleet/live-config';
import { openStation } from '../../../electron/station/station';
import type { Station } from '../../../electron/station/station';
import { startLiveHub } from '../sync/support/live-hub';
import type { LiveHub } from '../sync/support/live-hub';
import { enrolledStation, REPO_LESSONS } from './support/fleet-harness';
import type { EnrolledStation } from './support/fleet-harness';

const clone = (config: StationConfig): StationConfig => JSON.parse(JSON.stringify(config)) as StationConfig;

describe('applyLiveConfig', () => {
  it('lays idle and opening hours over the running config in place, and lists the rest for the next start', () => {
    const running = clone(DEMO_CONFIG);
    const hours = running.openingHours;
    const next = clone(DEMO_CONFIG);
    next.idle.warnAfterSeconds = 90;
    next.openingHours.week.sun = [{ from: '08:00', to: '11:00' }];
    next.station.name = 'Nhà văn hoá khu 5';
    next.backup.keep = 3;
    expect(applyLiveConfig(running, next)).toEqual({ applied: ['idle.warnAfterSeconds', 'openingHours'], atNextStart: ['station.name', 'backup.keep'] });
    expect(running.idle).toEqual({ warnAfterSeconds: 90, countdownSeconds: 30 });
    // The very object the power schedule holds now has the new week.
    expect(running.openingHours).toBe(hours);
    expect(hours.week.sun).toEqual([{ from: '08:00', to: '11:00' }]);
    expect(running.station.name).toBe(DEMO_CONFIG.station.name);
    expect(running.backup.keep).toBe(DEMO_CONFIG.backup.keep);
  });

  it('moves the quiet hour at once (the power schedule reads it at every check)', () => {
    const running = clone(DEMO_CONFIG);
    const next = clone(DEMO_CONFIG);
    next.quietHourForRelaunch = (DEMO_CONFIG.quietHourForRelaunch ?? 0) === 4 ? 5 : 4;
    expect(applyLiveConfig(running, next)).toEqual({ applied: ['quietHourForRelaunch'], atNextStart: [] });
    expect(running.quietHourForRelaunch).toBe(next.quietHourForRelaunch);
  });

  it('nothing changed: nothing applied, nothing pending', () => {
    const running = clone(DEMO_CONFIG);
    expect(applyLiveConfig(running, clone(DEMO_CONFIG))).toEqual({ applied: [], atNextStart: [] });
    expect(LIVE_SETTING_PATHS).toEqual(['idle.warnAfterSeconds', 'idle.countdownSeconds', 'openingHours', 'quietHourForRelaunch']);
  });
});

describe('signed config in a running station', () => {
  let hub: LiveHub;
  let enrolled: EnrolledStation;
  let station: Station;
  beforeAll(async () => {
    hub = await startLiveHub();
    enrolled = await enrolledStation(hub);
    station = openStation({ dataDir: enrolled.dataDir, configPath: enrolled.configPath, appVersion: '0.1.0', lessonsDir: REPO_LESSONS, scanners: false });
  }, 120_000);
  afterAll(async () => {
    await station.close();
    enrolled.cleanup();
    await hub.close();
  });

  it('idle timings and opening hours run at once; the new name waits for the next start and is reported', async () => {
    expect(station.status().problems).toEqual([]);
    const hours = station.config.openingHours;
    const sunday = [{ from: '07:00', to: '10:00' }];
    await signConfigDocument(hub.ctx, { target: { ward_code: '06688' }, settings: { idle: { warnAfterSeconds: 95, countdownSeconds: 40 }, openingHours: { ...hours, week: { ...hours.week, sun: sunday } }, station: { name: 'Nhà văn hoá khu 7' } }, by: 'test' });
    await station.fleet!.service.checkNow();

    expect(station.status().idle).toEqual({ warnAfterSeconds: 95, countdownSeconds: 40 });
    expect(station.config.openingHours).toBe(hours);
    expect(hours.week.sun).toEqual(sunday);
    expect(station.status().stationName).toBe(enrolled.config.station.name);
    expect(station.fleet!.status()).toMatchObject({ config: { ward: 1, station: null }, configStored: { ward: 1, station: null }, configPendingRestart: ['station.name'], lastError: null });
    expect(station.fleet!.health().config).toEqual({ ward_version: 1, station_version: null, pending_restart: ['station.name'] });
    // The hub stored the report with the pending field (the round ends with health).
    const row = (await listStationHealth(hub.ctx.db)).find((candidate) => candidate.station_id === enrolled.stationId);
    expect(row?.report?.config).toEqual({ ward_version: 1, station_version: null, pending_restart: ['station.name'] });
  });

  it('a refused document names the field; what runs and what is reported stay as they were', async () => {
    const before = { idle: station.status().idle, fleet: station.fleet!.status(), week: JSON.stringify(station.config.openingHours) };
    await signConfigDocument(hub.ctx, { target: { station_id: enrolled.stationId }, settings: { idle: { warnAfterSeconds: 60, countdownSeconds: -4 } }, by: 'test' });
    await station.fleet!.service.checkNow();
    expect(station.fleet!.service.channelError().error).toBe('config_invalid');
    expect(station.status().idle).toEqual(before.idle);
    expect(JSON.stringify(station.config.openingHours)).toBe(before.week);
    expect(station.fleet!.status()).toEqual({ ...before.fleet, lastError: 'config_invalid' });
  });
});
