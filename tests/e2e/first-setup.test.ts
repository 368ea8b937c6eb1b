// An installed (not demo) station has no volunteer PIN: the volunteer entry leads to the first set-up,
// where the province's one-time enrolment code enrols the station and the new PIN is set (issue #20's
// follow-through). In Chromium through the web host, against a real hub.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHub, type Hub } from '../../city/http/create-hub';
import { issueEnrolmentCode } from '../../city/ingest/enrolment';
import { launchChromium } from '../support/browser';
import { REPO_ROOT, startTestWebHost, type RunningWebHost } from '../support/web-host-fixture';

const SCREENSHOTS = join(REPO_ROOT, 'docs', 'screenshots');

describe('first set-up of an installed station in Chromium', () => {
  let hubDir: string;
  let hub: Hub;
  let running: RunningWebHost;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    hubDir = mkdtempSync(join(tmpdir(), 'tram-e2e-first-'));
    hub = await createHub({ dataDir: hubDir });
    const hubUrl = await hub.app.listen({ host: '127.0.0.1', port: 0 });
    const configPath = join(hubDir, 'station-config.json');
    writeFileSync(configPath, JSON.stringify({ ...JSON.parse(readFileSync(join(REPO_ROOT, 'kiosk-config', 'examples', 'walk-in-station.json'), 'utf8')), demoMode: false, hub: { url: hubUrl } }));
    running = await startTestWebHost({ configPath });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(running.host.url);
    await page.locator('[data-screen="attract"]').waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    await hub?.close();
    rmSync(hubDir, { recursive: true, force: true });
  });

  it('leads the volunteer entry to the set-up, refuses two different PINs, then enrols and signs in', async () => {
    await page.getByTestId('volunteer-entry').click();
    await page.locator('[data-screen="first-setup"]').waitFor();
    await expect(page.getByTestId('setup-do').isDisabled()).resolves.toBe(true);
    const { code } = await issueEnrolmentCode(hub.ctx, running.station.config.station.id);
    await page.getByTestId('setup-code').fill(code);
    await page.getByTestId('setup-pin').fill('135790');
    await page.getByTestId('setup-pin-again').fill('135791');
    await page.getByTestId('setup-pins-differ').waitFor();
    await expect(page.getByTestId('setup-do').isDisabled()).resolves.toBe(true);
    await page.getByTestId('setup-pin-again').fill('135790');
    await page.screenshot({ path: join(SCREENSHOTS, 'first-setup.png') });
    await page.getByTestId('setup-do').click();
    await page.locator('[data-screen="volunteer"]').waitFor();
    await expect(running.station.handlers.getVolunteerStatus({})).resolves.toMatchObject({ signedIn: true, needsFirstSetup: false });
    // Enrolled: the hub knows the station's key now.
    const rows = await hub.ctx.db.query<{ n: number }>('SELECT count(*)::integer AS n FROM stations WHERE station_id = $1', [running.station.config.station.id]);
    expect(rows[0]?.n).toBe(1);
    await expect(running.station.handlers.getSyncStatus({})).resolves.not.toMatchObject({ state: 'not_enrolled' });
  });
});
