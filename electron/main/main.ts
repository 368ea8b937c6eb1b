/**
 * Composition root of the Electron kiosk: single instance, app:// scheme, the station services on
 * plain Node, IPC registration and the locked-down window. Logic lives in electron/station and
 * electron/core; this file only wires.
 */
import { join } from 'node:path';
import { app, type BrowserWindow } from 'electron';
import { createDispatch } from '../station/ipc/dispatch';
import { openStation, type Station } from '../station/station';
import { handleAppScheme, registerAppScheme } from './app-protocol';
import { forwardEvents, registerIpc } from './ipc-registration';
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

/** Starts the kiosk. Returns false when another instance already runs (it gets focus instead). */
export function startKiosk(): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  registerAppScheme();
  let station: Station | null = null;
  let window: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  app.whenReady().then(() => {
    const paths = resourcePaths(app.getAppPath(), process.resourcesPath, app.isPackaged);
    denyAllPermissions();
    handleAppScheme(paths.rendererDir, paths.lessonsDir);
    station = openStation({
      dataDir: app.getPath('userData'),
      configPath: process.env.TRAM_CONFIG ?? join(app.getPath('userData'), 'station-config.json'),
      appVersion: app.getVersion(),
      lessonsDir: paths.lessonsDir,
    });
    registerIpc(createDispatch(station.handlers, { onInternalError: (command, error) => console.error(`ipc ${command} failed`, error) }));
    window = createKioskWindow(paths.preloadPath, { kiosk: app.isPackaged || process.env.TRAM_KIOSK === '1' });
    forwardEvents(station, window.webContents);
  }, (error: unknown) => {
    console.error('kiosk failed to start', error);
    app.exit(1);
  });

  app.on('window-all-closed', () => app.quit());
  // Close the station (check-out of the open visit, clean-shutdown mark) before the process exits.
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing || !station) return;
    closing = true;
    event.preventDefault();
    void station.close().finally(() => app.quit());
  });
  return true;
}

startKiosk();
