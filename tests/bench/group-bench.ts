/**
 * Group benchmark: consecutive scans during a group session in the web host, each injected as
 * byte-exact HID-POS reports, the next one as soon as the roster on the screen shows the previous.
 * Reports the sustained check-ins per minute and the p95 from injection to the roster updated.
 */
import { launchChromium } from '../support/browser';
import { fakeIdCardText } from '../support/fake-persons';
import { startTestWebHost } from '../support/web-host-fixture';
import { percentile } from './support/stats';
import { signInVolunteer } from '../support/kiosk-page';

const SCANS = 120;


export async function runGroupBench(): Promise<Record<string, number>> {
  const running = await startTestWebHost();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(running.host.url);
    await signInVolunteer(page);
    await page.getByTestId('open-group').click();
    await page.getByTestId('group-consent').check();
    await page.getByTestId('group-start').click();
    await page.getByTestId('roster-count').waitFor();
    const scanner = running.station.demoScanner();
    if (!scanner) throw new Error('no demo scanner');
    const latencies: number[] = [];
    const started = performance.now();
    for (let i = 0; i < SCANS; i++) {
      await page.evaluate((expected) => {
        const w = window as unknown as { rosterAt: number | null };
        w.rosterAt = null;
        const observer = new MutationObserver(() => {
          if (document.querySelector('[data-testid="roster-count"]')?.textContent === expected) {
            w.rosterAt = performance.timeOrigin + performance.now();
            observer.disconnect();
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      }, String(i + 1));
      const injectedAt = performance.timeOrigin + performance.now();
      scanner.scanText(fakeIdCardText(1000 + i));
      await page.waitForFunction(() => (window as unknown as { rosterAt: number | null }).rosterAt !== null);
      latencies.push((await page.evaluate(() => (window as unknown as { rosterAt: number }).rosterAt)) - injectedAt);
    }
    const minutes = (performance.now() - started) / 60_000;
    latencies.sort((a, b) => a - b);
    await page.getByTestId('group-end').click();
    return { scans_per_min: Math.round(SCANS / minutes), roster_p95_ms: Number(percentile(latencies, 95).toFixed(1)) };
  } finally {
    await browser.close();
    await running.stop();
  }
}
