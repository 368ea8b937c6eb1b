import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKioskPage, signInVolunteer, type KioskPage } from '../support/kiosk-page';
import { REPO_ROOT } from '../support/web-host-fixture';

describe('a broken lesson pack at start', () => {
  let lessonsDir: string;
  let kiosk: KioskPage;

  beforeAll(async () => {
    lessonsDir = mkdtempSync(join(tmpdir(), 'tram-packs-'));
    for (const id of ['mat-khau-otp', 'zalo-an-toan']) cpSync(join(REPO_ROOT, 'lessons', id), join(lessonsDir, id), { recursive: true });
    mkdirSync(join(lessonsDir, 'bai-hong'));
    writeFileSync(join(lessonsDir, 'bai-hong', 'lesson.json'), '{ "id": "bai-hong", "version": 1, ');
    kiosk = await openKioskPage({ lessonsDir });
  });

  afterAll(async () => {
    await kiosk?.close();
    rmSync(lessonsDir, { recursive: true, force: true });
  });

  it('is skipped: the kiosk runs with the good lessons, never crashes', async () => {
    const { page } = kiosk;
    await page.locator('[data-demo-card="an-1958"]').click();
    await page.getByTestId('consent-yes').click();
    await page.locator('[data-screen="welcome"]').waitFor();
    await expect(page.locator('[data-lesson]').count()).resolves.toBe(2);
    await page.getByTestId('finish').click();
  });

  it('is named, with the exact problem, on the volunteer screen', async () => {
    const { page } = kiosk;
    await signInVolunteer(page);
    await expect(page.getByTestId('notices').textContent()).resolves.toMatch(/lesson_pack_skipped.*bai-hong\/lesson\.json/);
  });
});
