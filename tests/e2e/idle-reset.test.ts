import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { REPO_ROOT, startTestWebHost, type RunningWebHost } from '../support/web-host-fixture';

const SCREENSHOTS = join(REPO_ROOT, 'docs', 'screenshots');

/** The page's clock is Playwright's fake clock, so minutes of idling take milliseconds. */
describe('idle warning and privacy reset in Chromium', () => {
  let running: RunningWebHost;
  let browser: Browser;
  let page: Page;
  let idle: { warnAfterSeconds: number; countdownSeconds: number };

  beforeAll(async () => {
    running = await startTestWebHost();
    idle = running.station.status().idle;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.clock.install();
    await page.goto(running.host.url);
    await page.locator('[data-screen="attract"]').waitFor();
    await page.locator('[data-demo-card="an-1958"]').click();
    await page.getByTestId('consent-yes').click();
    await page.locator('[data-screen="welcome"]').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  it('warns after the idle time with a countdown of at least 20 s, and "Tôi vẫn đang học" keeps the session', async () => {
    await page.clock.runFor((idle.warnAfterSeconds + 1) * 1000);
    await page.getByTestId('idle-warning').waitFor();
    const seconds = Number(await page.getByTestId('idle-seconds').textContent());
    expect(seconds).toBeGreaterThanOrEqual(19);
    await page.screenshot({ path: join(SCREENSHOTS, 'idle-warning.png') });
    await page.getByTestId('idle-extend').click();
    await expect(page.getByTestId('idle-warning').count()).resolves.toBe(0);
    await expect(page.locator('[data-screen="welcome"]').count()).resolves.toBe(1);
  });

  it('resets to the attract screen and checks the visit out with reason idle', async () => {
    await page.clock.runFor((idle.warnAfterSeconds + idle.countdownSeconds + 2) * 1000);
    await page.locator('[data-screen="attract"]').waitFor();
    await expect.poll(() => {
      const row = running.station.db!.prepare("SELECT payload FROM events WHERE kind = 'attendance.checkout' ORDER BY seq DESC LIMIT 1").get() as { payload: string } | undefined;
      return row ? JSON.parse(row.payload).reason : null;
    }).toBe('idle');
    await expect(page.locator('[data-screen="welcome"]').count()).resolves.toBe(0);
  });

  it('never warns on the attract screen', async () => {
    await page.clock.runFor((idle.warnAfterSeconds + idle.countdownSeconds + 5) * 1000);
    await expect(page.getByTestId('idle-warning').count()).resolves.toBe(0);
  });
});
