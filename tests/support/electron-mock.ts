/**
 * A recording stand-in for the parts of 'electron' the shell uses. Tests call `vi.mock('electron',
 * () => electronMock())` and then inspect what main registered. The real binary cannot run here.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: Array<{ channel: string; payload: unknown }> = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  isDestroyed() {
    return false;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show() {}
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
}

export function electronMock() {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const session = {
    permissionRequestHandler: null as null | ((...args: unknown[]) => void),
    permissionCheckHandler: null as null | ((...args: unknown[]) => boolean),
    downloadListener: null as null | ((event: { preventDefault: () => void }) => void),
    setPermissionRequestHandler(handler: (...args: unknown[]) => void) {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: (...args: unknown[]) => boolean) {
      this.permissionCheckHandler = handler;
    },
    on(name: string, listener: (event: { preventDefault: () => void }) => void) {
      if (name === 'will-download') this.downloadListener = listener;
    },
  };
  return {
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handlers,
      handle: vi.fn((channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => handlers.set(channel, handler)),
      removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
    },
    session: { defaultSession: session },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
    app: {
      requestSingleInstanceLock: vi.fn(() => true),
      quit: vi.fn(),
      exit: vi.fn(),
      on: vi.fn(),
      whenReady: vi.fn(() => new Promise(() => undefined)),
      getAppPath: () => '/app',
      getPath: () => '/tmp/user-data',
      getVersion: () => '0.0.0',
      isPackaged: false,
    },
  };
}
