/**
 * The station composed when its configuration and database are good: every service exists (none is
 * ever null here), scans reach the router, uploads run, maintenance jobs are scheduled. The
 * maintenance composition (maintenance-station.ts) is the other case; station.ts picks one.
 */
import type { Database } from 'better-sqlite3';
import type { StationStatus } from '../contract/dto';
import type { EventName, KioskEvents } from '../contract/events';
import type { KioskHandlers } from '../contract/kiosk-api';
import type { StationConfig } from './config/station-config';
import { sha256Hex } from './crypto/node-hash';
import type { EventLog, LogClock } from './db/event-log';
import { scheduleMaintenance } from './db/maintenance-schedule';
import { closeStationLog } from './db/station-log';
import { learnerKeySecret, loadOrCreateKeys, type KeyFile } from './keys/key-store';
import { stationLearnerKeys } from './learners/learner-keys';
import { startLegacyKeyMigrator } from './learners/learner-rekey';
import { errorCode } from './typed-errors';
import { countPendingLegacyKeys } from './store/legacy-learner-keys';
import { LearnerRoad } from './learners/learner-road';
import type { LoadedLessons } from './lessons/load-lessons';
import type { StationLogger } from './logging/station-logger';
import { exportTargets } from './reports/export-targets';
import type { FleetBoot } from './fleet/fleet-boot';
import { createFleetHandlers } from './fleet/fleet-handlers';
import { startFleet, type StationFleet } from './fleet/start-fleet';
import { loadNarrations } from './lessons/narration-notices';
import { createScanRouter } from './scan-router';
import type { HidModule } from './scanners/hid-module';
import { wireScanners, type ScannerHealth, type WiredScanners } from './scanners/scanner-wiring';
import { GroupService } from './services/group-service';
import { IdentityService } from './services/identity-service';
import { LearnerRights } from './services/learner-rights';
import { LessonService } from './services/lesson-service';
import type { NarrationViews } from './services/lesson-views';
import { ReportService } from './reports/report-service';
import { VolunteerAuth } from './services/volunteer-auth';
import { createStationHandlers } from './station-handlers';
import { StationError } from './station-error';
import { enrolStation } from './sync/enrol';
import { enrolByQr } from './sync/enrol-by-qr';
import { exportBundles } from './sync/export';
import { createSyncService, type SyncService } from './sync/sync-service';
import { asStationError } from './typed-errors';
import { createVolunteerHandlers } from './volunteer-handlers';

export interface RunningStationParts {
  readonly config: StationConfig;
  readonly dataDir: string;
  readonly appVersion: string;
  readonly clock: LogClock;
  readonly db: Database;
  readonly log: EventLog;
  readonly keysPath: string;
  readonly keys: KeyFile;
  readonly packs: LoadedLessons;
  /** Pack audio per lesson id (lessons/narration-notices.ts). */
  readonly narration: ReadonlyMap<string, NarrationViews>;
  /** What the fleet decided at start (fleet/fleet-boot.ts): the live lesson list is `packs.lessons`. */
  readonly fleetBoot: FleetBoot;
  readonly wasUncleanShutdown: boolean;
  readonly logger: StationLogger;
  readonly emit: <E extends EventName>(name: E, payload: KioskEvents[E]) => void;
  readonly status: (sync: () => StationStatus['sync']) => StationStatus;
  readonly scanners: boolean;
  readonly loadHid?: () => Promise<HidModule>;
}

export interface RunningStation {
  readonly handlers: KioskHandlers;
  readonly identity: IdentityService;
  readonly lessons: LessonService;
  readonly sync: SyncService;
  readonly fleet: StationFleet;
  readonly scanners: WiredScanners | null;
  /** Throws `forbidden` unless a volunteer is signed in (the dispatcher's gate). */
  volunteerGate(): void;
  verifyVolunteerPin(pin: string): boolean;
  scannerHealth(): ScannerHealth;
  status(): StationStatus;
  close(): Promise<void>;
}

/** Composes the running station over an opened log. */
export function composeRunningStation(parts: RunningStationParts): RunningStation {
  const { config, db, log, clock, logger, emit, keysPath } = parts;
  let keys = parts.keys;
  // Read at each use: after an enrolment from the kiosk, the city learner key applies at once.
  const road = new LearnerRoad({ db, log, clock, keys: stationLearnerKeys(() => learnerKeySecret(keys)), wardCode: config.station.wardCode });
  const identity = new IdentityService({ road, clock });
  const groups = new GroupService({ road, log, clock, lessons: parts.packs.lessons });
  const auth = new VolunteerAuth({ keysPath, wallMs: clock.wallMs, demoMode: config.demoMode });
  // A pack switch (fleet/pack-switch.ts) replaces the lesson list in place; titles and narration follow it.
  const titles = parts.packs.lessons.map((lesson) => ({ id: lesson.id, title: lesson.title }));
  const narration = new Map(parts.narration);
  const reports = new ReportService({ db, dataDir: parts.dataDir, lessons: titles, station: config.station, wallMs: clock.wallMs });
  const rights = new LearnerRights({ db, log, clock, road });
  const lessons = new LessonService({ db, log, identity, lessons: parts.packs.lessons, narration, tracks: parts.packs.tracks, clock, sha256Hex, station: { id: config.station.id, name: config.station.name, wardName: config.station.wardName } });

  const stopMaintenance = scheduleMaintenance({
    db,
    dataDir: parts.dataDir,
    backup: config.backup,
    keepAckedDays: config.retention.keepAckedDays,
    wallMs: clock.wallMs,
    log: (event, fields) => logger.info({ event, ...fields }, event),
  });
  const sync = createSyncService({
    db,
    keysPath,
    appVersion: parts.appVersion,
    clock,
    configuredHubUrl: config.hub?.url ?? null,
    onAlert: (reason) => logger.error({ event: 'sync.stopped', code: reason.code }, 'sync stopped: maintenance needed'),
  });
  sync.onChange((value) => emit('syncChanged', value));
  log.onAppended(() => sync.logAdvanced());
  sync.start();

  // Learners registered under key version 1 are re-keyed in the background while nobody is at the kiosk.
  const migrator = countPendingLegacyKeys(db) === 0
    ? null
    : startLegacyKeyMigrator({
        db,
        log,
        busy: () => identity.activeVisit() !== null || groups.isActive(),
        onProgress: ({ rekeyed, error }) => {
          if (error === undefined) logger.info({ event: 'learner.rekeyed', rekeyed, pending: countPendingLegacyKeys(db) }, 'learner re-keyed');
          else logger.error({ event: 'learner.rekey_failed', code: errorCode(error, 'internal') }, 'learner re-keying stopped');
        },
      });

  const fleet = startFleet({
    boot: parts.fleetBoot,
    config,
    db,
    appVersion: parts.appVersion,
    wallMs: clock.wallMs,
    isBusy: () => identity.activeVisit() !== null || groups.isActive(),
    syncStatus: () => sync.status(),
    onSync: (listener) => sync.onChange(listener),
    wasUncleanShutdown: parts.wasUncleanShutdown,
    scannerHealth: () => scanners?.health() ?? { connected: 0, kinds: [], lastProblem: null },
    onPackChanged: (dir) => {
      titles.splice(0, titles.length, ...parts.packs.lessons.map((lesson) => ({ id: lesson.id, title: lesson.title })));
      narration.clear();
      if (dir !== null) for (const [id, views] of loadNarrations(dir, parts.packs.lessons, sha256Hex).views) narration.set(id, views);
    },
    log: (event, fields) => logger.info({ event, ...fields }, event),
  });

  const enrol = async (code: string) => {
    // Only the hub of the station's config: a volunteer cannot point the station at another city.
    const hubUrl = config.hub?.url;
    if (hubUrl === undefined) {
      throw new StationError('usb_only', {
        vi: 'Trạm này chỉ gửi dữ liệu qua USB. Để đăng ký, kỹ thuật viên ghi địa chỉ của tỉnh vào cấu hình ("hub"), kết nối mạng một lần rồi đăng ký lại.',
        en: 'This station is USB-only. To enrol it, a technician puts the province hub in its config ("hub"), connects it once and enrols again.',
      });
    }
    const result = await enrolStation({ dataDir: parts.dataDir, hubUrl, stationId: config.station.id, code, appVersion: parts.appVersion, open: { db, log } }).catch((error: unknown) => {
      // Typed sync errors (refused code, unreachable hub …) reach the volunteer with their code.
      throw asStationError(error, 'hub_bad_answer');
    });
    keys = loadOrCreateKeys(keysPath);
    logger.info({ event: 'enrolled', epoch: result.epoch }, 'enrolled with the city');
    sync.start();
    return { epoch: result.epoch, warnings: result.warnings };
  };

  const router = createScanRouter({ road, identity, groups, auth, rights, wallMs: clock.wallMs, logger, emit, enrolByQr: enrolByQr({ stationId: config.station.id, hubUrl: config.hub?.url ?? null, enrol }) });
  const scanners = parts.scanners ? wireScanners({ demoMode: config.demoMode, vidPids: config.scanners.vidPids, route: router.route, logger, wallMs: clock.wallMs, ...(parts.loadHid ? { loadHid: parts.loadHid } : {}) }) : null;
  const status = () => parts.status(() => sync.status());

  const exportBundle = (targetId: string) => {
    const target = exportTargets(parts.dataDir).find((candidate) => candidate.id === targetId);
    if (!target) throw new StationError('not_found', { vi: 'Không thấy nơi lưu này, hãy cắm lại USB', en: 'That drive is gone; plug the USB stick in again' });
    try {
      const bundles = exportBundles({ db, keys: loadOrCreateKeys(keysPath), toDir: target.path });
      for (const bundle of bundles) logger.info({ event: 'bundle.exported', epoch: bundle.epoch, firstSeq: bundle.firstSeq, lastSeq: bundle.lastSeq }, 'bundle exported');
      return { files: bundles.map((bundle) => bundle.path.split(/[\\/]/).pop() ?? bundle.path), events: bundles.reduce((sum, bundle) => sum + bundle.events, 0) };
    } catch (error) {
      throw asStationError(error, 'events_missing');
    }
  };

  const handlers: KioskHandlers = {
    ...createVolunteerHandlers({
      auth,
      groups,
      demoMode: config.demoMode,
      hasPin: () => loadOrCreateKeys(keysPath).volunteerPin !== null,
      stationName: config.station.name,
      onGroupChanged: () => emit('groupChanged', groups.status()),
      rights,
      reports,
      enrol,
      exportBundle,
      armLookup: () => router.armLookup(),
      armEnrolmentScan: (armed) => router.armEnrolment(armed),
    }),
    ...createFleetHandlers({ dataDir: parts.dataDir, status: fleet.status, importFromFolder: fleet.service.importFromFolder }),
    ...createStationHandlers({
      status,
      syncStatus: () => sync.status(),
      identity,
      lessons,
      scanSources: () => scanners?.sources ?? null,
      demoMode: config.demoMode,
      wallMs: clock.wallMs,
      publishScanText: router.route,
    }),
  };

  return {
    handlers,
    identity,
    lessons,
    sync,
    fleet,
    scanners,
    volunteerGate: () => void auth.requireSession(),
    verifyVolunteerPin: (pin) => {
      try {
        auth.signInWithPin(pin);
        auth.signOut();
        return true;
      } catch {
        return false;
      }
    },
    scannerHealth: () => scanners?.health() ?? { connected: 0, kinds: [], lastProblem: null },
    status,
    close: async () => {
      await scanners?.stop();
      await migrator?.stop();
      fleet.stop();
      sync.stop();
      stopMaintenance();
      if (groups.isActive() && db.open) groups.end();
      if (db.open) identity.endVisit('shutdown');
      closeStationLog(db);
    },
  };
}
