/**
 * Issue #19, item 4: every screen fits the monitors commune halls have. For each row of the screen
 * table and each monitor size: no text outside the window or cut off, no text on top of other text,
 * and the main button fully visible without scrolling (the checker is tested in layout-check.test.ts).
 *
 * Screenshots: the rows listed in DOC_SCREENSHOTS go to docs/screenshots on every run; with
 * FIT_SCREENSHOTS=<dir> every row at every size is saved there for review.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { KIOSK_SCREENS } from '../support/kiosk-screens';
import { checkLayout } from '../support/layout-check';
import { MONITOR_SIZES, ScreenDriver, sizeName } from '../support/screen-driver';
import { REPO_ROOT } from '../support/web-host-fixture';

/** Row name → size → file in docs/screenshots (referenced from the README). */
const DOC_SCREENSHOTS: Record<string, Partial<Record<string, string>>> = {
  'attract, demo mode': { '1024×768': 'fit-attract-demo-1024x768.png' },
  'attract, configured station': { '1920×1080': 'fit-attract-1920x1080.png' },
  'lesson step, longest text': { '1024×768': 'fit-lesson-step-1024x768.png', '1920×1080': 'fit-lesson-step-1920x1080.png' },
  'quiz feedback, longest question': { '1024×768': 'fit-quiz-feedback-1024x768.png' },
  'group roster on a projector (25 scans, 20 people)': { '1024×768': 'fit-group-roster-1024x768.png' },
  'learner rights, a record found': { '1024×768': 'fit-rights-1024x768.png' },
};
for (const name of Object.keys(DOC_SCREENSHOTS)) {
  if (!KIOSK_SCREENS.some((screen) => screen.name === name)) throw new Error(`DOC_SCREENSHOTS names no row of the screen table: ${name}`);
}
const REVIEW_DIR = process.env.FIT_SCREENSHOTS;

describe('every screen fits 1024×768, 1280×1024, 1366×768 and 1920×1080', () => {
  let browser: Browser;
  let driver: ScreenDriver;

  beforeAll(async () => {
    browser = await launchChromium();
    driver = new ScreenDriver(browser);
    if (REVIEW_DIR) mkdirSync(REVIEW_DIR, { recursive: true });
  });

  afterAll(async () => {
    await driver?.close();
    await browser?.close();
  });

  for (const screen of KIOSK_SCREENS) {
    describe(screen.name, () => {
      let page: Page;
      beforeAll(async () => {
        if (!screen.reachAtEachSize) page = await driver.show(screen);
      });

      for (const size of MONITOR_SIZES) {
        it(sizeName(size), async () => {
          if (screen.reachAtEachSize) page = await driver.show(screen, size, { reachAtSize: true });
          else await page.setViewportSize(size);
          const problems = await checkLayout(page, { mainButton: screen.mainButton });
          const docFile = DOC_SCREENSHOTS[screen.name]?.[sizeName(size)];
          if (docFile) await page.screenshot({ path: join(REPO_ROOT, 'docs', 'screenshots', docFile) });
          if (REVIEW_DIR) await page.screenshot({ path: join(REVIEW_DIR, `${screen.name.replace(/[^\p{L}\d]+/gu, '-')}-${size.width}x${size.height}.png`) });
          expect(problems).toEqual([]);
        });
      }
    });
  }
});
