import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHub, type Hub } from '../../city/http/create-hub';
import { issueEnrolmentCode } from '../../city/ingest/enrolment';
import { hashPassword } from '../../city/staff/password';
import { upsertStaff } from '../../city/store/staff-store';
import { launchChromium } from '../support/browser';
import { fakeIdCardText } from '../support/fake-persons';
import { signInVolunteer } from '../support/kiosk-page';
import { REPO_ROOT, startTestWebHost, type RunningWebHost } from '../support/web-host-fixture';

const SCREENSHOTS = join(REPO_ROOT, 'docs', 'screenshots');
const STAFF_PASSWORD = 'mat-khau-can-bo-2026';

/** Signs the city staff member in on the hub's login page and lands on the report page. */
async function openCityReport(browser: Browser, hubUrl: string): Promise<Page> {
  const hubPage = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await hubPage.goto(`${hubUrl}/login`);
  await hubPage.locator('input[name="name"]').fill('canbo');
  await hubPage.locator('input[name="password"]').fill(STAFF_PASSWORD);
  await hubPage.locator('button[type="submit"], input[type="submit"]').first().click();
  await hubPage.waitForURL(/\/reports/);
  return hubPage;
}

describe('station → city: scans in the web host reach the hub and are counted once', () => {
  let hubDir: string;
  let hub: Hub;
  let hubUrl: string;
  let running: RunningWebHost;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    hubDir = mkdtempSync(join(tmpdir(), 'tram-e2e-hub-'));
    hub = await createHub({ dataDir: hubDir });
    hubUrl = await hub.app.listen({ host: '127.0.0.1', port: 0 });
    await upsertStaff(hub.ctx.db, { name: 'canbo', passwordHash: await hashPassword(STAFF_PASSWORD), now: Date.now() });
    // The station's config names this hub: the kiosk enrols only with the hub of its config.
    const configPath = join(hubDir, 'station-config.json');
    writeFileSync(configPath, JSON.stringify({ ...JSON.parse(readFileSync(join(REPO_ROOT, 'kiosk-config', 'examples', 'walk-in-station.json'), 'utf8')), demoMode: true, hub: { url: hubUrl } }));
    running = await startTestWebHost({ configPath });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(running.host.url);
    await page.locator('[data-screen="attract"]').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    await hub?.close();
    rmSync(hubDir, { recursive: true, force: true });
  });

  it('enrols from the volunteer screen with a one-time code', async () => {
    const { code } = await issueEnrolmentCode(hub.ctx, running.station.config.station.id);
    await signInVolunteer(page);
    await page.getByTestId('open-sync').click();
    await expect(page.getByTestId('hub-url').textContent()).resolves.toContain(hubUrl);
    await page.getByTestId('enrol-code').fill(code);
    await page.getByTestId('enrol').click();
    await expect(page.getByTestId('enrol-message').textContent()).resolves.toContain('Đã đăng ký');
  });

  it('uploads two visits of the same learner; the hub acknowledges everything', async () => {
    await page.getByRole('button', { name: /Quay lại/ }).click();
    await page.getByTestId('volunteer-sign-out').click();
    for (let visit = 0; visit < 2; visit++) {
      await page.locator('[data-demo-card="an-1958"]').click();
      if (visit === 0) await page.getByTestId('consent-yes').click();
      await page.locator('[data-screen="welcome"]').waitFor();
      await page.getByTestId('finish').click();
      await page.locator('[data-screen="attract"]').waitFor();
    }
    running.station.sync?.online();
    await expect.poll(() => running.station.sync?.status().waitingEvents, { timeout: 30_000 }).toBe(0);
    expect(running.station.sync?.status().receiptShort).toMatch(/^[0-9a-f]{8}$/);
  });

  it('shows the learner once on the city report page', async () => {
    const hubPage = await openCityReport(browser, hubUrl);
    const wardRow = hubPage.locator('tr', { has: hubPage.locator('th a', { hasText: '06688' }) }).first();
    await expect(wardRow.locator('td').first().textContent()).resolves.toBe('1');
    await hubPage.screenshot({ path: join(SCREENSHOTS, 'city-report.png'), fullPage: true });
    // The JSON report with the same staff session (the page's strict CSP forbids fetch from it).
    const progress = await (await hubPage.request.get(`${hubUrl}/v1/reports/progress?ward=06688`)).json();
    expect(progress).toMatchObject({ ward: '06688', learners: 1 });
    await hubPage.close();
  });

  it('shows a volunteer group session with 20 attendees on the city report', async () => {
    await signInVolunteer(page);
    await page.getByTestId('open-group').click();
    await page.getByTestId('group-consent').check();
    await page.getByTestId('group-start').click();
    await page.getByTestId('roster-count').waitFor();
    for (let i = 0; i < 20; i++) {
      running.station.demoScanner()!.scanText(fakeIdCardText(300 + i));
      await expect.poll(() => page.getByTestId('roster-count').textContent()).toBe(String(i + 1));
    }
    await page.getByTestId('group-end').click();
    await page.getByTestId('group-summary').waitFor();
    running.station.sync?.online();
    await expect.poll(() => running.station.sync?.status().waitingEvents, { timeout: 30_000 }).toBe(0);
    const hubPage = await openCityReport(browser, hubUrl);
    await expect(hubPage.locator('td[data-groups]').first().textContent()).resolves.toBe('1 (20)');
    await hubPage.close();
  });

  it('sent no name, ID number or QR text to the city: none of it is in the hub data folder', async () => {
    await hub.ctx.db.query('CHECKPOINT');
    const needles = ['Nguyễn Văn An', '022058001234', '100234567'].map((text) => Buffer.from(text, 'utf8'));
    const files = readdirSync(hubDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(files.length).toBeGreaterThan(10);
    for (const entry of files) {
      const bytes = readFileSync(join(entry.parentPath, entry.name));
      for (const needle of needles) expect(bytes.includes(needle), `${needle.toString()} in ${entry.name}`).toBe(false);
    }
  });
});
