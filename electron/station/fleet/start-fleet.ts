/**
 * Wires the fleet into a running station (issue #18): the pack switcher over the live lesson list,
 * the 15-minute loop, health reports after each sync, the update controller (its driver comes from
 * the Electron shell) and the two kiosk commands. station.ts calls `bootFleet` before its services
 * open and this once they are.
 */
import type { Database } from 'better-sqlite3';
import type { FleetStatus, SyncStatus } from '../../contract/dto';
import { HEALTH_FORMAT } from '../../core/sync/protocol/fleet/health-report';
import type { HealthReport } from '../../core/sync/protocol/fleet/health-report';
import { isOpenAt } from '../../core/kiosk/opening-hours';
import type { StationConfig } from '../config/station-config';
import type { ScannerHealth } from '../scanners/scanner-wiring';
import { countWaitingEvents } from '../store/sync-state';
import type { FetchFn } from '../sync/http-transport';
import type { FleetBoot } from './fleet-boot';
import { loadPack } from './fleet-boot';
import { loadEffectiveConfig } from './config-layers';
import { createFleetService } from './fleet-service';
import type { FleetService } from './fleet-service';
import { applyLiveConfig } from './live-config';
import { createPackSwitcher } from './pack-switch';
import type { PackSwitcher, SwitchTimers } from './pack-switch';
import { databaseBytes, diskSpace, lastRecovery, noteRecovery } from './station-vitals';
import type { RecoveryNote } from './station-vitals';
import { createUpdateController } from './update-controller';
import type { AppUpdateDriver, UpdateController } from './update-controller';

export interface StationFleet {
  readonly service: FleetService;
  readonly switcher: PackSwitcher;
  /** The folder lesson media are served from (the running pack's). */
  lessonsDir(): string | null;
  status(): FleetStatus;
  health(): HealthReport;
  noteRecovery(kind: RecoveryNote['kind'], action: string | null): void;
  /** The Electron shell hands over electron-updater; returns the nightly decision function. */
  attachUpdates(driver: AppUpdateDriver | null, relaunch: () => void): UpdateController;
  /** Asked by the nightly relaunch each minute it is due (see update-controller.ts). */
  nightly(minutesLeft: number): boolean;
  stop(): void;
}

export interface StartFleetOptions {
  readonly boot: FleetBoot;
  readonly config: StationConfig;
  readonly db: Database;
  readonly appVersion: string;
  readonly wallMs: () => number;
  /** True while a visit or group session is open. */
  readonly isBusy: () => boolean;
  readonly syncStatus: () => SyncStatus;
  readonly onSync: (listener: (status: SyncStatus) => void) => () => void;
  readonly wasUncleanShutdown: boolean;
  /** Scanners open now (scanner-wiring.ts); none when scanners are off. */
  readonly scannerHealth: () => ScannerHealth;
  /** The running pack folder changed (a switch or a rollback): reload what is read from it (narration). */
  readonly onPackChanged?: (dir: string | null) => void;
  readonly log: (event: string, fields: Record<string, unknown>) => void;
  readonly timers?: SwitchTimers;
  readonly fetch?: FetchFn;
  readonly platform?: NodeJS.Platform;
}

function scannerCounts(health: ScannerHealth): HealthReport['scanners'] {
  const demo = health.kinds.filter((kind) => kind === 'demo').length;
  return { hid_pos: health.kinds.length - demo, demo };
}

const realTimers: SwitchTimers = { setTimeout: (callback, ms) => setTimeout(callback, ms).unref(), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) };

export function startFleet(options: StartFleetOptions): StationFleet {
  const { boot } = options;
  const timers = options.timers ?? realTimers;
  const startedAtMs = options.wallMs();
  const platform = options.platform ?? process.platform;
  if (options.wasUncleanShutdown) noteRecovery(boot.dataDir, { kind: 'unclean_shutdown', action: null, at_ms: Math.floor(startedAtMs) });

  const switcher = createPackSwitcher({
    store: boot.store,
    isBusy: options.isBusy,
    load: loadPack,
    liveLessons: boot.lessons,
    liveTracks: boot.tracks,
    wallMs: options.wallMs,
    timers,
    onSwitched: (version) => {
      options.onPackChanged?.(boot.store.currentDir());
      options.log('fleet.pack_switched', { version });
    },
    onRolledBack: (rollback) => {
      options.onPackChanged?.(boot.store.currentDir());
      noteRecovery(boot.dataDir, { kind: 'pack_rolled_back', action: rollback.to === null ? 'bundled' : `pack-${rollback.to}`, at_ms: Math.floor(options.wallMs()) });
      options.log('fleet.pack_rolled_back', { from: rollback.from, to: rollback.to, reason: rollback.reason });
    },
  });

  // Signed config accepted while running: the live settings change in place in options.config (the
  // object the station's parts read); the others are listed until the next start (live-config.ts).
  let configVersions = { ...boot.configVersions };
  let pendingRestart: readonly string[] = [];
  const applySignedConfig = () => {
    const next = loadEffectiveConfig(boot.configPath, boot.dataDir);
    if (!next.load.ok || next.load.source === 'demo') return;
    const outcome = applyLiveConfig(options.config, next.load.config);
    configVersions = { ...next.versions };
    pendingRestart = outcome.atNextStart;
    options.log('fleet.config_live', { applied: outcome.applied, atNextStart: outcome.atNextStart, ward: next.versions.ward, station: next.versions.station });
  };

  let updates: UpdateController | null = null;
  const health = (): HealthReport => {
    const disk = diskSpace(boot.dataDir);
    const sync = options.syncStatus();
    const { openingHours } = options.config;
    return {
      format: HEALTH_FORMAT,
      sent_ms: Math.floor(options.wallMs()),
      app_version: options.appVersion,
      platform: platform === 'win32' || platform === 'linux' ? platform : 'other',
      pack_version: boot.store.currentVersion(),
      pack_pending: switcher.pending(),
      config: { ward_version: configVersions.ward, station_version: configVersions.station, ...(pendingRestart.length === 0 ? {} : { pending_restart: [...pendingRestart] }) },
      disk_free_bytes: disk.free,
      disk_total_bytes: disk.total,
      db_bytes: databaseBytes(boot.dataDir),
      unacked_events: options.db.open ? countWaitingEvents(options.db) : 0,
      scanners: scannerCounts(options.scannerHealth()),
      last_recovery: lastRecovery(boot.dataDir),
      uptime_s: Math.max(0, Math.floor((options.wallMs() - startedAtMs) / 1000)),
      clock_offset_ms: sync.clockOffsetMs === null ? null : Math.round(sync.clockOffsetMs),
      open_now: isOpenAt(openingHours.week, options.wallMs(), openingHours.utcOffsetMinutes),
      update: updates?.health() ?? { state: 'idle', version: null, error: null, at_ms: null },
      channel: service.channelError(),
    };
  };

  const service = createFleetService({
    dataDir: boot.dataDir,
    configPath: boot.configPath,
    appVersion: options.appVersion,
    configuredHubUrl: options.config.hub?.url ?? null,
    store: boot.store,
    switcher,
    validate: (dir) => loadPack(dir).problems,
    health,
    wallMs: options.wallMs,
    timers,
    log: options.log,
    onConfigAccepted: applySignedConfig,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });

  const attachUpdates = (driver: AppUpdateDriver | null, relaunch: () => void): UpdateController => {
    updates = createUpdateController({ dataDir: boot.dataDir, appVersion: options.appVersion, platform, hub: service.hub, driver, isBusy: options.isBusy, wallMs: options.wallMs, relaunch, log: options.log });
    return updates;
  };
  attachUpdates(null, () => undefined);

  // "Every sync carries health": a sync that reached the hub is followed by a report.
  let lastSuccess: number | null = options.syncStatus().lastSuccessMs;
  const unsubscribe = options.onSync((status) => {
    if (status.lastSuccessMs !== null && status.lastSuccessMs !== lastSuccess) service.afterSync();
    lastSuccess = status.lastSuccessMs;
  });
  switcher.startConfirmTimer();
  service.start();

  return {
    service,
    switcher,
    lessonsDir: () => boot.store.currentDir(),
    status: () => {
      const stored = loadEffectiveConfig(boot.configPath, boot.dataDir).versions;
      return { packVersion: boot.store.currentVersion(), packPending: switcher.pending(), config: { ...configVersions }, configStored: { ...stored }, configPendingRestart: [...pendingRestart], lastError: service.channelError().error };
    },
    health,
    noteRecovery: (kind, action) => noteRecovery(boot.dataDir, { kind, action, at_ms: Math.floor(options.wallMs()) }),
    attachUpdates,
    nightly: (minutesLeft) => updates?.nightly(minutesLeft) ?? false,
    stop: () => {
      unsubscribe();
      switcher.stop();
      service.stop();
    },
  };
}
