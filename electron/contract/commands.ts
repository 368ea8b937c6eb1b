/**
 * The IPC contract (docs/ARCHITECTURE.md §4): the one source of truth for every command the renderer may send.
 * Channel names, the preload object, the renderer's type, main's registration and the WebSocket bridge
 * are all derived from `commandSpecs`. Each command takes at most one argument, an object, validated at
 * runtime with the zod schema here; the output type rides along as a phantom type.
 */
import { z } from 'zod';
import type { AttendanceRow, StationReport } from '../core/reports/report-types';
import type { Certificate, DemoCard, EchoReply, ExportTarget, FleetImportSummary, FleetStatus, GroupStatus, GroupSummary, LearnerProgress, LessonResult, LessonSummary, LessonView, PracticeAttemptResult, PrintableCard, ScanOutcome, StationStatus, SyncStatus, VolunteerCardView, VolunteerStatus } from './dto';

interface CommandSpec<Input extends z.ZodType, Output> {
  readonly input: Input;
  /**
   * Only a signed-in volunteer may send it: checked once, by the dispatcher (station/ipc/dispatch.ts),
   * before the handler runs — never by hand in each handler.
   */
  readonly volunteerOnly: boolean;
  /** Phantom: never set at run time, carries the output type. */
  readonly output?: Output;
}

function command<Output>() {
  return <Input extends z.ZodType>(input: Input): CommandSpec<Input, Output> => ({ input, volunteerOnly: false });
}

/** A command of the volunteer screens (see `volunteerOnly`). */
function volunteerCommand<Output>() {
  return <Input extends z.ZodType>(input: Input): CommandSpec<Input, Output> => ({ input, volunteerOnly: true });
}

const empty = z.object({}).strict();
const period = z.enum(['today', 'week', 'month']);
const lessonId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(64);
const track = z.enum(['adult', 'worker', 'pupil']);
/** Ids of parts, items and fields of a practice step (kebab-case, as the pack writes them). */
const practiceItemId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(32);
/** A practice answer is ids, indices and ticks from the pack: never text the learner typed. */
const practiceAnswer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('spot'), tapped: z.array(practiceItemId).max(7) }).strict(),
  z.object({ kind: z.literal('pay-check'), choices: z.array(z.enum(['pay', 'cancel'])).min(1).max(3) }).strict(),
  z.object({ kind: z.literal('order'), order: z.array(practiceItemId).min(3).max(7) }).strict(),
  z
    .object({ kind: z.literal('form'), values: z.record(practiceItemId, z.union([z.number().int().min(0).max(3), z.boolean(), z.null()])).refine((values) => Object.keys(values).length <= 6, 'at most 6 fields') })
    .strict(),
]);

export const commandSpecs = {
  getStatus: command<StationStatus>()(empty),
  getSyncStatus: command<SyncStatus>()(empty),
  /** A keyboard-wedge scan the renderer's burst detector caught; the outcome arrives as `scanOutcome`. */
  submitScan: command<{ readonly accepted: true }>()(z.object({ text: z.string().min(1).max(4096), method: z.literal('keyboard') }).strict()),
  /** The learner's answer on the consent screen. */
  answerConsent: command<ScanOutcome>()(z.object({ pendingId: z.uuid(), accept: z.boolean() }).strict()),
  /** Ends the current visit ("Kết thúc" or the idle privacy reset). */
  endVisit: command<{ readonly ended: boolean }>()(z.object({ reason: z.enum(['user', 'idle']) }).strict()),
  /** Sample cards of fake persons, only in demo mode. */
  listDemoCards: command<readonly DemoCard[]>()(empty),
  /** Plays a sample card as byte-exact HID-POS reports through the real decode path (demo mode only). */
  playDemoCard: command<{ readonly played: boolean }>()(z.object({ id: z.string().max(40) }).strict()),
  /** The lessons with the current learner's progress. */
  listLessons: command<readonly LessonSummary[]>()(empty),
  getLesson: command<LessonView>()(z.object({ id: lessonId }).strict()),
  /** Opens a lesson for the current learner; returns the step to resume at. */
  startLesson: command<{ readonly resumeStep: number }>()(z.object({ id: lessonId }).strict()),
  /** Remembers the step the learner reached, so an idle reset or a crash resumes there. */
  saveStep: command<{ readonly saved: boolean }>()(z.object({ id: lessonId, step: z.number().int().min(0).max(50) }).strict()),
  // attemptPractice, getProgress and chooseTrack are the learner's own (issue #19), not volunteer-only:
  // they act on the current visit only, and for a guest they keep nothing.
  /** Scores one attempt at a practice step on the station and records whether it was right (never the answer). */
  attemptPractice: command<PracticeAttemptResult>()(z.object({ id: lessonId, step: z.string().regex(/^p[1-9]$/), answer: practiceAnswer }).strict()),
  /** The learner's progress in each track; `track` shows another track than theirs (a guest's choice, which the station does not keep). */
  getProgress: command<LearnerProgress>()(z.object({ track: track.nullable() }).strict()),
  /** Remembers the track a registered learner chose on the lesson list. */
  chooseTrack: command<{ readonly saved: boolean }>()(z.object({ track }).strict()),
  /** Scores the quiz on the station and records the result. */
  completeLesson: command<LessonResult>()(z.object({ id: lessonId, answers: z.array(z.number().int().min(0).max(20)).max(50) }).strict()),
  /** The printable certificate of the current learner's passed lessons. */
  getCertificate: command<Certificate>()(empty),
  /**
   * Prints the current page silently to the configured printer (Electron's print API; a native print
   * dialog is never shown to a learner: its "Save as" is a way out of the kiosk). The web host answers
   * `unavailable` and the page uses the browser's own printing.
   */
  printPage: command<{ readonly printed: boolean; readonly detail: string | null }>()(empty),
  getVolunteerStatus: command<VolunteerStatus>()(empty),
  /** Volunteer sign-in with the PIN (5 wrong tries in a row lock it for 5, then 15, 60 and 240 minutes). */
  volunteerSignIn: command<VolunteerStatus>()(z.object({ pin: z.string().regex(/^\d{4,8}$/) }).strict()),
  volunteerSignOut: command<VolunteerStatus>()(empty),
  /** A sheet of new learner cards for people without an ID card (volunteer only). */
  printLearnerCards: volunteerCommand<readonly PrintableCard[]>()(z.object({ count: z.number().int().min(1).max(30) }).strict()),
  /** A new volunteer card; its token is shown once and only its hash is kept (volunteer only). */
  issueVolunteerCard: volunteerCommand<PrintableCard>()(z.object({ label: z.string().min(1).max(60) }).strict()),
  /** The volunteer cards issued at this station, newest first (volunteer only). */
  listVolunteerCards: volunteerCommand<readonly VolunteerCardView[]>()(empty),
  /** Revokes a lost volunteer card at once; returns the list (volunteer only). */
  revokeVolunteerCard: volunteerCommand<readonly VolunteerCardView[]>()(z.object({ id: z.uuid() }).strict()),
  getGroup: volunteerCommand<GroupStatus>()(empty),
  /** Starts a group session; the volunteer confirms the group agreed to registration. */
  startGroup: volunteerCommand<GroupStatus>()(z.object({ lessonId: lessonId.nullable(), consentConfirmed: z.literal(true) }).strict()),
  /** Checks in a person without any card and returns their new learner card to print. */
  groupAddWithoutCard: volunteerCommand<{ readonly status: GroupStatus; readonly card: PrintableCard }>()(
    z.object({ displayName: z.string().min(1).max(80).nullable(), birthYear: z.number().int().min(1900).max(2100).nullable() }).strict(),
  ),
  groupMarkCompleted: volunteerCommand<GroupStatus>()(empty),
  endGroup: volunteerCommand<GroupSummary>()(empty),
  /** The next scan looks a learner up instead of starting a visit (volunteer only). */
  beginLearnerLookup: volunteerCommand<{ readonly waiting: true }>()(empty),
  /** Erases the learner found by the last lookup, after the volunteer confirmed (volunteer only). */
  eraseLearner: volunteerCommand<{ readonly erased: boolean }>()(z.object({ lookupId: z.uuid(), confirm: z.literal(true) }).strict()),
  /** The PIN typed after the volunteer exit combo (Electron kiosk only; a wrong PIN ends the request). */
  submitExitPin: command<{ readonly result: 'exiting' | 'wrong-pin' | 'not-requested' }>()(z.object({ pin: z.string().regex(/^\d{4,8}$/) }).strict()),
  /** Station report for today, this week or this month (volunteer only). */
  getStationReport: volunteerCommand<StationReport>()(z.object({ period: period }).strict()),
  /** The printable attendance sheet ("Danh sách điểm danh") with names (volunteer only, on the station screen). */
  getAttendanceSheet: volunteerCommand<readonly AttendanceRow[]>()(z.object({ period: period }).strict()),
  listExportTargets: volunteerCommand<readonly ExportTarget[]>()(empty),
  /** Writes CSV and XLSX to a listed target (the page picks by id, never by path). */
  exportStationReport: volunteerCommand<{ readonly files: readonly string[] }>()(z.object({ period: period, targetId: z.string().max(40) }).strict()),
  /**
   * The first volunteer PIN of an installed station, which has no PIN and so no signed-in volunteer:
   * the city's one-time enrolment code is the proof of authority, and it enrols the station too.
   * Refused once a PIN exists (and in demo mode); the PIN is checked before the code is spent.
   */
  firstSetup: command<VolunteerStatus>()(z.object({ code: z.string().min(4).max(64), pin: z.string().regex(/^\d{6,8}$/) }).strict()),
  /** Enrols the station with the city hub of its config (volunteer only) using the one-time code. */
  enrolStation: volunteerCommand<{ readonly epoch: number; readonly warnings: readonly string[] }>()(z.object({ code: z.string().min(4).max(64) }).strict()),
  /**
   * While the sync screen's enrolment section is open (volunteer only), a scan of the hub's enrolment
   * QR enrols the station; the outcome arrives as `enrolmentScanned`. The code never reaches the page.
   */
  setEnrolmentScan: volunteerCommand<{ readonly armed: boolean }>()(z.object({ armed: z.boolean() }).strict()),
  /** Writes a signed bundle of the unacknowledged events to a listed target, for the city to import (volunteer only). */
  exportBundle: volunteerCommand<{ readonly files: readonly string[]; readonly events: number }>()(z.object({ targetId: z.string().max(40) }).strict()),
  /** Lesson pack and signed config versions this station runs (issue #18; volunteer only). */
  getFleetStatus: volunteerCommand<FleetStatus>()(empty),
  /** Imports a signed lesson/config bundle (`tram city export-lessons`) from a listed drive, with the checks of a download (volunteer only). */
  importFleetBundle: volunteerCommand<FleetImportSummary>()(z.object({ targetId: z.string().max(40) }).strict()),
  /** Prints again the learner card of the learner found by the last lookup (volunteer only). */
  reprintLearnerCard: volunteerCommand<PrintableCard>()(z.object({ lookupId: z.uuid() }).strict()),
  /** Round-trip check used by the health probe and tests. */
  echo: command<EchoReply>()(z.object({ text: z.string().max(200) }).strict()),
} as const;

export type CommandName = keyof typeof commandSpecs;
type SpecOf<K extends CommandName> = (typeof commandSpecs)[K];
export type CommandInput<K extends CommandName> = z.input<SpecOf<K>['input']>;
export type CommandOutput<K extends CommandName> = NonNullable<SpecOf<K>['output']>;

export const commandNames = Object.keys(commandSpecs) as CommandName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commandSpecs, name);
}

/** The Electron IPC channel of a command. */
export function commandChannel(name: CommandName): `kiosk:${CommandName}` {
  return `kiosk:${name}`;
}
