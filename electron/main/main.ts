/**
 * Composition root of the Electron kiosk: single instance, app:// scheme, the remembered GPU choice
 * (before ready), the station services on plain Node, IPC registration, the locked-down window,
 * recovery, the power schedule and auto-start. Logic lives in electron/station and electron/core;
 * this file only wires.
 */
import { join } from 'node:path';
import { app, safeStorage, type BrowserWindow } from 'electron';
import { eventChannel } from '../contract/events';
import { watchNetwork } from './network-watch';
import { createDispatch } from '../station/ipc/dispatch';
import { useKeyFileSealer } from '../station/keys/key-file-sealer';
import { openStation, type Station } from '../station/station';
import { createAppUpdateDriver, loadElectronUpdater } from './app-updater';
import { createAppExit, isSupervised, VOLUNTEER_EXIT_CODE } from './app-exit';
import { handleAppScheme, registerAppScheme } from './app-protocol';
import { safeStorageSealer } from './key-sealing';
import { configureAutoStart } from './auto-start';
import { forwardEvents, registerIpc } from './ipc-registration';
import { printSilently } from './kiosk-print';
import { applyLockdown, createVolunteerExit, removeApplicationMenu, type VolunteerExit } from './lockdown';
import { startPowerSchedule, type PowerSchedule } from './power';
import { applyRememberedGpuChoice, watchRecovery } from './recovery';
import { createKioskWindow, denyAllPermissions } from './secure-window';

/** Where the bundled files are, in development (repo) and packaged (resources) alike. */
export function resourcePaths(appPath: string, resourcesPath: string, isPackaged: boolean) {
  const root = isPackaged ? resourcesPath : appPath;
  return {
    rendererDir: join(appPath, 'dist', 'renderer'),
    preloadPath: join(appPath, 'dist', 'preload', 'preload.cjs'),
    lessonsDir: join(root, 'lessons'),
  };
}

/** Hooks filled in by later work; the defaults are the safe ones. */
export interface KioskHooks {
  /** The volunteer PIN check (issue 9). Until then every PIN is refused, so the combo cannot exit. */
  readonly verifyVolunteerPin: (pin: string) => Promise<boolean>;
  /** Shows the PIN prompt in the page (issue 9 adds the contract event). */
  readonly showPinPrompt: () => void;
}

const DEFAULT_HOOKS: KioskHooks = {
  verifyVolunteerPin: async () => false,
  showPinPrompt: () => console.info('volunteer exit requested: the PIN prompt arrives with the volunteer-rights work'),
};

/** Full screen only when the config asks for it, and only when packaged or forced with TRAM_KIOSK=1. */
export function wantsKioskWindow(fullscreen: boolean, isPackaged: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  return fullscreen && (isPackaged || env.TRAM_KIOSK === '1');
}

let volunteerExit: VolunteerExit | null = null;

/** The volunteer exit of the running kiosk, for the IPC command issue 9 adds (null before start). */
export function currentVolunteerExit(): VolunteerExit | null {
  return volunteerExit;
}

/** Starts the kiosk. Returns false when another instance already runs (it gets focus instead). */
export function startKiosk(hooks: Partial<KioskHooks> = {}): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  const { verifyVolunteerPin, showPinPrompt } = {
    ...DEFAULT_HOOKS,
    verifyVolunteerPin: async (pin: string) => station?.verifyVolunteerPin(pin) ?? false,
    showPinPrompt: () => window?.webContents.send(eventChannel('exitRequested'), {}),
    ...hooks,
  };
  registerAppScheme();
  // userData is known before ready; disableHardwareAcceleration only works before ready.
  const userDataDir = app.getPath('userData');
  const gpu = applyRememberedGpuChoice(userDataDir);
  let station: Station | null = null;
  let window: BrowserWindow | null = null;
  let power: PowerSchedule | null = null;
  let isKioskWindow = false;

  const exit = createAppExit({
    closeStation: () => {
      power?.stop();
      return station ? station.close() : null;
    },
    supervised: isSupervised(process.platform, process.env),
  });
  volunteerExit = createVolunteerExit({ verifyVolunteerPin, showPinPrompt, exit: () => exit.quit(VOLUNTEER_EXIT_CODE) });

  app.on('second-instance', () => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  app.whenReady().then(() => {
    const paths = resourcePaths(app.getAppPath(), process.resourcesPath, app.isPackaged);
    denyAllPermissions();
    removeApplicationMenu();
    // keys.json sealed by the OS account's key store, before the station first reads it.
    const sealing = safeStorageSealer(safeStorage, process.platform);
    useKeyFileSealer(sealing.sealer);
    console.info(`key store: ${sealing.detail}`);
    station = openStation({
      dataDir: userDataDir,
      configPath: process.env.TRAM_CONFIG ?? join(userDataDir, 'station-config.json'),
      lessonsDir: paths.lessonsDir,
      appVersion: app.getVersion(),
      // A packaged kiosk without its config is not a demo: it shows the maintenance screen (issue #20).
      missingConfig: app.isPackaged ? 'maintenance' : 'demo',
    });
    // Lesson media come from the running pack (a fleet pack switch changes the folder).
    const served = station;
    handleAppScheme(paths.rendererDir, () => served.lessonsDir() ?? paths.lessonsDir);
    const config = station.config;
    const opened = station;
    registerIpc(
      createDispatch(
        {
          ...opened.handlers,
          // Two commands only the Electron shell can answer: printing and the volunteer exit.
          printPage: async () => (window ? printSilently(window.webContents, config.kiosk.printerName) : { printed: false, detail: null }),
          submitExitPin: async ({ pin }) => ({ result: (await volunteerExit?.submitPin(pin)) ?? 'not-requested' }),
        },
        { volunteerGate: opened.volunteerGate, onInternalError: (command, error) => console.error(`ipc ${command} failed`, error) },
      ),
    );
    isKioskWindow = wantsKioskWindow(config.kiosk.fullscreen, app.isPackaged, process.env);
    window = createKioskWindow(paths.preloadPath, { kiosk: isKioskWindow });
    // In a development window the close button works; in the kiosk only our own exit closes it.
    applyLockdown(window, { onVolunteerExitRequested: () => volunteerExit?.request(), allowClose: () => exit.isExiting() || !isKioskWindow });
    watchRecovery(window, { userDataDir, hardwareAccelerationOff: gpu.hardwareAccelerationOff, relaunch: exit.relaunch });
    // App updates (issue #18): electron-updater only in the packaged app; the station decides when.
    const fleet = opened.fleet;
    // Without electron-updater (a development run) the controller's nightly answer is the plain relaunch.
    fleet?.attachUpdates(null, exit.relaunch);
    if (app.isPackaged && fleet !== null) {
      void loadElectronUpdater().then(
        (updater) => fleet.attachUpdates(createAppUpdateDriver(updater), exit.relaunch),
        (error: unknown) => console.error('electron-updater unavailable', error),
      );
    }
    power = startPowerSchedule({
      openingHours: config.openingHours,
      // Read live: a signed config may move the quiet hour without a restart.
      quietHourForRelaunch: () => config.quietHourForRelaunch,
      relaunch: exit.relaunch,
      ...(fleet === null ? {} : { nightly: (minutesLeft: number) => fleet.nightly(minutesLeft) }),
    });
    const autoStart = configureAutoStart({ platform: process.platform, isPackaged: app.isPackaged, execPath: process.execPath, env: process.env });
    console.info(`auto-start: ${autoStart}`);
    forwardEvents(station, window.webContents);
    watchNetwork(() => opened.sync?.online());
  }, (error: unknown) => {
    console.error('kiosk failed to start', error);
    app.exit(1);
  });

  app.on('window-all-closed', () => exit.quit());
  // Close the station (check-out of the open visit, clean-shutdown mark) before the process exits.
  app.on('before-quit', (event) => {
    event.preventDefault();
    exit.quit();
  });
  return true;
}

startKiosk();
