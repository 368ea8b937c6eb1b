/**
 * When the station may check for, download and install a new app version (issue #18 item 5).
 *
 * - Checks happen only in the nightly relaunch window (the quiet hour, while the hall is closed and
 *   the app has run over an hour: core/kiosk/nightly-relaunch.ts), at most once a night.
 * - A downloaded version is installed in place of the nightly relaunch, and only when nobody is using
 *   the station (no visit, no group session). While someone is, nothing restarts.
 * - A download still running holds the relaunch back until shortly before the window ends; then the
 *   plain relaunch happens and the download is tried again the next night.
 * - A version whose install did not take (the app came back at its old version) counts a failure;
 *   after MAX_INSTALL_FAILURES it is blocked until the hub offers a newer one. A failure never
 *   touches the running version: electron-updater installs only after its SHA-512 check, and the
 *   installer replaces the app only when it succeeds.
 */
import { compareAppVersions } from '../sync/protocol/fleet/app-version';

export const MAX_INSTALL_FAILURES = 2;
/** Minutes before the end of the window when a running download stops holding the relaunch back. */
export const DOWNLOAD_GRACE_END_MINUTES = 5;

export type UpdatePhase = 'idle' | 'checking' | 'downloading' | 'downloaded' | 'failed';

export interface NightlyInput {
  /** Someone is at the station: an open visit or group session. */
  readonly busy: boolean;
  /** Minutes left in tonight's relaunch window. */
  readonly minutesLeft: number;
  readonly phase: UpdatePhase;
  /** A check already ran in this window. */
  readonly checkedTonight: boolean;
  /** The updater can run at all (packaged app, enrolled, a hub to ask). */
  readonly canUpdate: boolean;
}

/**
 * - `wait`: do nothing now, ask again at the next minute;
 * - `check`: start a check (and download) now, then ask again;
 * - `install`: quit and install the downloaded version (this is tonight's relaunch);
 * - `relaunch`: the plain nightly relaunch.
 */
export type NightlyAction = 'wait' | 'check' | 'install' | 'relaunch';

/** Tonight's decision, asked every minute while the nightly relaunch is due. */
export function decideNightly(input: NightlyInput): NightlyAction {
  if (input.busy) return 'wait';
  if (input.phase === 'downloaded') return 'install';
  if (!input.canUpdate) return 'relaunch';
  if (!input.checkedTonight && input.phase !== 'checking' && input.phase !== 'downloading') return 'check';
  if ((input.phase === 'checking' || input.phase === 'downloading') && input.minutesLeft > DOWNLOAD_GRACE_END_MINUTES) return 'wait';
  return 'relaunch';
}

export interface InstallAttempt {
  readonly version: string;
  /** Installs of this version that did not take, before this start. */
  readonly failures: number;
}

/** After a start that followed an install: did it take? Returns the attempt to keep (null: done). */
export function judgeInstall(attempt: InstallAttempt, runningVersion: string): { readonly outcome: 'installed' | 'failed'; readonly attempt: InstallAttempt | null } {
  if (compareAppVersions(runningVersion, attempt.version) >= 0) return { outcome: 'installed', attempt: null };
  return { outcome: 'failed', attempt: { version: attempt.version, failures: attempt.failures + 1 } };
}

/** True when the offered version should be downloaded: newer than the running one and not blocked. */
export function wantsVersion(offered: string, runningVersion: string, blocked: InstallAttempt | null): boolean {
  if (compareAppVersions(offered, runningVersion) <= 0) return false;
  return !(blocked !== null && blocked.version === offered && blocked.failures >= MAX_INSTALL_FAILURES);
}
