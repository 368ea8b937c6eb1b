// Issue #18 item 1 end to end: a province administrator publishes the lessons folder from the hub's
// lesson pack page in Chromium (the browser's own folder picker, multipart/form-data, no script),
// and an enrolled station's lesson-channel check over HTTP then installs exactly that version, every
// file verified and every lesson loading. The page is screenshotted for the README
// (docs/screenshots/city-publish-lessons.png) and checked with axe-core.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../city/staff/password';
import { upsertStaff } from '../../city/store/staff-store';
import { loadOrCreateKeys } from '../../electron/station/keys/key-store';
import { loadPack } from '../../electron/station/fleet/fleet-boot';
import { createHubSource } from '../../electron/station/fleet/hub-source';
import { checkLessonChannel } from '../../electron/station/fleet/lesson-channel';
import { openPackStore } from '../../electron/station/fleet/pack-store';
import { verifyPackFolder } from '../../electron/station/fleet/pack-install';
import { stationSigner } from '../../electron/station/sync/station-crypto';
import { fleetHooks } from '../../tools/fleet-hooks';
import { launchChromium } from '../support/browser';
import { REPO_ROOT } from '../support/web-host-fixture';
import { enrolledStation, packFolder, REPO_LESSONS, repoLessonIds } from '../station/fleet/support/fleet-harness';
import type { EnrolledStation } from '../station/fleet/support/fleet-harness';
import { startLiveHub } from '../station/sync/support/live-hub';
import type { LiveHub } from '../station/sync/support/live-hub';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PASSWORD = 'mat-khau-quan-tri-2026';

describe('publishing a lesson pack from the officials’ page, in Chromium', () => {
  let hub: LiveHub;
  let browser: Browser;
  let page: Page;
  let station: EnrolledStation;
  const cleanups: Array<() => void> = [];

  beforeAll(async () => {
    hub = await startLiveHub({ validatePack: fleetHooks.validatePack });
    await upsertStaff(hub.ctx.db, { name: 'quan.tri', passwordHash: await hashPassword(PASSWORD), now: Date.now(), role: 'admin' });
    station = await enrolledStation(hub);
    cleanups.push(station.cleanup);
    browser = await launchChromium();
    // bypassCSP only lets the test inject axe-core; the page keeps its strict CSP.
    page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true })).newPage();
    await page.goto(`${hub.url}/login`);
    await page.locator('input[name="name"]').fill('quan.tri');
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('input[name="password"]').press('Enter');
    await page.waitForURL(/\/dashboard/);
  });
  afterAll(async () => {
    await browser?.close();
    for (const cleanup of cleanups) cleanup();
    await hub?.close();
  });

  it('publishes the chosen folder as version 1, and a station installs it', async () => {
    await page.getByRole('link', { name: /Gói bài học/ }).click();
    await page.waitForURL(/\/admin\/lesson-packs$/);
    const pack = packFolder();
    cleanups.push(pack.cleanup);
    await page.locator('input[name="files"]').setInputFiles(pack.dir);
    await page.locator('input[name="min_app_version"]').fill('0.1.0');
    await page.getByRole('button', { name: /phát hành phiên bản mới/ }).click();
    await page.waitForURL(/\/admin\/lesson-packs\/publish$/);
    await expect.poll(() => page.locator('[role="status"]').textContent()).toContain('Đã phát hành phiên bản 1');
    expect(await page.locator('table tbody tr').count()).toBe(1);
    expect(await page.locator('table tbody tr th').textContent()).toBe('v1');

    await page.addScriptTag({ path: AXE_PATH });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: Array<{ id: string; impact: string }> }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } });
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
    expect(violations).toEqual([]);
    await page.screenshot({ path: join(REPO_ROOT, 'docs', 'screenshots', 'city-publish-lessons.png'), fullPage: true });

    const store = openPackStore(station.dataDir, REPO_LESSONS);
    const check = await checkLessonChannel({
      dataDir: station.dataDir,
      store,
      source: createHubSource({ hubUrl: hub.url, stationId: station.stationId, sign: stationSigner(loadOrCreateKeys(join(station.dataDir, 'keys.json'))), wallMs: Date.now }),
      appVersion: '0.1.0',
      validate: (dir) => loadPack(dir).problems,
      wallMs: Date.now,
      signal: new AbortController().signal,
    });
    expect(check).toMatchObject({ state: 'installed', version: 1 });
    const manifest = openPackStore(station.dataDir, REPO_LESSONS).manifestOf(1);
    await verifyPackFolder(store.versionDir(1), manifest!);
    expect(loadPack(store.versionDir(1))).toMatchObject({ problems: [] });
    expect(loadPack(store.versionDir(1)).lessons).toHaveLength(repoLessonIds().length);
  });
});
