/** Data shapes that cross the IPC boundary. Plain JSON only: no Dates, Maps or class instances. */
import type { Bilingual } from '../core/bilingual';
import type { PracticeScore } from '../core/lessons/practice-scoring';

/** `usb_only`: the station config says `"hub": null` — nothing goes over the network, USB bundles only. */
export type SyncState = 'not_enrolled' | 'usb_only' | 'idle' | 'syncing' | 'offline' | 'stopped';

export interface SyncStatus {
  readonly state: SyncState;
  /** Events written on this station that the city has not acknowledged yet. */
  readonly waitingEvents: number;
  readonly lastSuccessMs: number | null;
  /** First 8 hex of SHA-256 of the latest city receipt, for volunteers to read out. */
  readonly receiptShort: string | null;
  /** Station clock minus city clock, from the last cursor answer; null before the first contact. */
  readonly clockOffsetMs: number | null;
  readonly detail: string | null;
  /** The city hub this station enrols with and uploads to (its config), or null for a USB-only station. */
  readonly hubUrl: string | null;
}

export interface StationProblem {
  readonly code: string;
  readonly message: string;
}

export interface StationStatus {
  readonly stationId: string;
  readonly stationName: string;
  readonly wardName: string;
  readonly demoMode: boolean;
  readonly appVersion: string;
  readonly sync: SyncStatus;
  /** Problems that put the station into maintenance (bad config, damaged database …). */
  readonly problems: readonly StationProblem[];
  /** Things a volunteer should fix that do not stop the station (a lesson pack skipped …). */
  readonly notices: readonly StationProblem[];
  /** Idle privacy reset: warn after this long without a touch, then count down. */
  readonly idle: { readonly warnAfterSeconds: number; readonly countdownSeconds: number };
  /** Lesson narration: whether each step and question is read aloud as it opens (kiosk config). */
  readonly narration: { readonly autoplay: boolean };
}

export interface EchoReply {
  readonly text: string;
  readonly receivedAtMs: number;
}

export type { Bilingual } from '../core/bilingual';

/** What the station made of a scan. Never carries the ID number or the raw QR text. */
export type ScanOutcome =
  | {
      readonly kind: 'welcome';
      readonly visitId: string;
      /** The name for the greeting on the learner's own screen ("Chào bác Nguyễn Văn An"). */
      readonly displayName: string;
      /** Given name only, e.g. "An", for shared screens such as the projector view. */
      readonly givenName: string;
      readonly honorific: 'bác' | 'bạn';
      readonly isNewLearner: boolean;
    }
  | { readonly kind: 'consent'; readonly pendingId: string; readonly givenName: string; readonly honorific: 'bác' | 'bạn' }
  | { readonly kind: 'guest'; readonly visitId: null }
  | { readonly kind: 'volunteer' }
  | { readonly kind: 'rejected'; readonly code: string; readonly message: Bilingual };

export interface DemoCard {
  readonly id: string;
  readonly label: Bilingual;
  readonly description: Bilingual;
}

export type LessonStatus = 'new' | 'started' | 'passed' | 'failed';

export interface LessonSummary {
  readonly id: string;
  readonly version: number;
  readonly title: Bilingual;
  readonly summary: Bilingual;
  readonly minutes: number;
  readonly stepCount: number;
  readonly competencies: readonly string[];
  readonly status: LessonStatus;
  /** 0-based step to resume at (0 when new or passed). */
  readonly resumeStep: number;
  /** How many practice steps the lesson has (its list card says it has practice). */
  readonly practiceSteps: number;
}

/**
 * How the player reads one spoken item aloud (core/narration/narration-items.ts). The renderer splits
 * the displayed text into the same sentences (core/narration/speech-sentences.ts).
 */
export interface NarrationView {
  /**
   * Pack audio: the author's recording, else the narration rendered for exactly this text, with the
   * start of each sentence in ms (for the highlight). Null: the player uses the next voice (the
   * system's Vietnamese voice, then the bundled one).
   */
  readonly audio: { readonly url: string; readonly sentenceStartsMs: readonly number[] } | null;
  /** Set when the pack's audio for this item is broken and was skipped: the player shows it. */
  readonly skipped: Bilingual | null;
}

export interface InfoStepView {
  readonly kind: 'info';
  readonly text: Bilingual;
  /** URL relative to the page, e.g. "lessons/<id>/s1.svg". */
  readonly imageUrl: string;
  readonly imageAlt: Bilingual;
  readonly narration: NarrationView;
  /**
   * Set when the step gives a phone number nobody has confirmed lately (core/lessons/fact-review.ts):
   * `text` and `imageAlt` are then the standard safe advice, `narration` reads that advice (never the
   * step's recording, which says the number), and the step's picture, which may show it, is not to be shown.
   * `note` tells the learner why this step looks different.
   */
  readonly safeAdvice: { readonly note: Bilingual } | null;
}

/** A practice step as the player shows it (core/lessons/practice-schema.ts), without its answer key. */
export interface PracticeStepView {
  readonly kind: 'practice';
  /** "p1", "p2": what `attemptPractice` names. */
  readonly id: string;
  /** The instruction, read aloud like a step's words. */
  readonly text: Bilingual;
  /** Reads the instruction (narration item "p1"…). */
  readonly narration: NarrationView;
  readonly practice: PracticeView;
}

export type LessonStepView = InfoStepView | PracticeStepView;

export interface PracticePartView {
  readonly id: string;
  readonly text: Bilingual;
  readonly why: Bilingual;
}

export interface PaymentView {
  readonly name: string;
  readonly bank: string;
  /** In đồng. */
  readonly amount: number;
}

export type FormFieldView =
  | { readonly id: string; readonly type: 'choice'; readonly label: Bilingual; readonly options: readonly string[]; readonly required: boolean }
  | { readonly id: string; readonly type: 'confirm'; readonly label: Bilingual; readonly required: boolean };

export type PracticeView =
  | { readonly kind: 'spot'; readonly app: 'sms' | 'zalo' | 'email' | 'social'; readonly sender: PracticePartView; readonly body: readonly PracticePartView[]; readonly targetCount: number }
  | {
      readonly kind: 'pay-check';
      readonly cases: readonly { readonly id: string; readonly sign: PaymentView; readonly screen: PaymentView & { readonly note: string | null }; readonly why: Bilingual }[];
    }
  | { readonly kind: 'order'; readonly items: readonly { readonly id: string; readonly text: Bilingual }[]; readonly why: Bilingual }
  | {
      readonly kind: 'form';
      readonly title: Bilingual;
      readonly sample: { readonly title: Bilingual; readonly rows: readonly { readonly id: string; readonly label: Bilingual; readonly value: string }[] };
      readonly fields: readonly FormFieldView[];
      readonly why: Bilingual;
    };

/** What the station made of one attempt at a practice step. */
export interface PracticeAttemptResult {
  readonly correct: boolean;
  /** The how-manieth attempt of this learner at this step (for a guest: since the lesson was opened). */
  readonly attempt: number;
  /** Whether it went into the log (false for a guest). */
  readonly recorded: boolean;
  /** Per part, case, item or field: what the kind feedback shows. */
  readonly detail: PracticeScore;
  /** This attempt completed the lesson: its quiz was already passed and this was the last practice step. */
  readonly lessonPassed: boolean;
}

export type TrackId = 'adult' | 'worker' | 'pupil';

export interface TrackProgress {
  readonly id: TrackId;
  readonly title: Bilingual;
  readonly summary: Bilingual;
  /** The track's lessons this station has, in teaching order. */
  readonly lessonIds: readonly string[];
  readonly passed: number;
  readonly total: number;
  /** The first lesson of the track not passed yet; null when the track is done. */
  readonly nextLessonId: string | null;
}

/** The learner's own progress, for the lesson list and the certificate (issue #19 item 5). */
export interface LearnerProgress {
  /** The track shown: chosen by the learner, else inferred from the birth year (pupil up to 18), else adult. */
  readonly track: TrackId;
  /** Why this track: the learner chose it, their birth year says so, or nothing is known (a guest). */
  readonly basis: 'chosen' | 'birth_year' | 'default';
  /** Empty when the station has no tracks.json (every lesson is then listed, with no track). */
  readonly tracks: readonly TrackProgress[];
}

export interface LessonQuestionView {
  readonly id: string;
  readonly prompt: Bilingual;
  readonly choices: readonly Bilingual[];
  /** Shown with immediate feedback; the quiz is practice, not an exam. */
  readonly answer: number;
  readonly explanation: Bilingual;
  /** Reads the prompt, then each choice (sentence part i + 1 is choice i). */
  readonly narration: NarrationView;
  readonly explanationNarration: NarrationView;
}

export interface LessonView extends LessonSummary {
  readonly steps: readonly LessonStepView[];
  readonly questions: readonly LessonQuestionView[];
  readonly passMark: number;
}

export interface LessonResult {
  readonly score: number;
  /** Mastery: the quiz passed and every practice step done correctly at least once. */
  readonly passed: boolean;
  readonly quizPassed: boolean;
  /** Step indices of practice steps not yet done correctly (what keeps a passed quiz from a pass). */
  readonly practicePending: readonly number[];
  readonly recorded: boolean;
  readonly suggestion: LessonSummary | null;
}

export interface Certificate {
  readonly learnerName: string;
  readonly stationName: string;
  readonly wardName: string;
  readonly issuedOn: string;
  readonly lessons: readonly { readonly title: Bilingual; readonly passedOn: string }[];
  /** How far the learner is in each track they have passed a lesson of (and their own track). */
  readonly progress: readonly { readonly track: TrackId; readonly title: Bilingual; readonly passed: number; readonly total: number }[];
  readonly verificationCode: string;
}

export interface GroupStatus {
  readonly active: boolean;
  readonly groupId: string | null;
  readonly lessonId: string | null;
  readonly lessonTitle: Bilingual | null;
  /** First names only: the roster is shown on a projector. */
  readonly attendees: readonly { readonly givenName: string; readonly joinedWallMs: number }[];
  readonly count: number;
  readonly completed: boolean;
  readonly lastScan: { readonly kind: 'joined' | 'duplicate' | 'rejected'; readonly givenName: string | null; readonly message: Bilingual | null } | null;
}

export interface GroupSummary {
  readonly attendees: number;
  readonly durationMs: number;
  readonly completed: boolean;
  readonly lessonTitle: Bilingual | null;
}

export interface VolunteerStatus {
  readonly signedIn: boolean;
  /** Demo stations without a PIN accept the demo PIN, shown on the demo panel. */
  readonly demoPin: string | null;
  /**
   * A real station with no volunteer PIN yet: the first volunteer sets one, proving their authority
   * with the city's one-time enrolment code (`firstSetup`), which also enrols the station.
   */
  readonly needsFirstSetup: boolean;
}

/** A volunteer card issued at this station, as the volunteer screen lists it (never its token). */
export interface VolunteerCardView {
  readonly id: string;
  readonly label: string;
  readonly issuedWallMs: number;
  readonly expiresWallMs: number;
  readonly state: 'valid' | 'expired' | 'revoked';
}

export interface PrintableCard {
  readonly label: Bilingual;
  /** The QR code as an SVG document, made on the station. */
  readonly qrSvg: string;
  readonly caption: string;
}

/** What the station holds about one learner, shown to them on request (volunteer screen). */
export interface LearnerRecord {
  readonly lookupId: string;
  readonly found: boolean;
  readonly displayName: string | null;
  readonly birthYear: number | null;
  readonly gender: 'nam' | 'nu' | null;
  readonly wardCode: string | null;
  readonly consentVersion: string | null;
  readonly registeredOn: string | null;
  readonly visits: number;
  readonly lessonsPassed: readonly string[];
  /** Registered with a printed learner card, which can be printed again. */
  readonly canReprintCard: boolean;
}

export interface ExportTarget {
  readonly id: string;
  readonly label: Bilingual;
  readonly removable: boolean;
}

/** What the fleet channel has put on this station (issue #18), for the volunteer's sync screen. */
export interface FleetStatus {
  /** The lesson pack version running; null: the lessons bundled with the app. */
  readonly packVersion: number | null;
  /** A verified version waiting for a moment when nobody is in a lesson. */
  readonly packPending: number | null;
  /** Signed config layers running (ward, station), and the ones stored for the next start. */
  readonly config: { readonly ward: number | null; readonly station: number | null };
  readonly configStored: { readonly ward: number | null; readonly station: number | null };
  /** Signed settings accepted that wait for the next start (the others already run), e.g. `station.name`. */
  readonly configPendingRestart: readonly string[];
  /** The last channel problem as a code (bad_signature, hub_unreachable …), or null. */
  readonly lastError: string | null;
}

/** The outcome of importing a lesson/config bundle from a USB drive. */
export interface FleetImportSummary {
  readonly lessons: 'installed' | 'up_to_date' | 'refused' | 'none';
  readonly packVersion: number | null;
  readonly configApplied: number;
  /** Refusals as `code: message`, for the volunteer to read out to the help line. */
  readonly refused: readonly string[];
}
