/**
 * The station's command handlers: one function per contract command, each a thin call into a
 * service. Anything that needs the database answers `unavailable` while the station is in maintenance.
 */
import type { StationStatus, SyncStatus } from '../contract/dto';
import type { KioskHandlers } from '../contract/kiosk-api';
import type { createVolunteerHandlers } from './volunteer-handlers';

type VolunteerCommandName = keyof ReturnType<typeof createVolunteerHandlers>;
import { StationError } from './ipc/station-error';
import type { ScanSources } from './scanners/scan-sources';
import { demoCardText, listDemoCards } from './services/demo-cards';
import type { IdentityService } from './services/identity-service';
import type { LessonService } from './services/lesson-service';

export interface HandlerDeps {
  readonly status: () => StationStatus;
  readonly syncStatus: () => SyncStatus;
  readonly identity: IdentityService | null;
  readonly lessons: LessonService | null;
  readonly scanSources: () => ScanSources | null;
  readonly demoMode: boolean;
  readonly wallMs: () => number;
  readonly publishScanText: (text: string, method: 'keyboard') => void;
}

const MAINTENANCE = 'Trạm đang bảo trì / The station is in maintenance';

export function createStationHandlers(deps: HandlerDeps): Omit<KioskHandlers, VolunteerCommandName> {
  const identity = (): IdentityService => {
    if (!deps.identity) throw new StationError('unavailable', MAINTENANCE);
    return deps.identity;
  };
  const lessons = (): LessonService => {
    if (!deps.lessons) throw new StationError('unavailable', MAINTENANCE);
    return deps.lessons;
  };
  return {
    getStatus: async () => deps.status(),
    getSyncStatus: async () => {
      identity();
      return deps.syncStatus();
    },
    submitScan: async ({ text, method }) => {
      identity();
      deps.publishScanText(text, method);
      return { accepted: true };
    },
    answerConsent: async ({ pendingId, accept }) => identity().answerConsent(pendingId, accept),
    endVisit: async ({ reason }) => ({ ended: identity().endVisit(reason) }),
    listDemoCards: async () => (deps.demoMode ? listDemoCards() : []),
    playDemoCard: async ({ id }) => {
      const scanner = deps.scanSources()?.demoScanner;
      if (!deps.demoMode || !scanner) throw new StationError('unavailable', 'Chỉ có ở chế độ trình diễn / Only in demo mode');
      const text = demoCardText(id);
      if (text === null) throw new StationError('not_found', `no demo card ${id}`);
      return { played: scanner.scanText(text) };
    },
    listLessons: async () => lessons().list(),
    getLesson: async ({ id }) => lessons().view(id),
    startLesson: async ({ id }) => lessons().start(id),
    saveStep: async ({ id, step }) => ({ saved: lessons().saveStep(id, step) }),
    completeLesson: async ({ id, answers }) => lessons().complete(id, answers),
    attemptPractice: async ({ id, step, answer }) => lessons().attemptPractice(id, step, answer),
    getProgress: async ({ track }) => lessons().progress(track),
    chooseTrack: async ({ track }) => lessons().chooseTrack(track),
    getCertificate: async () => lessons().certificate(),
    printPage: async () => {
      throw new StationError('unavailable', 'printing is done by the page in this host');
    },
    submitExitPin: async () => {
      throw new StationError('unavailable', 'only the Electron kiosk has a volunteer exit');
    },
    echo: async ({ text }) => ({ text, receivedAtMs: Math.floor(deps.wallMs()) }),
  };
}
