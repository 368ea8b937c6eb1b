/**
 * Start the kiosk when the kiosk account logs in.
 * - Windows: the per-user Run key through `app.setLoginItemSettings`. With the electron-builder
 *   portable build `process.execPath` is a temporary unpacked copy, so the real exe comes from
 *   PORTABLE_EXECUTABLE_FILE. Where setup-kiosk.ps1 made the app the account's shell, Explorer does not
 *   run and the Run key is simply not used; the single-instance lock covers any overlap.
 * - Linux: nothing at runtime. `setLoginItemSettings` does not exist there; the systemd user unit
 *   and the autostart .desktop file in build/linux/ do it.
 * - Development runs (not packaged) never touch the login items of the developer's account.
 */
import { app } from 'electron';

export const LOGIN_ITEM_NAME = 'TramHocSo';

export type AutoStartOutcome = 'login-item-set' | 'already-set' | 'managed-by-os' | 'skipped-development' | 'unsupported-platform';

export interface AutoStartOptions {
  readonly platform: NodeJS.Platform;
  readonly isPackaged: boolean;
  readonly execPath: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The executable Windows should start at login. */
export function loginExecutable(options: Pick<AutoStartOptions, 'execPath' | 'env'>): string {
  const portable = options.env.PORTABLE_EXECUTABLE_FILE;
  return portable !== undefined && portable !== '' ? portable : options.execPath;
}

/** Registers the kiosk to start at login where the app is responsible for it; idempotent. */
export function configureAutoStart(options: AutoStartOptions): AutoStartOutcome {
  if (!options.isPackaged) return 'skipped-development';
  if (options.platform === 'linux') return 'managed-by-os';
  if (options.platform !== 'win32') return 'unsupported-platform';
  const path = loginExecutable(options);
  const args: string[] = [];
  // getLoginItemSettings only reports correctly when given the same path and args (Electron docs).
  if (app.getLoginItemSettings({ path, args }).openAtLogin) return 'already-set';
  app.setLoginItemSettings({ openAtLogin: true, path, args, name: LOGIN_ITEM_NAME });
  return 'login-item-set';
}
