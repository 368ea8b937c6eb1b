/**
 * One kiosk in Chromium for end-to-end tests and benchmarks: the real web host on a fresh data folder,
 * the system Chromium, and a page on the attract screen. Plus the steps many tests share.
 */
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { startTestWebHost, type RunningWebHost } from './web-host-fixture';

export interface KioskPage {
  readonly running: RunningWebHost;
  readonly browser: Browser;
  readonly page: Page;
  close(): Promise<void>;
}

export const KIOSK_VIEWPORT = { width: 1366, height: 768 } as const;

/** Starts the web host and opens the kiosk page at the attract screen. */
export async function openKioskPage(options: { beforeGoto?: (page: Page) => Promise<void>; lessonsDir?: string; chromiumArgs?: readonly string[] } = {}): Promise<KioskPage> {
  const running = await startTestWebHost(options.lessonsDir ? { lessonsDir: options.lessonsDir } : {});
  const browser = await launchChromium(options.chromiumArgs);
  const page = await browser.newPage({ viewport: KIOSK_VIEWPORT });
  await options.beforeGoto?.(page);
  await page.goto(running.host.url);
  await page.locator('[data-screen="attract"]').waitFor();
  return {
    running,
    browser,
    page,
    close: async () => {
      await browser.close();
      await running.stop();
    },
  };
}

/** Signs a volunteer in with the PIN pad (the demo PIN by default). */
export async function signInVolunteer(page: Page, pin = '1234'): Promise<void> {
  await page.getByTestId('volunteer-entry').click();
  for (const digit of pin) await page.locator(`[data-pin-key="${digit}"]`).click();
  await page.getByTestId('pin-ok').click();
  await page.locator('[data-screen="volunteer"]').waitFor();
}

/** Registers a demo card's person (consent yes) and ends the visit, back at the attract screen. */
export async function registerDemoLearner(page: Page, card: string): Promise<void> {
  await page.locator(`[data-demo-card="${card}"]`).click();
  await page.getByTestId('consent-yes').click();
  await page.locator('[data-screen="welcome"]').waitFor();
  await page.getByTestId('finish').click();
  await page.locator('[data-screen="attract"]').waitFor();
}
