/**
 * Every scan, whatever the scanner, comes through here and goes to one place: a volunteer card signs
 * the volunteer in; a lookup a volunteer armed takes the next scan; during a group session a scan
 * checks the person into the group; otherwise it is a walk-in visit.
 */
import type { EventName, KioskEvents } from '../contract/events';
import { isEnrolQr } from '../core/sync/protocol/enrol-qr';
import { StationError } from './ipc/station-error';
import type { StationLogger } from './logging/station-logger';
import type { GroupService } from './services/group-service';
import type { IdentityService, ScanMethod } from './services/identity-service';
import type { LearnerRights } from './services/learner-rights';
import type { VolunteerAuth } from './services/volunteer-auth';

const LOOKUP_WINDOW_MS = 60_000;
/** How long the sync screen's enrolment section keeps the scanner armed for an enrolment QR. */
const ENROL_WINDOW_MS = 10 * 60_000;

export interface ScanRouterDeps {
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

function bilingual(error: unknown): { vi: string; en: string } {
  const message = error instanceof StationError ? error.message : 'error';
  const [vi, en] = message.split(' / ');
  return { vi: vi ?? message, en: en ?? vi ?? message };
}

export function createScanRouter(deps: ScanRouterDeps): { route(text: string, method: ScanMethod): void; armLookup(): void; armEnrolment(armed: boolean): void } {
  let lookupArmedUntil = 0;
  let enrolArmedUntil = 0;
  return {
    armLookup: () => {
      lookupArmedUntil = deps.wallMs() + LOOKUP_WINDOW_MS;
    },
    armEnrolment: (armed) => {
      enrolArmedUntil = armed ? deps.wallMs() + ENROL_WINDOW_MS : 0;
    },
    route: (text, method) => {
      // An enrolment QR carries a secret code: never logged, never a visit, only on the sync screen.
      if (isEnrolQr(text)) {
        if (enrolArmedUntil <= deps.wallMs() || !deps.auth.isSignedIn() || deps.enrolByQr === undefined) {
          deps.logger.info({ event: 'scan', method, outcome: 'rejected', code: 'enrolment_qr_not_armed' }, 'scan');
          deps.emit('scanOutcome', { kind: 'rejected', code: 'enrolment_qr_not_armed', message: { vi: 'Đây là mã ghi danh trạm: tình nguyện viên mở màn hình "Kết nối với thành phố" rồi quét lại.', en: 'This is a station enrolment code: a volunteer opens the "connect to the city" screen and scans it again.' } });
          return;
        }
        enrolArmedUntil = 0;
        deps.enrolByQr(text).then(
          (result) => deps.emit('enrolmentScanned', { ok: true, epoch: result.epoch }),
          (error: unknown) => deps.emit('enrolmentScanned', { ok: false, message: bilingual(error) }),
        );
        return;
      }
      try {
        if (deps.auth.signInWithCard(text)) {
          deps.logger.info({ event: 'volunteer.card' }, 'volunteer signed in by card');
          deps.emit('scanOutcome', { kind: 'volunteer' });
          return;
        }
      } catch (error) {
        deps.emit('scanOutcome', { kind: 'rejected', code: 'unknown_volunteer_card', message: bilingual(error) });
        return;
      }
      if (lookupArmedUntil > deps.wallMs()) {
        lookupArmedUntil = 0;
        try {
          deps.emit('learnerLookup', { ok: true, record: deps.rights.lookup(text) });
        } catch (error) {
          deps.emit('learnerLookup', { ok: false, message: bilingual(error) });
        }
        return;
      }
      if (deps.groups.isActive()) {
        const status = deps.groups.join(text, method);
        deps.logger.info({ event: 'group.scan', method, outcome: status.lastScan?.kind ?? null, count: status.count }, 'group scan');
        deps.emit('groupChanged', status);
        return;
      }
      const outcome = deps.identity.handleScan(text, method);
      if (outcome) {
        deps.logger.info({ event: 'scan', method, outcome: outcome.kind, ...(outcome.kind === 'rejected' ? { code: outcome.code } : {}) }, 'scan');
        deps.emit('scanOutcome', outcome);
      }
    },
  };
}
