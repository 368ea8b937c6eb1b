import { describe, expect, it, vi } from 'vitest';
import { DEMO_CONFIG } from '../../electron/station/config/station-config';
import { electronMock, FakeBrowserWindow } from '../support/electron-mock';

// The whole ready path of main.ts with electron mocked and the station replaced: what gets wired.
vi.mock('electron', () => {
  const mock = electronMock();
  mock.app.whenReady = vi.fn(() => Promise.resolve());
  return mock;
});
const fakeStation = {
  config: { ...DEMO_CONFIG, kiosk: { fullscreen: true } },
  handlers: {},
  on: vi.fn(() => () => undefined),
  close: vi.fn(async () => undefined),
  verifyVolunteerPin: vi.fn(async (pin: string) => pin === '482915'),
};
vi.mock('../../electron/station/station', () => ({ openStation: vi.fn(() => fakeStation) }));

const electron = await import('electron');
const { APP_ORIGIN } = await import('../../electron/main/app-protocol');
const APP_PAGE = `${APP_ORIGIN}/index.html`;
const { currentVolunteerExit, wantsKioskWindow } = await import('../../electron/main/main');
const { openStation } = await import('../../electron/station/station');

const app = electron.app as unknown as { on: ReturnType<typeof vi.fn>; exit: ReturnType<typeof vi.fn>; disableHardwareAcceleration: ReturnType<typeof vi.fn> };

describe('main wiring when ready', async () => {
  await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1));
  const window = FakeBrowserWindow.created[0]!;
  // Vitest clears mock calls before each test: take what start-up did now.
  const startUp = {
    openStation: [...vi.mocked(openStation).mock.calls],
    menu: [...vi.mocked(electron.Menu.setApplicationMenu).mock.calls],
    appOn: [...app.on.mock.calls],
    gpuOff: app.disableHardwareAcceleration.mock.calls.length,
  };
  const appListener = (name: string) => startUp.appOn.find(([event]) => event === name)?.[1] as (...args: unknown[]) => void;

  it('opens the station with the user-data folder, lessons and config path', () => {
    expect(startUp.openStation).toEqual([[expect.objectContaining({ dataDir: '/tmp/user-data', configPath: expect.stringMatching(/station-config\.json$/), lessonsDir: '/app/lessons', missingConfig: 'demo' })]]);
  });

  // Issue #20: keys.json sealed by the OS account's key store (safeStorage, mocked), before the station reads it.
  it('seals the key store with safeStorage before the station opens', async () => {
    const { activeKeyFileSealer } = await import('../../electron/station/keys/key-file-sealer');
    const sealer = activeKeyFileSealer();
    expect(sealer?.scheme).toBe('electron-safe-storage');
    const storage = electron.safeStorage as unknown as { decryptString: (b: Buffer) => string };
    expect(storage.decryptString(sealer!.seal(Buffer.from('k')))).toBe('k');
  });

  it('removes the menu, locks the window down and watches for crashes', () => {
    expect(startUp.menu).toEqual([[null]]);
    expect(window.webContents.listenerCount('before-input-event')).toBe(1);
    expect(window.webContents.listenerCount('render-process-gone')).toBe(1);
    expect(window.listenerCount('unresponsive')).toBe(1);
    expect(appListener('child-process-gone')).toBeTypeOf('function');
    expect(startUp.gpuOff).toBe(0);
  });

  it('opens a normal window in development even when the config asks for full screen', () => {
    expect(window.options).toMatchObject({ kiosk: false });
    expect(wantsKioskWindow(true, true, {})).toBe(true);
    expect(wantsKioskWindow(true, false, { TRAM_KIOSK: '1' })).toBe(true);
    expect(wantsKioskWindow(false, true, { TRAM_KIOSK: '1' })).toBe(false);
  });

  // Found in the security review: the certificate's print button opened the native print dialog,
  // whose "Save as" leads to a file dialog and from there to a shell.
  it('prints the page silently to the configured printer, never with a dialog', async () => {
    const handlers = (electron.ipcMain as unknown as { handlers: Map<string, (event: unknown, input: unknown) => Promise<unknown>> }).handlers;
    const invoke = handlers.get('kiosk:printPage');
    expect(invoke).toBeTypeOf('function');
    const answer = await invoke?.({ senderFrame: { url: APP_PAGE, parent: null } }, {});
    expect(answer).toMatchObject({ ok: true, value: { printed: true } });
    expect(window.webContents.prints).toEqual([{ silent: true, printBackground: true }]);
  });

  const exitCombo = () =>
    window.webContents.emit('before-input-event', { preventDefault: vi.fn() }, { type: 'keyDown', key: 'V', code: 'KeyV', control: true, alt: true, shift: true, meta: false });

  // This test used to pass on a TypeError: the fake station had no PIN check, the call threw, and
  // the thrown error counted as a wrong PIN. Now the station's own check is asked, with the PIN typed.
  it('asks the station to check the volunteer PIN after the exit combo; a wrong PIN does not exit', async () => {
    exitCombo();
    await expect(currentVolunteerExit()?.submitPin('0000')).resolves.toBe('wrong-pin');
    expect(fakeStation.verifyVolunteerPin).toHaveBeenCalledWith('0000');
    expect(app.exit).not.toHaveBeenCalled();
    // Without the combo first the PIN is not even checked.
    await expect(currentVolunteerExit()?.submitPin('482915')).resolves.toBe('not-requested');
    expect(fakeStation.verifyVolunteerPin).toHaveBeenCalledTimes(1);
  });

  it('closes the station before the process quits', async () => {
    const quit = { preventDefault: vi.fn() };
    appListener('before-quit')(quit);
    expect(quit.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(0));
    expect(fakeStation.close).toHaveBeenCalledTimes(1);
  });

  it('a right PIN after the combo leaves the kiosk', async () => {
    exitCombo();
    await expect(currentVolunteerExit()?.submitPin('482915')).resolves.toBe('exiting');
    expect(fakeStation.verifyVolunteerPin).toHaveBeenCalledWith('482915');
  });
});
