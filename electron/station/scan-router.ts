/**
 * Every scan, whatever the scanner, comes through here: it is classified once on the learner road
 * (core/identity/classify-scan.ts), then goes to one place. A volunteer card signs the volunteer in;
 * a lookup a volunteer armed takes the next learner scan; during a group session a learner scan checks
 * the person into the group; otherwise it is a walk-in visit. A scan that is none of these is refused
 * where the person is looking (the lookup, the roster, or the welcome screen).
 */
import type { EventName, KioskEvents } from '../contract/events';
import { StationError } from './station-error';
import type { LearnerRoad, ScanMethod } from './learners/learner-road';
import type { StationLogger } from './logging/station-logger';
import type { GroupService } from './services/group-service';
import type { IdentityService } from './services/identity-service';
import type { LearnerRights } from './services/learner-rights';
import { rejectionMessage } from './services/rejection-messages';
import type { VolunteerAuth } from './services/volunteer-auth';

const LOOKUP_WINDOW_MS = 60_000;

export interface ScanRouterDeps {
  readonly road: LearnerRoad;
  readonly identity: IdentityService;
  readonly groups: GroupService;
  readonly auth: VolunteerAuth;
  readonly rights: LearnerRights;
  readonly wallMs: () => number;
  readonly logger: StationLogger;
  readonly emit: <E extends EventName>(name: E, payload: KioskEvents[E]) => void;
}


export interface ScanRouter {
  route(text: string, method: ScanMethod): void;
  armLookup(): void;
}

export function createScanRouter(deps: ScanRouterDeps): ScanRouter {
  let lookupArmedUntil = 0;
  const takeLookup = (): boolean => {
    if (lookupArmedUntil <= deps.wallMs()) return false;
    lookupArmedUntil = 0;
    return true;
  };
  return {
    armLookup: () => {
      lookupArmedUntil = deps.wallMs() + LOOKUP_WINDOW_MS;
    },
    route: (text, method) => {
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
        else deps.emit('learnerLookup', { ok: true, record: deps.rights.lookupLearner(scan.scan) });
        return;
      }
      if (deps.groups.isActive()) {
        const status = scan.kind === 'learner' ? deps.groups.joinLearner(scan.scan, method) : deps.groups.noteRefused(scan.code);
        deps.logger.info({ event: 'group.scan', method, outcome: status.lastScan?.kind ?? null, count: status.count }, 'group scan');
        deps.emit('groupChanged', status);
        return;
      }
      const outcome = scan.kind === 'learner' ? deps.identity.handleLearner(scan.scan, method) : { kind: 'rejected' as const, code: scan.code, message: rejectionMessage(scan.code) };
      if (outcome) {
        deps.logger.info({ event: 'scan', method, outcome: outcome.kind, ...(outcome.kind === 'rejected' ? { code: outcome.code } : {}) }, 'scan');
        deps.emit('scanOutcome', outcome);
      }
    },
  };
}
