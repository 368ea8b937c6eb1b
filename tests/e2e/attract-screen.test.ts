import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { REPO_ROOT, startTestWebHost, type RunningWebHost } from '../support/web-host-fixture';

const SCREENSHOTS = join(REPO_ROOT, 'docs', 'screenshots');

describe('attract screen in Chromium through the web host', () => {
  let running: RunningWebHost;
  let browser: Browser;

  beforeAll(async () => {
    running = await startTestWebHost();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  it('greets in Vietnamese with the station name and a sync status that came from the station', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(running.host.url);
    await page.locator('[data-screen="attract"]').waitFor();
    await expect(page.locator('h1 .vi').textContent()).resolves.toBe('Chào mừng đến Trạm Học Số');
    await expect(page.locator('h2 .vi').textContent()).resolves.toBe('Hãy quét mã QR trên thẻ căn cước');
    await expect(page.locator('.station-name').textContent()).resolves.toBe(running.station.config.station.name);
    // The boot event is one record the city has not received: the number comes from the database.
    await expect(page.getByTestId('sync-status').textContent()).resolves.toContain('1 bản ghi chờ gửi');
    await expect(page.getByTestId('demo-badge').isVisible()).resolves.toBe(true);
    const fontFamily = await page.locator('h1').evaluate((element) => getComputedStyle(element).fontFamily);
    expect(fontFamily).toContain('Be Vietnam Pro');
    const fontLoaded = await page.evaluate(async () => {
      await document.fonts.ready;
      return document.fonts.check('700 24px "Be Vietnam Pro"', 'Chào mừng');
    });
    expect(fontLoaded).toBe(true);
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(join(SCREENSHOTS, 'attract.png'), await page.screenshot());
    await page.close();
  });

  it('round-trips a command through the WebSocket bridge and refuses bad ones with typed errors', async () => {
    const page = await browser.newPage();
    await page.goto(running.host.url);
    await page.locator('[data-screen="attract"]').waitFor();
    const results = await page.evaluate(async () => {
      const token = sessionStorage.getItem('tram-bridge-token');
      const ws = new WebSocket(`ws://${location.host}/bridge?token=${token}`);
      await new Promise((resolve) => (ws.onopen = resolve));
      const ask = (frame: unknown) =>
        new Promise<unknown>((resolve) => {
          ws.onmessage = (message) => resolve(JSON.parse(String(message.data)));
          ws.send(JSON.stringify(frame));
        });
      return [
        await ask({ id: 1, command: 'echo', input: { text: 'xin chào' } }),
        await ask({ id: 2, command: 'dropTables', input: {} }),
        await ask({ id: 3, command: 'echo', input: { text: 42 } }),
      ];
    });
    expect(results[0]).toMatchObject({ type: 'result', id: 1, result: { ok: true, value: { text: 'xin chào' } } });
    expect(results[1]).toMatchObject({ id: 2, result: { ok: false, error: { code: 'unknown_command' } } });
    expect(results[2]).toMatchObject({ id: 3, result: { ok: false, error: { code: 'bad_request' } } });
    await page.close();
  });
});
