import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock, FakeBrowserWindow } from '../support/electron-mock';

vi.mock('electron', () => electronMock());

const electron = await import('electron');
const { createKioskWindow, denyAllPermissions, isAppUrl, KIOSK_WEB_PREFERENCES } = await import('../../electron/main/secure-window');

describe('kiosk window', () => {
  beforeEach(() => {
    FakeBrowserWindow.created = [];
  });

  it('is created with context isolation, sandbox and no Node in the page', () => {
    createKioskWindow('/app/dist/preload/preload.cjs', { kiosk: true });
    const window = FakeBrowserWindow.created[0];
    const prefs = window?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, devTools: false, webSecurity: true });
    expect(prefs.preload).toBe('/app/dist/preload/preload.cjs');
    expect(window?.options).toMatchObject({ kiosk: true, fullscreen: true });
    expect(KIOSK_WEB_PREFERENCES.allowRunningInsecureContent).toBe(false);
  });

  it('lets lesson narration start by itself (autoplay without a tap)', () => {
    createKioskWindow('/p.cjs', { kiosk: true });
    expect(FakeBrowserWindow.created[0]?.options.webPreferences).toMatchObject({ autoplayPolicy: 'no-user-gesture-required' });
  });

  it('loads the renderer from the app:// scheme, not file://', () => {
    createKioskWindow('/p.cjs', { kiosk: false });
    expect(FakeBrowserWindow.created[0]?.loadedUrl).toBe('app://kiosk/index.html');
  });

  it('refuses navigation away from the app and any new window', () => {
    createKioskWindow('/p.cjs', { kiosk: true });
    const contents = FakeBrowserWindow.created[0]!.webContents;
    const away = { preventDefault: vi.fn() };
    contents.emit('will-navigate', away, 'https://example.com/');
    expect(away.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    contents.emit('will-navigate', inside, 'app://kiosk/index.html');
    expect(inside.preventDefault).not.toHaveBeenCalled();
    const redirect = { preventDefault: vi.fn() };
    contents.emit('will-redirect', redirect, 'file:///etc/passwd');
    expect(redirect.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('denies every permission request and download', () => {
    denyAllPermissions();
    const session = (electron.session as unknown as { defaultSession: ReturnType<typeof electronMock>['session']['defaultSession'] }).defaultSession;
    const callback = vi.fn();
    session.permissionRequestHandler?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(session.permissionCheckHandler?.({}, 'geolocation')).toBe(false);
    const download = { preventDefault: vi.fn() };
    session.downloadListener?.(download);
    expect(download.preventDefault).toHaveBeenCalled();
  });

  it('tells app URLs from everything else', () => {
    expect(isAppUrl('app://kiosk/x.js')).toBe(true);
    expect(isAppUrl('app://other/x.js')).toBe(false);
    expect(isAppUrl('file:///x')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
