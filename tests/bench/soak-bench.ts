/**
 * Soak benchmark: 500 simulated visits in the web host — a byte-exact scan, two lesson steps, then the
 * idle privacy reset (the page runs on Playwright's fake clock, so each idle wait takes milliseconds).
 * Prints the page's JS heap and the station process RSS at start and end, after garbage collection,
 * and the page's live event-listener and interval counts, which must not grow with visits.
 */
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { fakeIdCardText } from '../support/fake-persons';
import { startTestWebHost } from '../support/web-host-fixture';

const VISITS = Number(process.env.SOAK_VISITS ?? 500);

/**
 * Counts live listeners on the long-lived targets (window, document) and live intervals in the page,
 * by wrapping the browser APIs. Live registrations, not add/remove tallies: removing a listener that
 * was never added is legal. Plain JavaScript text, so the bundler adds no helpers to it.
 */
const COUNTING_SCRIPT = `(() => {
  const live = [];
  const intervals = new Set();
  window.soakCounts = { listeners: () => live.length, intervals: () => intervals.size };
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  const longLived = (target) => target === window || target === document;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (longLived(this) && !live.some((e) => e.target === this && e.type === type && e.listener === listener)) live.push({ target: this, type, listener });
    return add.call(this, type, listener, options);
  };
  EventTarget.prototype.removeEventListener = function (type, listener, options) {
    const index = live.findIndex((e) => e.target === this && e.type === type && e.listener === listener);
    if (index >= 0) live.splice(index, 1);
    return remove.call(this, type, listener, options);
  };
  const setInt = window.setInterval;
  const clearInt = window.clearInterval;
  window.setInterval = (...args) => { const id = setInt(...args); intervals.add(id); return id; };
  window.clearInterval = (id) => { intervals.delete(id); clearInt(id); };
})();`;
const LEARNERS = 25;

interface Sample {
  readonly heapMb: number;
  readonly rssMb: number;
  readonly listeners: number;
  readonly intervals: number;
}

async function sample(page: Page, cdp: CDPSession): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage');
  globalThis.gc?.();
  const heap = await cdp.send('Runtime.getHeapUsage');
  const counts = await page.evaluate(() => {
    const live = (window as unknown as { soakCounts: { listeners: () => number; intervals: () => number } }).soakCounts;
    return { listeners: live.listeners(), intervals: live.intervals() };
  });
  return { heapMb: heap.usedSize / 1_048_576, rssMb: process.memoryUsage().rss / 1_048_576, listeners: counts.listeners, intervals: counts.intervals };
}

export async function runSoakBench(): Promise<Record<string, number>> {
  const running = await startTestWebHost();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    // The fake clock first, so the counting wrappers wrap its timers.
    await page.clock.install();
    await page.addInitScript({ content: COUNTING_SCRIPT });
    await page.goto(running.host.url);
    await page.locator('[data-screen="attract"]').waitFor();
    const cdp = await page.context().newCDPSession(page);
    const idle = running.station.status().idle;
    const scanner = running.station.demoScanner();
    if (!scanner) throw new Error('no demo scanner');

    const visit = async (i: number) => {
      scanner.scanText(fakeIdCardText(i % LEARNERS));
      const first = page.getByTestId('consent-yes');
      await page.locator('[data-screen="consent"], [data-screen="welcome"]').first().waitFor();
      if (await first.count()) await first.click();
      await page.locator('[data-screen="welcome"]').waitFor();
      // A different lesson on each round of learners, so no learner walks off the end into the quiz.
      await page.locator('[data-lesson]').nth(Math.floor(i / LEARNERS) % 12).click();
      await page.getByTestId('step-next').click();
      await page.getByTestId('step-next').click();
      await page.clock.runFor((idle.warnAfterSeconds + idle.countdownSeconds + 2) * 1000);
      await page.locator('[data-screen="attract"]').waitFor();
    };
    for (let i = 0; i < LEARNERS; i++) await visit(i); // warm-up: every learner registered once
    const start = await sample(page, cdp);
    for (let i = 0; i < VISITS; i++) {
      await visit(i).catch(async (error: unknown) => {
        const screen = await page.locator('[data-screen]').first().getAttribute('data-screen');
        throw new Error(`visit ${i} failed on screen ${screen}: ${(error as Error).message.split('\n')[0]}`);
      });
      if ((i + 1) % 100 === 0) process.stdout.write(`… ${i + 1} visits\n`);
    }
    const end = await sample(page, cdp);
    const checkouts = (running.station.db!.prepare("SELECT COUNT(*) AS n FROM events WHERE kind = 'attendance.checkout' AND payload LIKE '%\"idle\"%'").get() as { n: number }).n;
    process.stdout.write(`start ${JSON.stringify(start)}\nend   ${JSON.stringify(end)}\nidle checkouts recorded: ${checkouts}\n`);
    if (checkouts < VISITS) throw new Error(`only ${checkouts} idle resets were recorded for ${VISITS} visits`);
    return {
      visits: VISITS,
      heap_growth_mb: Number((end.heapMb - start.heapMb).toFixed(2)),
      rss_growth_mb: Number((end.rssMb - start.rssMb).toFixed(2)),
      listener_growth: end.listeners - start.listeners,
      interval_growth: end.intervals - start.intervals,
    };
  } finally {
    await browser.close();
    await running.stop();
  }
}
