/**
 * electron-updater behind the station's `AppUpdateDriver` (station/fleet/update-controller.ts, issue
 * #18 item 5). The station decides when (the nightly window, nobody at the kiosk) and checks the
 * hub's signed release statement; this only drives electron-updater against the station's generic
 * feed: `latest.yml`, the installer, its SHA-512 (electron-updater refuses a download whose SHA-512
 * differs from latest.yml), and the silent install at the relaunch. Never downloads or installs on
 * its own: autoDownload and autoInstallOnAppQuit are off. Electron cannot run in this project's CI:
 * tests/main/app-updater.test.ts runs this with electron-updater mocked.
 */
import type { AppUpdateDriver } from '../station/fleet/update-controller';

/** The part of electron-updater's AppUpdater this driver uses. */
export interface ElectronUpdater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<{ readonly isUpdateAvailable: boolean; readonly updateInfo: { readonly version: string; readonly sha512: string } } | null>;
  downloadUpdate(): Promise<readonly string[]>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export function createAppUpdateDriver(updater: ElectronUpdater): AppUpdateDriver {
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  return {
    async fetchUpdate(feedUrl) {
      // The feed folder: electron-updater appends latest.yml (or latest-linux.yml) itself.
      updater.setFeedURL({ provider: 'generic', url: feedUrl.replace(/\/+$/, '') });
      const found = await updater.checkForUpdates();
      if (found === null || !found.isUpdateAvailable) return null;
      // Resolves only after electron-updater has checked the installer's SHA-512 against latest.yml.
      await updater.downloadUpdate();
      return { version: found.updateInfo.version, sha512: found.updateInfo.sha512 };
    },
    quitAndInstall() {
      // Silent (no installer window at a kiosk), and the app starts again afterwards.
      updater.quitAndInstall(true, true);
    },
  };
}

/** The real electron-updater (imported only inside the packaged Electron app). */
export async function loadElectronUpdater(): Promise<ElectronUpdater> {
  const { autoUpdater } = await import('electron-updater');
  return autoUpdater as unknown as ElectronUpdater;
}
