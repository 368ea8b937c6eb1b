/**
 * The kiosk window and its security settings, written out where the window is made (Electron's
 * security checklist): context isolation, sandbox, no Node in the page, no navigation away from the
 * app, no new windows, no permission grants, no webviews.
 */
import { BrowserWindow, session, type WebPreferences } from 'electron';
import { APP_ORIGIN } from './app-protocol';

export const KIOSK_WEB_PREFERENCES: WebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  devTools: false,
  // Each lesson step reads itself aloud as it opens (kiosk.autoplayNarration), before any tap on that page.
  autoplayPolicy: 'no-user-gesture-required',
};

/** True when a URL belongs to the kiosk page itself. */
export function isAppUrl(url: string): boolean {
  try {
    // Compare scheme and host: a URL's `origin` is "null" for custom schemes outside Electron.
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** Refuses every permission (camera, microphone, geolocation, notifications …) for every page. */
export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.on('will-download', (event) => event.preventDefault());
}

/** Creates the full-screen kiosk window loading the app protocol. */
export function createKioskWindow(preloadPath: string, options: { kiosk: boolean }): BrowserWindow {
  const window = new BrowserWindow({
    show: false,
    kiosk: options.kiosk,
    fullscreen: options.kiosk,
    autoHideMenuBar: true,
    backgroundColor: '#fbfaf5',
    title: 'Trạm Học Số',
    webPreferences: { ...KIOSK_WEB_PREFERENCES, preload: preloadPath },
  });
  const contents = window.webContents;
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
