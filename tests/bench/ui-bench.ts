/**
 * UI benchmark in the system Chromium: renderer JavaScript size gzipped (fonts and lesson media
 * excluded), time from navigation to the attract screen painted, and the p95 of a lesson step
 * transition (tap "next" → the next step rendered and painted).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../support/browser';
import { REPO_ROOT, startTestWebHost } from '../support/web-host-fixture';
import { percentile } from './support/stats';

function jsGzipKb(): number {
  const assets = join(REPO_ROOT, 'dist', 'renderer', 'assets');
  const bytes = readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .reduce((sum, name) => sum + gzipSync(readFileSync(join(assets, name)), { level: 9 }).length, 0);
  return Math.round((bytes / 1024) * 10) / 10;
}


export async function runUiBench(): Promise<Record<string, number>> {
  const running = await startTestWebHost();
  const browser = await launchChromium();
  try {
    const paints: number[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await page.addInitScript(() => {
        const observer = new MutationObserver(() => {
          if (document.querySelector('[data-screen="attract"]')) {
            observer.disconnect();
            // The frame after the DOM change is the one that paints it.
            requestAnimationFrame(() => ((window as unknown as { attractPaintMs: number }).attractPaintMs = performance.now()));
          }
        });
        observer.observe(document, { childList: true, subtree: true });
      });
      await page.goto(running.host.url);
      await page.waitForFunction(() => (window as unknown as { attractPaintMs?: number }).attractPaintMs !== undefined);
      paints.push(await page.evaluate(() => (window as unknown as { attractPaintMs: number }).attractPaintMs));
      await page.close();
    }
    paints.sort((a, b) => a - b);

    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(running.host.url);
    await page.locator('[data-demo-card="an-1958"]').click();
    await page.getByTestId('consent-yes').click();
    const transitions: number[] = [];
    for (const lesson of running.station.lessons?.list() ?? []) {
      await page.locator(`[data-lesson="${lesson.id}"]`).click();
      await page.locator('.step[data-step="0"]').waitFor();
      const timings = await page.evaluate(async (count) => {
        const out: number[] = [];
        for (let step = 0; step < count - 1; step++) {
          const start = performance.now();
          (document.querySelector('[data-testid="step-next"]') as HTMLButtonElement).click();
          while (!document.querySelector(`.step[data-step="${step + 1}"]`)) await new Promise((resolve) => setTimeout(resolve, 0));
          await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
          out.push(performance.now() - start);
        }
        return out;
      }, lesson.stepCount);
      transitions.push(...timings);
      await page.getByTestId('finish').click();
      await page.locator('[data-demo-card="an-1958"]').click();
      await page.locator('[data-screen="welcome"]').waitFor();
    }
    transitions.sort((a, b) => a - b);
    process.stdout.write(`attract paint runs (ms): ${paints.map((p) => p.toFixed(0)).join(', ')}; ${transitions.length} step transitions\n`);
    return {
      js_gzip_kb: jsGzipKb(),
      attract_paint_ms: Math.round(percentile(paints, 50)),
      step_p95_ms: Number(percentile(transitions, 95).toFixed(1)),
    };
  } finally {
    await browser.close();
    await running.stop();
  }
}
