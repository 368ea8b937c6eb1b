import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { startTestWebHost, type RunningWebHost } from '../support/web-host-fixture';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** 15 mm at 96 dpi. */
const MIN_BUTTON_PX = (15 / 25.4) * 96;

interface Audit {
  readonly violations: string[];
  readonly smallButtons: string[];
  readonly smallText: string[];
}

/** axe-core (WCAG A/AA plus the 7:1 enhanced contrast rule) and the kiosk's own size rules. */
async function audit(page: Page): Promise<Audit> {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (minButton) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag2aaa'] } });
    const violations = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
    const smallButtons = [...document.querySelectorAll('button')]
      .filter((button) => button.getBoundingClientRect().height + 0.5 < minButton)
      .map((button) => `${button.textContent?.trim().slice(0, 40)}: ${button.getBoundingClientRect().height.toFixed(1)}px`);
    // Vietnamese is the body text; the English line under it is the deliberately smaller second language.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const smallText: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || !node.textContent?.trim() || element.closest('.en, [lang="en"], svg, code')) continue;
      const size = parseFloat(getComputedStyle(element).fontSize);
      if (size < 24) smallText.push(`${node.textContent.trim().slice(0, 30)}: ${size}px`);
    }
    return { violations, smallButtons, smallText };
  }, MIN_BUTTON_PX);
}

describe('accessibility of every screen, by touch alone', () => {
  let running: RunningWebHost;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    running = await startTestWebHost();
    browser = await launchChromium();
    // bypassCSP only lets the test inject axe-core; the app itself keeps its strict CSP.
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, hasTouch: true, isMobile: false, bypassCSP: true });
    page = await context.newPage();
    await page.goto(running.host.url);
  });

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  const expectClean = async (screen: string) => {
    await page.locator(`[data-screen="${screen}"]`).first().waitFor();
    const result = await audit(page);
    expect({ screen, ...result }).toEqual({ screen, violations: [], smallButtons: [], smallText: [] });
  };

  it('attract', async () => expectClean('attract'));

  it('consent (tapped from a demo card)', async () => {
    await page.locator('[data-demo-card="binh-1962"]').tap();
    await expectClean('consent');
  });

  it('welcome and lesson list', async () => {
    await page.getByTestId('consent-yes').tap();
    await expectClean('welcome');
  });

  it('lesson step', async () => {
    await page.locator('[data-lesson="thanh-toan-vietqr"]').tap();
    await page.locator('.step[data-step="0"]').waitFor();
    await expectClean('lesson');
  });

  it('quiz with feedback', async () => {
    const view = await running.station.handlers.getLesson({ id: 'thanh-toan-vietqr' });
    for (let i = 0; i < view.steps.length; i++) await page.getByTestId('step-next').tap();
    await page.locator('[data-choice="0"]').tap();
    await page.getByTestId('feedback').waitFor();
    await expectClean('lesson');
    for (const [index, question] of view.questions.entries()) {
      await page.locator(`.quiz[data-question="${index}"] [data-choice="${question.answer}"]`).tap();
      await page.getByTestId('quiz-next').tap();
    }
  });

  it('lesson result and certificate', async () => {
    await page.getByTestId('lesson-done').waitFor();
    await expectClean('lesson');
    await page.getByTestId('open-certificate').tap();
    await expectClean('certificate');
  });

  it('rejected card notice', async () => {
    await page.getByTestId('close-certificate').tap();
    await page.getByTestId('finish').tap();
    await page.locator('[data-demo-card="payment-qr"]').tap();
    await expectClean('rejected');
  });

  it('lesson step with the safe advice in place of an unconfirmed phone number', async () => {
    await page.getByTestId('notice-done').tap();
    await page.locator('[data-demo-card="binh-1962"]').tap();
    await page.locator('[data-lesson="cuoc-goi-gia-danh-cong-an"]').tap();
    for (let i = 0; i < 6; i++) await page.getByTestId('step-next').tap();
    await page.getByTestId('safe-advice').waitFor();
    await expectClean('lesson');
  });
});
