// Issue #17 end to end in Chromium, one hub and one browser for the file: an administrator signs in
// with the keyboard alone, issues an enrolment code (text and QR), the kiosk enrols by scanning the
// QR, two learners scan their ID cards and pass a lesson, the dashboard shows them under "Phường Hạ Long", a ward
// officer of another ward cannot see them, and the monthly XLSX and the printed PDF (pdftotext and
// pdftoppm) carry the same totals. Every hub page: axe-core (no serious or critical violation), no
// overlapping or clipped text at 1366×768 and 1920×1080, and a keyboard-only walk.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHub, type Hub } from '../../city/http/create-hub';
import { hashPassword } from '../../city/staff/password';
import { setStaffAccess, upsertStaff } from '../../city/store/staff-store';
import { formatEnrolQr } from '../../electron/core/sync/protocol/enrol-qr';
import { launchChromium } from '../support/browser';
import { fakeIdCardText } from '../support/fake-persons';
import { passLesson, startVisit, tapTestId } from '../support/kiosk-screen-steps';
import { signInVolunteer } from '../support/kiosk-page';
import { checkLayout } from '../support/layout-check';
import { REPO_ROOT, startTestWebHost, type RunningWebHost } from '../support/web-host-fixture';

const SCREENSHOTS = join(REPO_ROOT, 'docs', 'screenshots');
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const ADMIN_PASSWORD = 'mat-khau-quan-tri-2026';
const OFFICER_PASSWORD = 'mat-khau-bai-chay-2026';
const SMALL = { width: 1366, height: 768 };
const SIZES = [SMALL, { width: 1920, height: 1080 }];

/** Signs in on the hub's form using only the keyboard (Tab, typing, Enter). */
async function keyboardSignIn(context: BrowserContext, hubUrl: string, name: string, password: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${hubUrl}/login`);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('name');
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/dashboard/);
  return page;
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
  });
}

describe('the hub as the officials’ tool, in Chromium', () => {
  let hubDir: string;
  let hub: Hub;
  let hubUrl: string;
  let running: RunningWebHost;
  let browser: Browser;
  let admin: BrowserContext;
  let adminPage: Page;
  let kiosk: Page;

  beforeAll(async () => {
    hubDir = mkdtempSync(join(tmpdir(), 'tram-e2e-officials-'));
    hub = await createHub({ dataDir: hubDir, province: '22' });
    hubUrl = await hub.app.listen({ host: '127.0.0.1', port: 0 });
    await upsertStaff(hub.ctx.db, { name: 'quan.tri', passwordHash: await hashPassword(ADMIN_PASSWORD), now: Date.now(), role: 'admin' });
    await upsertStaff(hub.ctx.db, { name: 'bai.chay', passwordHash: await hashPassword(OFFICER_PASSWORD), now: Date.now(), role: 'ward_officer' });
    await setStaffAccess(hub.ctx.db, { name: 'bai.chay', role: 'ward_officer', wards: ['06673'] });
    const configPath = join(hubDir, 'station-config.json');
    writeFileSync(configPath, JSON.stringify({ ...JSON.parse(readFileSync(join(REPO_ROOT, 'kiosk-config', 'examples', 'walk-in-station.json'), 'utf8')), demoMode: true, hub: { url: hubUrl } }));
    running = await startTestWebHost({ configPath });
    browser = await launchChromium();
    // bypassCSP only lets the test inject axe-core; the pages keep their strict CSP.
    admin = await browser.newContext({ viewport: SMALL, bypassCSP: true, acceptDownloads: true });
    kiosk = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, hasTouch: true })).newPage();
    await kiosk.goto(running.host.url);
    await kiosk.locator('[data-screen="attract"]').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    await hub?.close();
    rmSync(hubDir, { recursive: true, force: true });
  });

  it('an administrator signs in by keyboard and issues a code as text and QR; the kiosk enrols by scanning it', async () => {
    adminPage = await keyboardSignIn(admin, hubUrl, 'quan.tri', ADMIN_PASSWORD);
    await adminPage.goto(`${hubUrl}/admin/stations`);
    await adminPage.locator('select[name="ward"]').selectOption('06688');
    await adminPage.locator('input[name="number"]').fill('01');
    await adminPage.locator('input[name="number"]').press('Enter');
    const code = (await adminPage.getByTestId('enrolment-code').textContent()) ?? '';
    expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    const stationId = running.station.config.station.id;
    expect(stationId).toBe('06688-01');
    const payload = formatEnrolQr({ origin: hubUrl, stationId, code });
    // The QR on the page is exactly the QR of that payload.
    const shown = await adminPage.getByTestId('enrolment-qr').locator('svg path[stroke]').getAttribute('d');
    const expected = /<path stroke="#000000" d="([^"]+)"/.exec(await QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }))?.[1];
    expect(shown).toBe(expected);
    // The page with the code (a form's answer, so not in the page list below): layout and axe-core too.
    for (const size of SIZES) {
      await adminPage.setViewportSize(size);
      const problems = await checkLayout(adminPage, { mainButton: null, pageScrolls: true });
      expect(problems.map((problem) => `${size.width}×${size.height} ${problem.kind}: ${problem.detail}`).join('\n')).toBe('');
    }
    await adminPage.setViewportSize(SMALL);
    expect(await axeViolations(adminPage)).toEqual([]);

    await signInVolunteer(kiosk);
    await kiosk.getByTestId('open-sync').click();
    await kiosk.getByTestId('enrol-scan-hint').waitFor();
    await expect.poll(async () => {
      running.station.demoScanner()?.scanText(payload);
      return (await kiosk.getByTestId('enrol-message').textContent({ timeout: 2_000 }).catch(() => '')) ?? '';
    }, { timeout: 20_000 }).toContain('Đã đăng ký');
  });

  it('two learners scan their ID cards and pass a lesson on the kiosk; the dashboard shows them under Phường Hạ Long', async () => {
    await kiosk.getByRole('button', { name: /Quay lại/ }).click();
    await kiosk.getByTestId('volunteer-sign-out').click();
    const lessonId = (await running.station.handlers.listLessons({}))[0]?.id ?? '';
    for (const person of [1, 2]) {
      // The ID card's QR through the station's scanner, consent, then the lesson played to its result by touch.
      await startVisit(kiosk, { scan: () => running.station.demoScanner()?.scanText(fakeIdCardText(person)) });
      await passLesson(kiosk, running.station, lessonId);
      expect(await kiosk.getByTestId('lesson-done').getAttribute('data-passed')).toBe('true');
      await tapTestId(kiosk, 'back-to-list');
      await tapTestId(kiosk, 'finish');
      await kiosk.locator('[data-screen="attract"]').waitFor();
    }
    running.station.sync?.online();
    await expect.poll(() => running.station.sync?.status().waitingEvents, { timeout: 30_000 }).toBe(0);

    // The ward's target population through the form: a bad one is refused in Vietnamese and saves nothing.
    await adminPage.goto(`${hubUrl}/admin/targets`);
    await adminPage.locator('select[name="ward"]').selectOption('06688');
    await adminPage.locator('input[name="population"]').fill('một nghìn');
    await adminPage.locator('input[name="population"]').press('Enter');
    await expect(adminPage.getByRole('alert').textContent()).resolves.toContain('Dân số mục tiêu phải là số nguyên dương');
    expect(await adminPage.locator('input[name="population"]').getAttribute('aria-invalid')).toBe('true');
    await adminPage.locator('input[name="population"]').fill('1.000');
    await adminPage.locator('input[name="population"]').press('Enter');
    await expect(adminPage.getByRole('status').textContent()).resolves.toContain('Phường Hạ Long (06688)');

    await adminPage.goto(`${hubUrl}/dashboard`);
    const row = adminPage.locator('tr', { has: adminPage.locator('th a', { hasText: 'Phường Hạ Long (06688)' }) });
    await expect(row.locator('td').allTextContents()).resolves.toEqual(expect.arrayContaining(['2', '1.000']));
    expect(await adminPage.locator('[data-total="learners"]').textContent()).toBe('2');
    expect(await adminPage.locator('[data-total="lessons"]').textContent()).toBe('2');
    await adminPage.setViewportSize(SMALL);
    await adminPage.screenshot({ path: join(SCREENSHOTS, 'city-dashboard.png'), fullPage: false });
    await adminPage.goto(`${hubUrl}/dashboard?ward=06688`);
    await adminPage.screenshot({ path: join(SCREENSHOTS, 'city-dashboard-ward.png'), fullPage: true });
  });

  it('a ward officer of another ward cannot see them', async () => {
    const officer = await browser.newContext({ viewport: SMALL });
    const page = await keyboardSignIn(officer, hubUrl, 'bai.chay', OFFICER_PASSWORD);
    expect(await page.content()).toContain('Phường Bãi Cháy (06673)');
    expect(await page.content()).not.toContain('Phường Hạ Long (06688)');
    expect(await page.locator('[data-total="learners"]').textContent()).toBe('0');
    const refused = await page.goto(`${hubUrl}/dashboard?ward=06688`);
    expect(refused?.status()).toBe(403);
    expect((await page.request.get(`${hubUrl}/v1/reports/progress?ward=06688`)).status()).toBe(403);
    expect((await page.request.get(`${hubUrl}/reports/monthly.xlsx?ward=06688`)).status()).toBe(403);
    await officer.close();
  });

  it('the monthly XLSX and the printed PDF show the same totals as the dashboard', async () => {
    const xlsx = await adminPage.request.get(`${hubUrl}/reports/monthly.xlsx?ward=06688`);
    expect(xlsx.status()).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
    const rows = book.getWorksheet('Tổng hợp')?.getSheetValues() ?? [];
    const total = rows.find((values) => Array.isArray(values) && values[1] === 'Tổng cộng') as unknown[];
    expect([total[2], total[3], total[4], total[6], total[7]]).toEqual([2, 2, 1000, 2, 2]);

    const print = await admin.newPage();
    await print.goto(`${hubUrl}/reports/monthly?ward=06688`);
    await print.emulateMedia({ media: 'print' });
    const pdfPath = join(hubDir, 'bao-cao.pdf');
    await print.pdf({ path: pdfPath, format: 'A4', printBackground: true });
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain('BÁO CÁO KẾT QUẢ PHỔ CẬP KỸ NĂNG SỐ');
    expect(text).toContain('Phường Hạ Long (06688)');
    expect(text).toMatch(/Tổng cộng\s+2\s+2\s+1\.000\s+0,2\s%\s+2\s+2\s+0\s+0\s*\n/);
    expect(text).toContain('Lượt người');
    expect(text).toContain('NGƯỜI LẬP BIỂU');
    expect(text).toContain('THỦ TRƯỞNG ĐƠN VỊ');
    expect(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' })).toMatch(/Pages:\s+1\b/);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', pdfPath, join(SCREENSHOTS, 'city-monthly-report')]);
    await print.close();
  });

  const PAGES = ['/login', '/dashboard', '/dashboard?ward=06688', '/reports/monthly', '/lessons', '/admin/stations', '/admin/staff', '/admin/staff/bai.chay', '/admin/targets', '/admin/audit'];
  for (const path of PAGES) {
    it(`${path}: axe-core, layout at 1366×768 and 1920×1080, keyboard focus`, async () => {
      const context = path === '/login' ? await browser.newContext({ bypassCSP: true }) : admin;
      const page = await context.newPage();
      try {
        for (const size of SIZES) {
          await page.setViewportSize(size);
          await page.goto(`${hubUrl}${path}`);
          const problems = await checkLayout(page, { mainButton: null, pageScrolls: true });
          expect(problems.map((problem) => `${path} ${size.width}×${size.height} ${problem.kind}: ${problem.detail}`).join('\n')).toBe('');
        }
        expect(await axeViolations(page)).toEqual([]);
        // Keyboard: every Tab stop is visible and shows a focus outline; the first ones are reachable.
        // (The sign-in page has three stops; the others at least six: navigation first.)
        const stops = path === '/login' ? 3 : 6;
        for (let i = 0; i < stops; i++) {
          await page.keyboard.press('Tab');
          const focus = await page.evaluate(() => {
            const el = document.activeElement as HTMLElement | null;
            if (el === null || el === document.body) return null;
            const style = getComputedStyle(el);
            return { tag: el.tagName, outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
          });
          expect(focus, `${path} tab ${i}`).not.toBeNull();
          expect(focus?.outline, `${path} tab ${i} ${focus?.tag}`).toBe(true);
        }
      } finally {
        await page.close();
      }
    });
  }
});
