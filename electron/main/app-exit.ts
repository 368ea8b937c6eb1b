/**
 * Every way the kiosk ends goes through here, so the station is always closed first (open visit
 * checked out, clean-shutdown mark written) and the process ends exactly once:
 * - quit (window closed in development, OS shutdown): exit 0;
 * - relaunch (recovery ladder, nightly): under a supervisor (the systemd user unit, Restart=always)
 *   just exit and let it start us again — a child spawned by `app.relaunch()` would be killed with
 *   the unit's process group; otherwise `app.relaunch()` then exit;
 * - volunteer exit: exit code 64, which the systemd unit lists in RestartPreventExitStatus and
 *   setup-kiosk.ps1 maps to "do nothing" in Shell Launcher, so the kiosk stays closed.
 */
import { app } from 'electron';

export const VOLUNTEER_EXIT_CODE = 64;

/** True when a service manager restarts the app when it exits (systemd sets INVOCATION_ID). */
export function isSupervised(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): boolean {
  return platform === 'linux' && env.INVOCATION_ID !== undefined && env.INVOCATION_ID !== '';
}

export interface AppExitOptions {
  /** Closes the station; null before the station is open. */
  readonly closeStation: () => Promise<void> | null;
  readonly supervised: boolean;
  readonly log?: (message: string, error?: unknown) => void;
}

export interface AppExit {
  /** True once an exit has begun (the window may close then). */
  isExiting(): boolean;
  quit(exitCode?: number): void;
  relaunch(): void;
}

/** Creates the single exit path of the app. */
export function createAppExit(options: AppExitOptions): AppExit {
  const log = options.log ?? console.error;
  let exiting = false;
  const finish = (exitCode: number, relaunch: boolean) => {
    if (exiting) return;
    exiting = true;
    if (relaunch && !options.supervised) app.relaunch();
    const closing = options.closeStation();
    if (!closing) {
      app.exit(exitCode);
      return;
    }
    void closing
      .catch((error: unknown) => log('station did not close cleanly', error))
      .finally(() => app.exit(exitCode));
  };
  return {
    isExiting: () => exiting,
    quit: (exitCode = 0) => finish(exitCode, false),
    relaunch: () => finish(0, true),
  };
}
