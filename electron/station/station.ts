/**
 * The station: the services behind the kiosk, on plain Node. Electron's main process and the web host
 * both open one and hand its handlers to the IPC dispatcher. This file only decides which of two
 * compositions runs: the running station (running-station.ts: every service, never a null) when the
 * configuration and the database are good, else the maintenance station (maintenance-station.ts):
 * status reports the exact problem and every other command answers `unavailable`, so the window is
 * never blank.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { StationProblem, StationStatus, SyncStatus } from '../contract/dto';
import type { EventName, KioskEvents } from '../contract/events';
import type { KioskHandlers } from '../contract/kiosk-api';
import { DEMO_CONFIG, type StationConfig } from './config/station-config';
import { sha256Hex } from './crypto/node-hash';
import type { EventLog, LogClock } from './db/event-log';
import { LogDamagedError, openStationLog } from './db/station-log';
import { bootFleet } from './fleet/fleet-boot';
import type { StationFleet } from './fleet/start-fleet';
import { loadOrCreateKeys } from './keys/key-store';
import { loadNarrations } from './lessons/narration-notices';
import { createStationLogger } from './logging/station-logger';
import { IN_MAINTENANCE, maintenanceHandlers } from './maintenance-station';
import { composeRunningStation, type RunningStation } from './running-station';
import type { HidModule } from './scanners/hid-module';
import type { ScannerHealth } from './scanners/scanner-wiring';
import type { SimulatedScanner } from './scanners/simulated-scanner';
import type { IdentityService } from './services/identity-service';
import type { LessonService } from './services/lesson-service';
import { notEnrolledStatus } from './sync/sync-status';
import { StationError } from './station-error';
import type { SyncService } from './sync/sync-service';
import { errorCode } from './typed-errors';

export interface StationOptions {
  readonly dataDir: string;
  /** Station config file; null or a missing file means the demo configuration (see `missingConfig`). */
  readonly configPath: string | null;
  /**
   * What a missing config file means. 'demo' (the default: development, `npm start`, the web host)
   * runs the demo; 'maintenance' (a packaged kiosk) shows the maintenance screen, because a real
   * station's database with the demo config would show the demo PIN and fake cards to the public.
   */
  readonly missingConfig?: 'demo' | 'maintenance';
  readonly appVersion: string;
  readonly clock?: LogClock;
  /** Injected in tests; defaults to the real node-hid. */
  readonly loadHid?: () => Promise<HidModule>;
  /** The lessons bundled with the app; null means none. A pack from the fleet channel runs instead when one is installed. */
  readonly lessonsDir: string | null;
  /** Start scanner sources (default true). */
  readonly scanners?: boolean;
}

export interface Station {
  readonly handlers: KioskHandlers;
  readonly config: StationConfig;
  readonly dataDir: string;
  /** The database, log and services of a running station; null in maintenance. */
  readonly db: Database | null;
  readonly log: EventLog | null;
  readonly identity: IdentityService | null;
  readonly lessons: LessonService | null;
  /** The upload to the city; null in maintenance. The shell calls `online()` when the network returns. */
  readonly sync: SyncService | null;
  /** Lesson channel, signed config, health and app updates (issue #18); null in maintenance. */
  readonly fleet: StationFleet | null;
  /** The folder lesson media are served from: the running pack's (it changes at a pack switch). */
  lessonsDir(): string | null;
  /** The demo-mode scanner (byte-exact HID-POS reports through the real path); null otherwise. */
  demoScanner(): SimulatedScanner | null;
  /** For the dispatcher: throws unless a volunteer is signed in (volunteer-only commands). */
  volunteerGate(): void;
  /** Checks the volunteer PIN (with the lockout), for the kiosk's exit combo. */
  verifyVolunteerPin(pin: string): boolean;
  /** Scanners open now and the last scanner problem (station health). */
  scannerHealth(): ScannerHealth;
  status(): StationStatus;
  on<E extends EventName>(name: E, listener: (payload: KioskEvents[E]) => void): () => void;
  close(): Promise<void>;
}

const systemClock: LogClock = { wallMs: () => Date.now(), monoMs: () => performance.now() };

function describeOpenError(error: unknown): StationProblem {
  if (error instanceof LogDamagedError) return { code: error.code, message: error.message };
  const code = errorCode(error, 'cannot_open');
  return { code: code.startsWith('database_') || code.startsWith('key_') ? code : `database_${code}`, message: (error as Error).message };
}

/** Opens the station in its data folder. Never throws for bad config or a damaged database. */
export function openStation(options: StationOptions): Station {
  mkdirSync(options.dataDir, { recursive: true });
  const clock = options.clock ?? systemClock;
  const emitter = new EventEmitter();
  const emit = <E extends EventName>(name: E, payload: KioskEvents[E]) => emitter.emit(name, payload);
  const logger = createStationLogger(options.dataDir);
  const problems: StationProblem[] = [];
  const notices: StationProblem[] = [];
  // The fleet decides first which config (the file with the hub's signed layers) and which lesson pack run.
  const fleetBoot = bootFleet({ dataDir: options.dataDir, configPath: options.configPath, bundledLessonsDir: options.lessonsDir, wallMs: clock.wallMs() });
  const configMissing = options.missingConfig === 'maintenance' && (options.configPath === null || !existsSync(options.configPath));
  const loaded: typeof fleetBoot.config = configMissing
    ? { ok: false, problems: [{ path: '(file)', message: `no station config at ${options.configPath ?? '(none given)'}: copy the commune's station-config.json there (the demo does not run in an installed kiosk)` }] }
    : fleetBoot.config;
  if (configMissing) for (const problem of loaded.ok ? [] : loaded.problems) problems.push({ code: 'config_missing', message: problem.message });
  else if (!loaded.ok) for (const problem of loaded.problems) problems.push({ code: 'config_invalid', message: `${problem.path}: ${problem.message}` });
  const config = loaded.ok ? loaded.config : DEMO_CONFIG;
  const packs = { lessons: fleetBoot.lessons, tracks: fleetBoot.tracks, problems: [...fleetBoot.lessonProblems] };
  notices.push(...fleetBoot.notices);
  for (const problem of packs.problems) notices.push({ code: 'lesson_pack_skipped', message: `${problem.path}: ${problem.message}` });
  const lessonsDir = fleetBoot.store.currentDir();
  const narration = lessonsDir ? loadNarrations(lessonsDir, packs.lessons, sha256Hex) : { views: new Map(), notices: [] };
  notices.push(...narration.notices);
  const status = (sync: () => SyncStatus): StationStatus => ({
    stationId: config.station.id,
    stationName: config.station.name,
    wardName: config.station.wardName,
    // A station in maintenance for its config is no demo, whatever stands in for the config.
    demoMode: loaded.ok && config.demoMode,
    appVersion: options.appVersion,
    sync: sync(),
    problems: [...problems],
    notices: [...notices],
    idle: config.idle,
    narration: { autoplay: config.kiosk.autoplayNarration },
  });

  let running: RunningStation | null = null;
  let db: Database | null = null;
  let log: EventLog | null = null;
  if (loaded.ok) {
    try {
      const keysPath = join(options.dataDir, 'keys.json');
      const keys = loadOrCreateKeys(keysPath);
      const opened = openStationLog({
        dbPath: join(options.dataDir, 'station.sqlite'),
        instanceMarkerPath: join(options.dataDir, 'instance.json'),
        stationId: config.station.id,
        bootId: randomUUID(),
        clock,
        sha256Hex,
        ...(keys.enrolment === null ? {} : { cityEpoch: keys.enrolment.epoch }),
      });
      ({ db, log } = opened);
      log.append([{ kind: 'station.boot', payload: { app_version: options.appVersion, config_version: config.configVersion } }]);
      logger.info({ event: 'station.opened', stationId: config.station.id, epoch: log.head().epoch, seq: log.head().seq, newEpoch: opened.newEpochReason, uncleanShutdown: opened.wasUncleanShutdown }, 'station opened');
      running = composeRunningStation({ config, dataDir: options.dataDir, appVersion: options.appVersion, clock, db, log, keysPath, keys, packs, narration: narration.views, fleetBoot, wasUncleanShutdown: opened.wasUncleanShutdown, logger, emit, status, scanners: options.scanners !== false, ...(options.loadHid ? { loadHid: options.loadHid } : {}) });
    } catch (error) {
      problems.push(describeOpenError(error));
      if (db?.open) db.close();
    }
  }
  for (const problem of problems) logger.error({ event: 'maintenance', code: problem.code, detail: problem.message }, 'station in maintenance');
  for (const notice of notices) logger.warn({ event: 'notice', code: notice.code, detail: notice.message }, 'notice');

  const maintenanceStatus = () => status(() => notEnrolledStatus(0));
  return {
    handlers: running?.handlers ?? maintenanceHandlers(maintenanceStatus, clock.wallMs),
    config,
    dataDir: options.dataDir,
    db: running ? db : null,
    log: running ? log : null,
    identity: running?.identity ?? null,
    lessons: running?.lessons ?? null,
    sync: running?.sync ?? null,
    fleet: running?.fleet ?? null,
    lessonsDir: () => fleetBoot.store.currentDir(),
    demoScanner: () => running?.scanners?.sources.demoScanner ?? null,
    volunteerGate: () => {
      if (running === null) throw new StationError('unavailable', IN_MAINTENANCE);
      running.volunteerGate();
    },
    verifyVolunteerPin: (pin) => running?.verifyVolunteerPin(pin) ?? false,
    scannerHealth: () => running?.scannerHealth() ?? { connected: 0, kinds: [], lastProblem: null },
    status: () => running?.status() ?? maintenanceStatus(),
    on: (name, listener) => {
      emitter.on(name, listener);
      return () => emitter.off(name, listener);
    },
    close: async () => {
      await running?.close();
      logger.info({ event: 'station.closed' }, 'station closed');
      logger.flush();
      emitter.removeAllListeners();
    },
  };
}
