/**
 * The walk-in commands of a running station: one function per contract command, each a thin call
 * into a service. The maintenance station (maintenance-station.ts) answers these itself.
 */
import type { StationStatus, SyncStatus } from '../contract/dto';
import type { KioskHandlers } from '../contract/kiosk-api';
import type { FleetCommands } from './fleet/fleet-handlers';
import type { VolunteerCommands } from './volunteer-handlers';
import { StationError } from './station-error';
import type { ScanSources } from './scanners/scan-sources';
import { demoCardText, listDemoCards } from './services/demo-cards';
import type { IdentityService } from './services/identity-service';
import type { LessonService } from './services/lesson-service';

export interface HandlerDeps {
  readonly status: () => StationStatus;
  readonly syncStatus: () => SyncStatus;
  readonly identity: IdentityService;
  readonly lessons: LessonService;
  readonly scanSources: () => ScanSources | null;
  readonly demoMode: boolean;
  readonly wallMs: () => number;
  readonly publishScanText: (text: string, method: 'keyboard') => void;
}

export function createStationHandlers(deps: HandlerDeps): Omit<KioskHandlers, VolunteerCommands | FleetCommands> {
  const { identity, lessons } = deps;
  return {
    getStatus: async () => deps.status(),
    getSyncStatus: async () => deps.syncStatus(),
    submitScan: async ({ text, method }) => {
      deps.publishScanText(text, method);
      return { accepted: true };
    },
    answerConsent: async ({ pendingId, accept }) => identity.answerConsent(pendingId, accept),
    endVisit: async ({ reason }) => ({ ended: identity.endVisit(reason) }),
    listDemoCards: async () => (deps.demoMode ? listDemoCards() : []),
    playDemoCard: async ({ id }) => {
      const scanner = deps.scanSources()?.demoScanner;
      if (!deps.demoMode || !scanner) throw new StationError('unavailable', { vi: 'Chỉ có ở chế độ trình diễn', en: 'Only in demo mode' });
      const text = demoCardText(id);
      if (text === null) throw new StationError('not_found', { vi: `Không có thẻ mẫu ${id}`, en: `No demo card ${id}` });
      return { played: scanner.scanText(text) };
    },
    listLessons: async () => lessons.list(),
    getLesson: async ({ id }) => lessons.view(id),
    startLesson: async ({ id }) => lessons.start(id),
    saveStep: async ({ id, step }) => ({ saved: lessons.saveStep(id, step) }),
    completeLesson: async ({ id, answers }) => lessons.complete(id, answers),
    attemptPractice: async ({ id, step, answer }) => lessons.attemptPractice(id, step, answer),
    getProgress: async ({ track }) => lessons.progress(track),
    chooseTrack: async ({ track }) => lessons.chooseTrack(track),
    getCertificate: async () => lessons.certificate(),
    printPage: async () => {
      throw new StationError('unavailable', { vi: 'Trang tự in ở chế độ trình duyệt.', en: 'In this host the page prints itself.' });
    },
    submitExitPin: async () => {
      throw new StationError('unavailable', { vi: 'Chỉ ứng dụng kiosk mới có lối thoát cho tình nguyện viên.', en: 'Only the Electron kiosk has a volunteer exit.' });
    },
    echo: async ({ text }) => ({ text, receivedAtMs: Math.floor(deps.wallMs()) }),
  };
}
