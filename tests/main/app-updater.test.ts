// electron-updater behind the station's AppUpdateDriver (issue #18 item 5). Electron and
// electron-updater cannot run here: the updater is a fake with electron-updater's surface, and the
// test checks what the driver asks of it (generic feed, no automatic download or install, silent
// install with a restart) and what it reports back.
import { describe, expect, it, vi } from 'vitest';
import { createAppUpdateDriver, type ElectronUpdater } from '../../electron/main/app-updater';

function fakeUpdater(found: Awaited<ReturnType<ElectronUpdater['checkForUpdates']>>, download: () => Promise<string[]> = async () => ['/tmp/installer.exe']) {
  return {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    setFeedURL: vi.fn<ElectronUpdater['setFeedURL']>(),
    checkForUpdates: vi.fn(async () => found),
    downloadUpdate: vi.fn(download),
    quitAndInstall: vi.fn<ElectronUpdater['quitAndInstall']>(),
  };
}

describe('app updater driver', () => {
  it('never downloads or installs by itself; points electron-updater at the station feed', async () => {
    const updater = fakeUpdater({ isUpdateAvailable: true, updateInfo: { version: '0.2.0', sha512: 'abc==' } });
    const driver = createAppUpdateDriver(updater);
    expect(updater.autoDownload).toBe(false);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(await driver.fetchUpdate('https://hub.example/v1/app-feed/st-1/tok/')).toEqual({ version: '0.2.0', sha512: 'abc==' });
    expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://hub.example/v1/app-feed/st-1/tok' });
    expect(updater.downloadUpdate).toHaveBeenCalledTimes(1);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    driver.quitAndInstall();
    expect(updater.quitAndInstall).toHaveBeenCalledWith(true, true);
  });

  it('nothing newer on the feed: no download, null', async () => {
    const updater = fakeUpdater({ isUpdateAvailable: false, updateInfo: { version: '0.1.0', sha512: 'x' } });
    expect(await createAppUpdateDriver(updater).fetchUpdate('https://hub.example/feed/')).toBeNull();
    expect(updater.downloadUpdate).not.toHaveBeenCalled();
    const none = fakeUpdater(null);
    expect(await createAppUpdateDriver(none).fetchUpdate('https://hub.example/feed/')).toBeNull();
  });

  it('a download electron-updater rejects (SHA-512 mismatch) rejects: nothing is reported as downloaded', async () => {
    const updater = fakeUpdater({ isUpdateAvailable: true, updateInfo: { version: '0.2.0', sha512: 'abc==' } }, async () => {
      throw new Error('sha512 checksum mismatch');
    });
    await expect(createAppUpdateDriver(updater).fetchUpdate('https://hub.example/feed/')).rejects.toThrow(/sha512/);
  });
});
