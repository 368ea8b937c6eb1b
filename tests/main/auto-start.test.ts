import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock } from '../support/electron-mock';

vi.mock('electron', () => electronMock());

const electron = await import('electron');
const { configureAutoStart, LOGIN_ITEM_NAME, loginExecutable } = await import('../../electron/main/auto-start');

const app = electron.app as unknown as { setLoginItemSettings: ReturnType<typeof vi.fn>; getLoginItemSettings: ReturnType<typeof vi.fn> };
const packagedWindows = { platform: 'win32' as const, isPackaged: true, execPath: 'C:\\Program Files\\Tram Hoc So\\Tram Hoc So.exe', env: {} };

describe('auto-start', () => {
  beforeEach(() => {
    app.setLoginItemSettings.mockClear();
    app.getLoginItemSettings.mockReset();
    app.getLoginItemSettings.mockReturnValue({ openAtLogin: false });
  });

  it('registers the installed exe as a Windows login item', () => {
    expect(configureAutoStart(packagedWindows)).toBe('login-item-set');
    expect(app.getLoginItemSettings).toHaveBeenCalledWith({ path: packagedWindows.execPath, args: [] });
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, path: packagedWindows.execPath, args: [], name: LOGIN_ITEM_NAME });
  });

  it('uses the real exe of the portable build, not its temporary copy', () => {
    const env = { PORTABLE_EXECUTABLE_FILE: 'D:\\TramHocSo-portable.exe' };
    expect(loginExecutable({ execPath: 'C:\\Temp\\2abc\\Tram Hoc So.exe', env })).toBe('D:\\TramHocSo-portable.exe');
    expect(loginExecutable({ execPath: 'C:\\x.exe', env: { PORTABLE_EXECUTABLE_FILE: '' } })).toBe('C:\\x.exe');
    configureAutoStart({ ...packagedWindows, env });
    expect(app.setLoginItemSettings).toHaveBeenCalledWith(expect.objectContaining({ path: 'D:\\TramHocSo-portable.exe' }));
  });

  it('does nothing when the login item is already there', () => {
    app.getLoginItemSettings.mockReturnValue({ openAtLogin: true });
    expect(configureAutoStart(packagedWindows)).toBe('already-set');
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('leaves Linux to the systemd unit and autostart file, and development runs alone', () => {
    expect(configureAutoStart({ ...packagedWindows, platform: 'linux' })).toBe('managed-by-os');
    expect(configureAutoStart({ ...packagedWindows, isPackaged: false })).toBe('skipped-development');
    expect(configureAutoStart({ ...packagedWindows, platform: 'darwin' })).toBe('unsupported-platform');
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
  });
});
