/**
 * Handlers of the volunteer commands of a running station: sign-in, printed cards, group sessions,
 * reports, learner rights, enrolment and USB bundles. Whether a volunteer is signed in is checked
 * once, by the dispatcher, from the contract's `volunteerOnly`; these handlers only do the work.
 */
import type { KioskHandlers } from '../contract/kiosk-api';
import type { GroupService } from './services/group-service';
import type { LearnerRights } from './services/learner-rights';
import type { ReportService } from './reports/report-service';
import { learnerCardFor, newLearnerCard, volunteerCardFor } from './services/printable-cards';
import { DEMO_PIN, type VolunteerAuth } from './services/volunteer-auth';
import { StationError } from './station-error';

/** The commands of the volunteer screens (the contract marks most of them volunteer-only). */
export type VolunteerCommands =
  | 'getVolunteerStatus'
  | 'firstSetup'
  | 'setEnrolmentScan'
  | 'volunteerSignIn'
  | 'volunteerSignOut'
  | 'printLearnerCards'
  | 'issueVolunteerCard'
  | 'listVolunteerCards'
  | 'revokeVolunteerCard'
  | 'getGroup'
  | 'startGroup'
  | 'groupAddWithoutCard'
  | 'groupMarkCompleted'
  | 'endGroup'
  | 'beginLearnerLookup'
  | 'eraseLearner'
  | 'getStationReport'
  | 'getAttendanceSheet'
  | 'listExportTargets'
  | 'exportStationReport'
  | 'enrolStation'
  | 'exportBundle'
  | 'reprintLearnerCard';

export interface VolunteerDeps {
  readonly auth: VolunteerAuth;
  readonly groups: GroupService;
  readonly demoMode: boolean;
  readonly hasPin: () => boolean;
  readonly stationName: string;
  readonly onGroupChanged: () => void;
  readonly rights: LearnerRights;
  /** Routes the next scan to a learner lookup. */
  readonly armLookup: () => void;
  /** Lets (or stops) an enrolment QR scan enrol the station. */
  readonly armEnrolmentScan: (armed: boolean) => void;
  readonly reports: ReportService;
  readonly enrol: (code: string) => Promise<{ epoch: number; warnings: readonly string[] }>;
  readonly exportBundle: (targetId: string) => { files: string[]; events: number };
}

export function createVolunteerHandlers(deps: VolunteerDeps): Pick<KioskHandlers, VolunteerCommands> {
  const { auth, groups, reports, rights } = deps;
  const status = () => {
    const hasPin = deps.hasPin();
    return { signedIn: auth.isSignedIn(), demoPin: deps.demoMode && !hasPin ? DEMO_PIN : null, needsFirstSetup: !deps.demoMode && !hasPin };
  };
  const changed = <T>(value: T): T => {
    deps.onGroupChanged();
    return value;
  };
  return {
    getVolunteerStatus: async () => status(),
    volunteerSignIn: async ({ pin }) => {
      auth.signInWithPin(pin);
      return status();
    },
    firstSetup: async ({ code, pin }) => {
      if (deps.demoMode || deps.hasPin()) throw new StationError('pin_already_set', { vi: 'Trạm đã có mã PIN; đăng nhập bằng mã PIN hoặc thẻ tình nguyện viên', en: 'This station already has a PIN; sign in with it or a volunteer card' });
      // The code is spent by the hub; the PIN format was checked by the contract before we got here.
      await deps.enrol(code);
      auth.setPin(pin);
      auth.signInWithPin(pin);
      return status();
    },
    volunteerSignOut: async () => {
      auth.signOut();
      return status();
    },
    printLearnerCards: async ({ count }) => {
      return Promise.all(Array.from({ length: count }, () => newLearnerCard(deps.stationName)));
    },
    issueVolunteerCard: async ({ label }) => {
      const card = auth.issueCard(label);
      return volunteerCardFor(card.payload, label);
    },
    listVolunteerCards: async () => auth.listCards(),
    revokeVolunteerCard: async ({ id }) => auth.revokeCard(id),
    getGroup: async () => groups.status(),
    startGroup: async ({ lessonId }) => changed(groups.start(auth.requireSession().volunteerKey, lessonId)),
    groupAddWithoutCard: async ({ displayName, birthYear }) => {
      const { status: group, cardPayload } = await groups.addWithoutCard(displayName, birthYear);
      return changed({ status: group, card: await learnerCardFor(cardPayload, deps.stationName) });
    },
    groupMarkCompleted: async () => changed(groups.markCompleted()),
    endGroup: async () => changed(groups.end()),
    getStationReport: async ({ period }) => reports.report(period),
    getAttendanceSheet: async ({ period }) => reports.sheet(period),
    listExportTargets: async () => reports.targets(),
    exportStationReport: async ({ period, targetId }) => ({ files: await reports.export(period, targetId) }),
    exportBundle: async ({ targetId }) => deps.exportBundle(targetId),
    enrolStation: async ({ code }) => deps.enrol(code),
    setEnrolmentScan: async ({ armed }) => {
      deps.armEnrolmentScan(armed);
      return { armed };
    },
    beginLearnerLookup: async () => {
      deps.armLookup();
      return { waiting: true };
    },
    reprintLearnerCard: async ({ lookupId }) => {
      return learnerCardFor(rights.reprintCardPayload(lookupId), deps.stationName);
    },
    eraseLearner: async ({ lookupId }) => {
      return rights.erase(lookupId);
    },
  };
}
