/**
 * Launches Debian's system Chromium through playwright-core (playwright's own browser downloads are
 * not available on the build machines). Flags keep it from phoning home on a closed network.
 */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** `extraArgs`, e.g. `--autoplay-policy=no-user-gesture-required` (what the Electron kiosk window sets). */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic', ...extraArgs],
  });
}
