/**
 * A recording stand-in for the parts of 'electron' the shell uses. Tests call `vi.mock('electron',
 * () => electronMock())` and then inspect what main registered. The real binary cannot run here.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: Array<{ channel: string; payload: unknown }> = [];
  /** Recovery and lockdown calls, in order: 'reload', 'forcefullyCrashRenderer', 'zoomLimits:1,1', 'zoomLevel:0'. */
  calls: string[] = [];
  reload() {
    this.calls.push('reload');
  }
  forcefullyCrashRenderer() {
    this.calls.push('forcefullyCrashRenderer');
  }
  setVisualZoomLevelLimits(minimum: number, maximum: number) {
    this.calls.push(`zoomLimits:${minimum},${maximum}`);
    return Promise.resolve();
  }
  setZoomLevel(level: number) {
    this.calls.push(`zoomLevel:${level}`);
  }
  /** Every print request with its options; `printResult` decides what the callback hears. */
  prints: Array<Record<string, unknown>> = [];
  printResult: { success: boolean; failureReason: string } = { success: true, failureReason: '' };
  print(options: Record<string, unknown>, callback?: (success: boolean, failureReason: string) => void) {
    this.prints.push(options);
    callback?.(this.printResult.success, this.printResult.failureReason);
  }
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
  isDestroyed() {
    return false;
  }
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
    Menu: { setApplicationMenu: vi.fn() },
    powerSaveBlocker: powerSaveBlockerMock(),
    contextBridge: { exposeInMainWorld: vi.fn() },
    net: { isOnline: vi.fn(() => true) },
    safeStorage: fakeSafeStorage(),
    powerMonitor: Object.assign(new EventEmitter(), {}),
    ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
    app: {
      requestSingleInstanceLock: vi.fn(() => true),
      quit: vi.fn(),
      exit: vi.fn(),
      on: vi.fn(),
      off: vi.fn(),
      whenReady: vi.fn(() => new Promise(() => undefined)),
      getAppPath: () => '/app',
      getPath: () => '/tmp/user-data',
      getVersion: () => '0.0.0',
      isPackaged: false,
      relaunch: vi.fn(),
      disableHardwareAcceleration: vi.fn(),
      setLoginItemSettings: vi.fn(),
      getLoginItemSettings: vi.fn(() => ({ openAtLogin: false })),
    },
  };
}

/** powerSaveBlocker with ids and a set of running blockers, like Electron's. */
function powerSaveBlockerMock() {
  const running = new Map<number, string>();
  let nextId = 1;
  return {
    running,
    start: vi.fn((type: string) => {
      const id = nextId++;
      running.set(id, type);
      return id;
    }),
    stop: vi.fn((id: number) => running.delete(id)),
    isStarted: vi.fn((id: number) => running.has(id)),
  };
}

/**
 * safeStorage as an OS key store behaves: AES-256-GCM under a key of this "account" (one per mock), so
 * bytes sealed by one mock do not open in another. `available` and `backend` are set by a test.
 */
export function fakeSafeStorage() {
  const accountKey = randomBytes(32);
  return {
    available: true,
    backend: 'gnome_libsecret',
    isEncryptionAvailable() {
      return this.available;
    },
    getSelectedStorageBackend() {
      return this.backend;
    },
    encryptString(plainText: string): Buffer {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', accountKey, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(encrypted: Buffer): string {
      const decipher = createDecipheriv('aes-256-gcm', accountKey, encrypted.subarray(0, 12));
      decipher.setAuthTag(encrypted.subarray(12, 28));
      return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
