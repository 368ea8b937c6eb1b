import { describe, expect, it, vi } from 'vitest';
import { electronMock } from '../support/electron-mock';

vi.mock('electron', () => electronMock());

const electron = await import('electron');

describe('main composition root', () => {
  it('takes the single-instance lock and registers the app scheme before ready', async () => {
    await import('../../electron/main/main');
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalled();
    expect(electron.app.on).toHaveBeenCalledWith('second-instance', expect.any(Function));
  });

  it('quits when another instance holds the lock', async () => {
    const { startKiosk } = await import('../../electron/main/main');
    vi.mocked(electron.app.requestSingleInstanceLock).mockReturnValueOnce(false);
    expect(startKiosk()).toBe(false);
    expect(electron.app.quit).toHaveBeenCalled();
  });

  it('finds lessons in resources when packaged and in the repo in development', async () => {
    const { resourcePaths } = await import('../../electron/main/main');
    expect(resourcePaths('/app.asar', '/res', true).lessonsDir).toBe('/res/lessons');
    expect(resourcePaths('/repo', '/res', false)).toEqual({ rendererDir: '/repo/dist/renderer', preloadPath: '/repo/dist/preload/preload.cjs', lessonsDir: '/repo/lessons' });
  });
});
