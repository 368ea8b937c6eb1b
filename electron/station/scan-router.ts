/**
 * Every scan, whatever the scanner, comes through here. The hub's enrolment QR is taken first (it
 * carries a secret code: never logged, used only while the sync screen armed it). Anything else is
 * classified once on the learner road (core/identity/classify-scan.ts), then goes to one place. A volunteer card signs the volunteer in;
 * a lookup a volunteer armed takes the next learner scan; during a group session a learner scan checks
 * the person into the group; otherwise it is a walk-in visit. A scan that is none of these is refused
 * where the person is looking (the lookup, the roster, or the welcome screen).
 */
import type { EventName, KioskEvents } from '../contract/events';
import { isEnrolQr } from '../core/sync/protocol/enrol-qr';
import { internalError, StationError } from './station-error';
import type { LearnerRoad, ScanMethod } from './learners/learner-road';
import type { StationLogger } from './logging/station-logger';
import type { GroupService } from './services/group-service';
import type { IdentityService } from './services/identity-service';
import type { LearnerRights } from './services/learner-rights';
import { rejectionMessage } from './services/rejection-messages';
import type { VolunteerAuth } from './services/volunteer-auth';

const LOOKUP_WINDOW_MS = 60_000;
const SCAN_FAILED = { vi: 'Trạm chưa đọc được thẻ này, xin quét lại', en: 'The station could not handle this card, please scan again' };
/** How long the sync screen's enrolment section keeps the scanner armed for an enrolment QR. */
const ENROL_WINDOW_MS = 10 * 60_000;

export interface ScanRouterDeps {
  readonly road: LearnerRoad;
  readonly identity: IdentityService;
  readonly groups: GroupService;
  readonly auth: VolunteerAuth;
  readonly rights: LearnerRights;
  readonly wallMs: () => number;
  readonly logger: StationLogger;
  readonly emit: <E extends EventName>(name: E, payload: KioskEvents[E]) => void;
  /**
   * Checks a scanned enrolment QR against the station's config and enrols (station.ts); rejects with a
   * bilingual StationError. Absent: enrolment QRs are refused.
   */
  readonly enrolByQr?: (text: string) => Promise<{ epoch: number }>;
}

export interface ScanRouter {
  /**
   * Takes one scan. Scans are handled one after another in the order they came (a learner key takes
   * a few hundred ms to derive): the promise settles when this one is done, and never rejects — a
   * failure is logged and shown as a refused scan.
   */
  route(text: string, method: ScanMethod): Promise<void>;
  armLookup(): void;
  /** The sync screen's enrolment section is open (or closed): the next enrolment QR may enrol. */
  armEnrolment(armed: boolean): void;
}

const NOT_ARMED = {
  vi: 'Đây là mã ghi danh trạm: tình nguyện viên mở màn hình "Kết nối với tỉnh" rồi quét lại.',
  en: 'This is a station enrolment code: a volunteer opens the "connect to the city" screen and scans it again.',
};

export function createScanRouter(deps: ScanRouterDeps): ScanRouter {
  let lookupArmedUntil = 0;
  let enrolArmedUntil = 0;
  const takeLookup = (): boolean => {
    if (lookupArmedUntil <= deps.wallMs()) return false;
    lookupArmedUntil = 0;
    return true;
  };
  const routeEnrolment = (method: ScanMethod, text: string): void => {
    if (enrolArmedUntil <= deps.wallMs() || !deps.auth.isSignedIn() || deps.enrolByQr === undefined) {
      deps.logger.info({ event: 'scan', method, outcome: 'rejected', code: 'enrolment_qr_not_armed' }, 'scan');
      deps.emit('scanOutcome', { kind: 'rejected', code: 'enrolment_qr_not_armed', message: NOT_ARMED });
      return;
    }
    enrolArmedUntil = 0;
    deps.enrolByQr(text).then(
      (result) => deps.emit('enrolmentScanned', { ok: true, epoch: result.epoch }),
      (error: unknown) => deps.emit('enrolmentScanned', { ok: false, message: error instanceof StationError ? error.text : internalError('enrolment').text }),
    );
  };
  const routeOne = async (text: string, method: ScanMethod): Promise<void> => {
    // An enrolment QR carries a secret code: never logged, never a visit, only on the sync screen.
    if (isEnrolQr(text)) {
      routeEnrolment(method, text);
      return;
    }
    const scan = deps.road.classify(text, method);
    if (scan.kind === 'volunteer-card') {
      try {
        deps.auth.signInWithToken(scan.token);
        deps.logger.info({ event: 'volunteer.card' }, 'volunteer signed in by card');
        deps.emit('scanOutcome', { kind: 'volunteer' });
      } catch (error) {
        if (!(error instanceof StationError)) throw error;
        deps.emit('scanOutcome', { kind: 'rejected', code: error.code, message: error.text });
      }
      return;
    }
    if (takeLookup()) {
      if (scan.kind === 'rejected') deps.emit('learnerLookup', { ok: false, message: rejectionMessage(scan.code) });
      else deps.emit('learnerLookup', { ok: true, record: await deps.rights.lookupLearner(scan.scan) });
      return;
    }
    if (deps.groups.isActive()) {
      const status = scan.kind === 'learner' ? await deps.groups.joinLearner(scan.scan, method) : deps.groups.noteRefused(scan.code);
      deps.logger.info({ event: 'group.scan', method, outcome: status.lastScan?.kind ?? null, count: status.count }, 'group scan');
      deps.emit('groupChanged', status);
      return;
    }
    const outcome = scan.kind === 'learner' ? await deps.identity.handleLearner(scan.scan, method) : { kind: 'rejected' as const, code: scan.code, message: rejectionMessage(scan.code) };
    if (outcome) {
      deps.logger.info({ event: 'scan', method, outcome: outcome.kind, ...(outcome.kind === 'rejected' ? { code: outcome.code } : {}) }, 'scan');
      deps.emit('scanOutcome', outcome);
    }
  };
  let queue: Promise<void> = Promise.resolve();
  return {
    armLookup: () => {
      lookupArmedUntil = deps.wallMs() + LOOKUP_WINDOW_MS;
    },
    armEnrolment: (armed) => {
      enrolArmedUntil = armed ? deps.wallMs() + ENROL_WINDOW_MS : 0;
    },
    route: (text, method) => {
      queue = queue.then(() =>
        routeOne(text, method).catch((error: unknown) => {
          const code = error instanceof StationError ? error.code : 'internal';
          deps.logger.error({ event: 'scan.failed', method, code }, 'a scan could not be handled');
          deps.emit('scanOutcome', { kind: 'rejected', code, message: error instanceof StationError ? error.text : SCAN_FAILED });
        }),
      );
      return queue;
    },
  };
}
