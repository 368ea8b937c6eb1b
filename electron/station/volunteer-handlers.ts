/**
 * Handlers of the volunteer commands: sign-in, printed cards and group sessions. Everything but the
 * sign-in itself needs a signed-in volunteer.
 */
import type { KioskHandlers } from '../contract/kiosk-api';
import { StationError } from './ipc/station-error';
import type { GroupService } from './services/group-service';
import type { LearnerRights } from './services/learner-rights';
import type { ReportService } from './services/report-service';
import { learnerCardFor, newLearnerCard, volunteerCardFor } from './services/printable-cards';
import { DEMO_PIN, type VolunteerAuth } from './services/volunteer-auth';

type VolunteerCommands =
  | 'getVolunteerStatus'
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
  readonly auth: VolunteerAuth | null;
  readonly groups: GroupService | null;
  readonly demoMode: boolean;
  readonly hasPin: () => boolean;
  readonly stationName: string;
  readonly onGroupChanged: () => void;
  readonly rights: LearnerRights | null;
  /** Routes the next scan to a learner lookup. */
  readonly armLookup: () => void;
  /** Lets (or stops) an enrolment QR scan enrol the station. */
  readonly armEnrolmentScan: (armed: boolean) => void;
  readonly reports: ReportService | null;
  readonly enrol: (code: string) => Promise<{ epoch: number; warnings: readonly string[] }>;
  readonly exportBundle: (targetId: string) => { files: string[]; events: number };
}

const MAINTENANCE = 'Trạm đang bảo trì / The station is in maintenance';

export function createVolunteerHandlers(deps: VolunteerDeps): Pick<KioskHandlers, VolunteerCommands> {
  const auth = (): VolunteerAuth => {
    if (!deps.auth) throw new StationError('unavailable', MAINTENANCE);
    return deps.auth;
  };
  const groups = (): GroupService => {
    if (!deps.groups) throw new StationError('unavailable', MAINTENANCE);
    auth().requireSession();
    return deps.groups;
  };
  const reports = (): ReportService => {
    auth().requireSession();
    if (!deps.reports) throw new StationError('unavailable', MAINTENANCE);
    return deps.reports;
  };
  const status = () => ({ signedIn: auth().isSignedIn(), demoPin: deps.demoMode && !deps.hasPin() ? DEMO_PIN : null });
  const changed = <T>(value: T): T => {
    deps.onGroupChanged();
    return value;
  };
  return {
    getVolunteerStatus: async () => status(),
    volunteerSignIn: async ({ pin }) => {
      auth().signInWithPin(pin);
      return status();
    },
    volunteerSignOut: async () => {
      auth().signOut();
      return status();
    },
    printLearnerCards: async ({ count }) => {
      auth().requireSession();
      return Promise.all(Array.from({ length: count }, () => newLearnerCard(deps.stationName)));
    },
    issueVolunteerCard: async ({ label }) => {
      const card = auth().issueCard(label);
      return volunteerCardFor(card.payload, label);
    },
    listVolunteerCards: async () => {
      auth().requireSession();
      return auth().listCards();
    },
    revokeVolunteerCard: async ({ id }) => {
      auth().requireSession();
      return auth().revokeCard(id);
    },
    getGroup: async () => groups().status(),
    startGroup: async ({ lessonId }) => changed(groups().start(auth().requireSession().volunteerKey, lessonId)),
    groupAddWithoutCard: async ({ displayName, birthYear }) => {
      const { status: group, cardPayload } = groups().addWithoutCard(displayName, birthYear);
      return changed({ status: group, card: await learnerCardFor(cardPayload, deps.stationName) });
    },
    groupMarkCompleted: async () => changed(groups().markCompleted()),
    endGroup: async () => changed(groups().end()),
    getStationReport: async ({ period }) => reports().report(period),
    getAttendanceSheet: async ({ period }) => reports().sheet(period),
    listExportTargets: async () => reports().targets(),
    exportStationReport: async ({ period, targetId }) => ({ files: await reports().export(period, targetId) }),
    exportBundle: async ({ targetId }) => {
      auth().requireSession();
      return deps.exportBundle(targetId);
    },
    enrolStation: async ({ code }) => {
      auth().requireSession();
      return deps.enrol(code);
    },
    setEnrolmentScan: async ({ armed }) => {
      auth().requireSession();
      deps.armEnrolmentScan(armed);
      return { armed };
    },
    beginLearnerLookup: async () => {
      auth().requireSession();
      deps.armLookup();
      return { waiting: true };
    },
    reprintLearnerCard: async ({ lookupId }) => {
      auth().requireSession();
      if (!deps.rights) throw new StationError('unavailable', MAINTENANCE);
      return learnerCardFor(deps.rights.reprintCardPayload(lookupId), deps.stationName);
    },
    eraseLearner: async ({ lookupId }) => {
      auth().requireSession();
      if (!deps.rights) throw new StationError('unavailable', MAINTENANCE);
      return deps.rights.erase(lookupId);
    },
  };
}
