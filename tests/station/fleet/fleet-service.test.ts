// Issue #18 items 3, 4 and 6 on the station against a real hub over HTTP: signed config layers
// (accepted, refused with the field named, nothing changed), the health report (no personal data,
// stored by the hub), the 15-minute heartbeat, a hub that is down, and a station enrolled under
// protocol 1.1 (no content key pinned at enrolment) that still syncs and learns the key.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signConfigDocument } from '../../../city/fleet/sign-config';
import { listStationHealth } from '../../../city/store/fleet-health-store';
import { healthReportSchema } from '../../../electron/core/sync/protocol/fleet/health-report';
import type { HealthReport } from '../../../electron/core/sync/protocol/fleet/health-report';
import { loadEffectiveConfig } from '../../../electron/station/fleet/config-layers';
import { pinnedContentKey } from '../../../electron/station/fleet/content-key-store';
import { fleetPaths } from '../../../electron/station/fleet/fleet-files';
import { createFleetService, FIRST_CHECK_MS, HEARTBEAT_MS } from '../../../electron/station/fleet/fleet-service';
import { openPackStore } from '../../../electron/station/fleet/pack-store';
import type { SwitchTimers } from '../../../electron/station/fleet/pack-switch';
import { closedPort, startLiveHub } from '../sync/support/live-hub';
import type { LiveHub } from '../sync/support/live-hub';
import { enrolledStation, REPO_LESSONS } from './support/fleet-harness';
import type { EnrolledStation } from './support/fleet-harness';

let hub: LiveHub;
let station: EnrolledStation;
beforeAll(async () => {
  hub = await startLiveHub();
  station = await enrolledStation(hub);
}, 120_000);
afterAll(async () => {
  station.cleanup();
  await hub.close();
});

/** Timers a test fires by hand: it sees every delay asked for. */
function manualTimers() {
  const pending: Array<{ callback: () => void; ms: number }> = [];
  const timers: SwitchTimers = {
    setTimeout: (callback, ms) => {
      const entry = { callback, ms };
      pending.push(entry);
      return entry;
    },
    clearTimeout: (handle) => {
      const at = pending.indexOf(handle as (typeof pending)[number]);
      if (at >= 0) pending.splice(at, 1);
    },
  };
  return { timers, pending };
}

function service(over: { hubUrl?: string; health?: () => HealthReport; timers?: SwitchTimers } = {}) {
  const store = openPackStore(station.dataDir, REPO_LESSONS);
  const health =
    over.health ??
    ((): HealthReport => ({
      format: 'tram-hoc-so/health/v1',
      sent_ms: Date.now(),
      app_version: '0.1.0',
      platform: 'linux',
      pack_version: null,
      pack_pending: null,
      config: { ward_version: null, station_version: null },
      disk_free_bytes: 1_000_000,
      disk_total_bytes: 2_000_000,
      db_bytes: 4096,
      unacked_events: 3,
      scanners: { hid_pos: 1, demo: 0 },
      last_recovery: null,
      uptime_s: 60,
      clock_offset_ms: 5,
      open_now: true,
      update: { state: 'idle', version: null, error: null, at_ms: null },
      channel: { error: null, at_ms: null },
    }));
  return createFleetService({
    dataDir: station.dataDir,
    configPath: station.configPath,
    appVersion: '0.1.0',
    configuredHubUrl: over.hubUrl ?? hub.url,
    store,
    switcher: { request: () => undefined, pending: () => null, startConfirmTimer: () => undefined, stop: () => undefined },
    validate: () => [],
    health,
    wallMs: Date.now,
    timers: over.timers ?? manualTimers().timers,
    log: () => undefined,
  });
}
const layersText = () => {
  try {
    return readFileSync(join(fleetPaths(station.dataDir).fleetDir, 'config-layers.json'), 'utf8');
  } catch {
    return null;
  }
};

describe('signed config on the station', () => {
  it('takes a ward layer the hub signed: the merged config runs from the next start, its version reported', async () => {
    await signConfigDocument(hub.ctx, { target: { ward_code: '06688' }, settings: { idle: { warnAfterSeconds: 90 } }, by: 'test' });
    await service().checkNow();
    const effective = loadEffectiveConfig(station.configPath, station.dataDir);
    expect(effective.versions).toEqual({ ward: 1, station: null });
    expect(effective.load.ok && effective.load.config.idle.warnAfterSeconds).toBe(90);
  });

  it('a document the station config schema refuses is refused with the field named; the layers stay as they were', async () => {
    const before = layersText();
    await signConfigDocument(hub.ctx, { target: { station_id: station.stationId }, settings: { idle: { countdownSeconds: -4 } }, by: 'test' });
    const fleet = service();
    await fleet.checkNow();
    expect(fleet.channelError().error).toBe('config_invalid');
    expect(layersText()).toBe(before);
    expect(loadEffectiveConfig(station.configPath, station.dataDir).versions).toEqual({ ward: 1, station: null });
  });

  it('a document for another ward or station is not used', async () => {
    const before = layersText();
    await signConfigDocument(hub.ctx, { target: { ward_code: '00001' }, settings: { idle: { warnAfterSeconds: 200 } }, by: 'test' });
    await service().checkNow();
    expect(layersText()).toBe(before);
  });
});

describe('health', () => {
  it('is stored by the hub as sent, and carries no name, ward or station text', async () => {
    await service().checkNow();
    const row = (await listStationHealth(hub.ctx.db)).find((candidate) => candidate.station_id === station.stationId);
    expect(row?.report).toMatchObject({ unacked_events: 3, scanners: { hid_pos: 1, demo: 0 }, clock_offset_ms: 5 });
    const text = JSON.stringify(row?.report);
    for (const personal of [station.config.station.name, station.config.station.wardName, station.stationId]) expect(text).not.toContain(personal);
    // Only the schema's fields: nothing else can ride along.
    expect(Object.keys(row?.report ?? {}).sort()).toEqual(Object.keys(healthReportSchema.shape).sort());
  });

  it('a heartbeat every 15 minutes: first 20 s after start, then HEARTBEAT_MS after each round', async () => {
    const manual = manualTimers();
    let sent = 0;
    const counting = service({
      timers: manual.timers,
      health: () => {
        sent += 1;
        return { format: 'tram-hoc-so/health/v1', sent_ms: Date.now(), app_version: '0.1.0', platform: 'linux', pack_version: null, pack_pending: null, config: { ward_version: null, station_version: null }, disk_free_bytes: null, disk_total_bytes: null, db_bytes: 0, unacked_events: 0, scanners: { hid_pos: 0, demo: 0 }, last_recovery: null, uptime_s: 0, clock_offset_ms: null, open_now: null, update: { state: 'idle', version: null, error: null, at_ms: null }, channel: { error: null, at_ms: null } };
      },
    });
    counting.start();
    expect(manual.pending.map((entry) => entry.ms)).toEqual([FIRST_CHECK_MS]);
    for (let beat = 1; beat <= 2; beat++) {
      manual.pending.shift()!.callback();
      await counting.checkNow();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(sent).toBe(beat);
      expect(manual.pending.map((entry) => entry.ms)).toEqual([HEARTBEAT_MS]);
    }
    expect(HEARTBEAT_MS).toBe(15 * 60_000);
    counting.stop();
    expect(manual.pending).toEqual([]);
  });
});

describe('faults', () => {
  it('a hub that is down: the round ends, the problem is kept for health, nothing changes', async () => {
    const before = layersText();
    // The hub of the config and of the enrolment: a port nobody listens on.
    const down = await closedPort();
    const fleet = service({ hubUrl: `http://127.0.0.1:${down}` });
    const keysFile = join(station.dataDir, 'keys.json');
    const keys = readFileSync(keysFile, 'utf8');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(keysFile, keys.replace(hub.url, `http://127.0.0.1:${down}`));
    try {
      await fleet.checkNow();
      expect(fleet.channelError().error).toBe('hub_unreachable');
      expect(layersText()).toBe(before);
      expect(openPackStore(station.dataDir, REPO_LESSONS).currentDir()).toBe(REPO_LESSONS);
    } finally {
      writeFileSync(keysFile, keys);
    }
  });

  it('a station enrolled under 1.1 (no content key pinned) learns the key through the endorsement and keeps working', async () => {
    rmSync(join(fleetPaths(station.dataDir).fleetDir, 'content-key.json'));
    expect(pinnedContentKey(station.dataDir)).toBeNull();
    const fleet = service();
    await fleet.checkNow();
    // The refused station document of an earlier test is still offered; the key itself was accepted.
    expect(fleet.channelError().error).toBe('config_invalid');
    expect(pinnedContentKey(station.dataDir)).toMatchObject({ source: 'endorsement' });
    expect(loadEffectiveConfig(station.configPath, station.dataDir).versions).toEqual({ ward: 1, station: null });
  });
});
