/**
 * The station: the services behind the kiosk, on plain Node. Electron's main process and the web host
 * both open one and hand its handlers to the IPC dispatcher. When the configuration or the database is
 * unusable the station still opens, in maintenance: status reports the exact problem and every other
 * command answers `unavailable`, so the window is never blank.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { StationProblem, StationStatus } from '../contract/dto';
import type { EventName, KioskEvents } from '../contract/events';
import type { KioskHandlers } from '../contract/kiosk-api';
import { loadConfig } from './config/load-config';
import { DEMO_CONFIG, type StationConfig } from './config/station-config';
import { sha256Hex } from './crypto/node-hash';
import type { EventLog, LogClock } from './db/event-log';
import { scheduleMaintenance } from './db/maintenance-schedule';
import { closeStationLog, LogDamagedError, openStationLog } from './db/station-log';
import { learnerKeySecret, loadOrCreateKeys } from './keys/key-store';
import type { HidModule } from './scanners/hid-module';
import type { SimulatedScanner } from './scanners/simulated-scanner';
import { startScanSources, type ScanSources } from './scanners/scan-sources';
import { loadLessons } from './lessons/load-lessons';
import { IdentityService, type ScanMethod } from './services/identity-service';
import { GroupService } from './services/group-service';
import { createStationLogger } from './logging/station-logger';
import { LearnerRights } from './services/learner-rights';
import { LessonService } from './services/lesson-service';
import { ReportService } from './services/report-service';
import { createSyncService, type SyncService } from './sync/sync-service';
import { enrolStation } from './sync/enrol';
import { exportBundles } from './sync/export';
import { exportTargets } from './reports/export-targets';
import { VolunteerAuth } from './services/volunteer-auth';
import { createVolunteerHandlers } from './volunteer-handlers';
import { countWaitingEvents, notEnrolledStatus } from './services/status-service';
import { StationError } from './ipc/station-error';
import { asStationError, errorCode } from './ipc/error-code';
import { createScanRouter } from './scan-router';
import { createStationHandlers } from './station-handlers';

export interface StationOptions {
  readonly dataDir: string;
  /** Station config file; null or a missing file means the demo configuration. */
  readonly configPath: string | null;
  readonly appVersion: string;
  readonly clock?: LogClock;
  /** Injected in tests; defaults to the real node-hid. */
  readonly loadHid?: () => Promise<HidModule>;
  /** The lesson packs folder; null means no lessons. */
  readonly lessonsDir: string | null;
  /** Start scanner sources (default true). */
  readonly scanners?: boolean;
}

export interface Station {
  readonly handlers: KioskHandlers;
  readonly config: StationConfig;
  readonly dataDir: string;
  readonly db: Database | null;
  readonly log: EventLog | null;
  readonly identity: IdentityService | null;
  readonly lessons: LessonService | null;
  /** The demo-mode scanner (byte-exact HID-POS reports through the real path); null otherwise. */
  demoScanner(): SimulatedScanner | null;
  /** The upload to the city; null in maintenance. The shell calls `online()` when the network returns. */
  readonly sync: SyncService | null;
  /** Checks the volunteer PIN (with the lockout), for the kiosk's exit combo. */
  verifyVolunteerPin(pin: string): boolean;
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
  const problems: StationProblem[] = [];
  const logger = createStationLogger(options.dataDir);
  const loaded = loadConfig(options.configPath);
  if (!loaded.ok) for (const problem of loaded.problems) problems.push({ code: 'config_invalid', message: `${problem.path}: ${problem.message}` });
  const config = loaded.ok ? loaded.config : DEMO_CONFIG;

  let db: Database | null = null;
  let log: EventLog | null = null;
  let identity: IdentityService | null = null;
  let lessons: LessonService | null = null;
  let groups: GroupService | null = null;
  let auth: VolunteerAuth | null = null;
  let rights: LearnerRights | null = null;
  let reports: ReportService | null = null;
  const keysPath = join(options.dataDir, 'keys.json');
  let keys: ReturnType<typeof loadOrCreateKeys> | null = null;
  // Read at each use: after an enrolment from the kiosk, the city learner key applies at once.
  const secret = () => {
    if (!keys) throw new StationError('unavailable', 'no key store');
    return learnerKeySecret(keys);
  };
  let sync: SyncService | null = null;
  let stopMaintenance: (() => void) | null = null;
  const notices: StationProblem[] = [];
  const packs = options.lessonsDir ? loadLessons(options.lessonsDir) : { lessons: [], tracks: [], problems: [] };
  for (const problem of packs.problems) notices.push({ code: 'lesson_pack_skipped', message: `${problem.path}: ${problem.message}` });
  if (loaded.ok) {
    try {
      keys = loadOrCreateKeys(keysPath);
      const opened = openStationLog({
        dbPath: join(options.dataDir, 'station.sqlite'),
        instanceMarkerPath: join(options.dataDir, 'instance.json'),
        stationId: config.station.id,
        bootId: randomUUID(),
        clock,
        sha256Hex,
        ...(keys.enrolment === null ? {} : { cityEpoch: keys.enrolment.epoch }),
      });
      db = opened.db;
      log = opened.log;
      log.append([{ kind: 'station.boot', payload: { app_version: options.appVersion, config_version: config.configVersion } }]);
      logger.info({ event: 'station.opened', stationId: config.station.id, epoch: log.head().epoch, seq: log.head().seq, newEpoch: opened.newEpochReason, uncleanShutdown: opened.wasUncleanShutdown }, 'station opened');
      identity = new IdentityService({ db, log, clock, learnerKeySecret: secret, wardCode: config.station.wardCode });
      groups = new GroupService({ db, log, clock, lessons: packs.lessons, wardCode: config.station.wardCode, learnerKeySecret: secret });
      auth = new VolunteerAuth({ keysPath, wallMs: clock.wallMs, demoMode: config.demoMode });
      reports = new ReportService({ db, dataDir: options.dataDir, lessons: packs.lessons.map((lesson) => ({ id: lesson.id, title: lesson.title })), station: config.station, wallMs: clock.wallMs });
      rights = new LearnerRights({ db, log, clock, learnerKeySecret: secret });
      lessons = new LessonService({ db, log, identity, lessons: packs.lessons, tracks: packs.tracks, clock, sha256Hex, station: { id: config.station.id, name: config.station.name, wardName: config.station.wardName } });
    } catch (error) {
      problems.push(describeOpenError(error));
    }
  }
  if (db) {
    stopMaintenance = scheduleMaintenance({
      db,
      dataDir: options.dataDir,
      backup: config.backup,
      keepAckedDays: config.retention.keepAckedDays,
      wallMs: clock.wallMs,
      log: (event, fields) => logger.info({ event, ...fields }, event),
    });
    sync = createSyncService({
      db,
      keysPath,
      appVersion: options.appVersion,
      clock,
      onAlert: (reason) => logger.error({ event: 'sync.stopped', code: reason.code }, 'sync stopped: maintenance needed'),
    });
    sync.onChange((status) => emit('syncChanged', status));
    const uploader = sync;
    log?.onAppended(() => uploader.logAdvanced());
    sync.start();
  }
  for (const problem of problems) logger.error({ event: 'maintenance', code: problem.code, detail: problem.message }, 'station in maintenance');
  for (const notice of notices) logger.warn({ event: 'notice', code: notice.code, detail: notice.message }, 'notice');

  const router = identity && groups && auth && rights ? createScanRouter({ identity, groups, auth, rights, wallMs: clock.wallMs, logger, emit }) : null;
  const publishScan = (text: string, method: ScanMethod) => router?.route(text, method);

  let scanSources: ScanSources | null = null;
  if (identity && options.scanners !== false) {
    scanSources = startScanSources({
      demoMode: config.demoMode,
      vidPids: config.scanners.vidPids,
      onScan: (scan) => publishScan(scan.text, 'hid-pos'),
      ...(options.loadHid ? { loadHid: options.loadHid } : {}),
    });
  }

  const syncStatus = () => sync?.status() ?? notEnrolledStatus(db ? countWaitingEvents(db) : 0);
  const status = (): StationStatus => ({
    stationId: config.station.id,
    stationName: config.station.name,
    wardName: config.station.wardName,
    demoMode: config.demoMode,
    appVersion: options.appVersion,
    sync: syncStatus(),
    problems: [...problems],
    notices: [...notices],
    idle: config.idle,
  });

  const volunteerHandlers = createVolunteerHandlers({
    auth,
    groups,
    demoMode: config.demoMode,
    hasPin: () => loadOrCreateKeys(keysPath).volunteerPin !== null,
    stationName: config.station.name,
    onGroupChanged: () => {
      if (groups) emit('groupChanged', groups.status());
    },
    rights,
    reports,
    enrol: async (hubUrl, code) => {
      if (!db || !log) throw new StationError('unavailable', 'Trạm đang bảo trì / The station is in maintenance');
      const result = await enrolStation({ dataDir: options.dataDir, hubUrl, stationId: config.station.id, code, appVersion: options.appVersion, open: { db, log } }).catch((error: unknown) => {
        // Typed sync errors (refused code, unreachable hub …) reach the volunteer with their code.
        throw asStationError(error, 'enrol_failed');
      });
      keys = loadOrCreateKeys(keysPath);
      logger.info({ event: 'enrolled', epoch: result.epoch }, 'enrolled with the city');
      sync?.start();
      return { epoch: result.epoch, warnings: result.warnings };
    },
    exportBundle: (targetId) => {
      const target = exportTargets(options.dataDir).find((candidate) => candidate.id === targetId);
      if (!db || !keys) throw new StationError('unavailable', 'Trạm đang bảo trì / The station is in maintenance');
      if (!target) throw new StationError('not_found', 'Không thấy nơi lưu này, hãy cắm lại USB / That drive is gone; plug the USB stick in again');
      try {
        const bundles = exportBundles({ db, keys: loadOrCreateKeys(keysPath), toDir: target.path });
        for (const bundle of bundles) logger.info({ event: 'bundle.exported', epoch: bundle.epoch, firstSeq: bundle.firstSeq, lastSeq: bundle.lastSeq }, 'bundle exported');
        return { files: bundles.map((bundle) => bundle.path.split(/[\\/]/).pop() ?? bundle.path), events: bundles.reduce((sum, bundle) => sum + bundle.events, 0) };
      } catch (error) {
        throw asStationError(error, 'export_failed');
      }
    },
    armLookup: () => router?.armLookup(),
  });
  const handlers: KioskHandlers = { ...volunteerHandlers, ...createStationHandlers({
    status,
    syncStatus,
    identity,
    lessons,
    scanSources: () => scanSources,
    demoMode: config.demoMode,
    wallMs: clock.wallMs,
    publishScanText: publishScan,
  }) };

  return {
    handlers,
    config,
    dataDir: options.dataDir,
    db,
    log,
    identity,
    lessons,
    demoScanner: () => scanSources?.demoScanner ?? null,
    get sync() {
      return sync;
    },
    verifyVolunteerPin: (pin) => {
      if (!auth) return false;
      try {
        auth.signInWithPin(pin);
        auth.signOut();
        return true;
      } catch {
        return false;
      }
    },
    status,
    on: (name, listener) => {
      emitter.on(name, listener);
      return () => emitter.off(name, listener);
    },
    close: async () => {
      await scanSources?.stop();
      sync?.stop();
      stopMaintenance?.();
      if (groups?.isActive() && db?.open) groups.end();
      if (identity && db?.open) identity.endVisit('shutdown');
      if (db) closeStationLog(db);
      logger.info({ event: 'station.closed' }, 'station closed');
      logger.flush();
      emitter.removeAllListeners();
    },
  };
}
