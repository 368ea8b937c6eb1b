import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { KIOSK_SCREENS } from '../support/kiosk-screens';
import { MONITOR_SIZES, ScreenDriver } from '../support/screen-driver';

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

/**
 * Every row of the screen table (the kiosk's screens, the volunteer's screens, maintenance and the idle
 * warning), reached by touch at the smallest monitor size, where the base text size is smallest.
 */
describe('accessibility of every screen, by touch alone', () => {
  let browser: Browser;
  let driver: ScreenDriver;

  beforeAll(async () => {
    browser = await launchChromium();
    // bypassCSP only lets the test inject axe-core; the app itself keeps its strict CSP.
    driver = new ScreenDriver(browser, { bypassCSP: true });
  });

  afterAll(async () => {
    await driver?.close();
    await browser?.close();
  });

  for (const screen of KIOSK_SCREENS) {
    it(screen.name, async () => {
      const page = await driver.show(screen, MONITOR_SIZES[0], { reachAtSize: screen.reachAtEachSize === true });
      const result = await audit(page);
      expect({ screen: screen.name, ...result }).toEqual({ screen: screen.name, violations: [], smallButtons: [], smallText: [] });
    });
  }
});
