/**
 * UI benchmark in the system Chromium: renderer JavaScript size gzipped (fonts, lesson media and the
 * bundled voice excluded; the voice's size is reported on its own), time from navigation to the
 * attract screen painted, the p95 of a lesson step transition (tap "next" → the next step rendered
 * and painted), the p95 from a step shown to its pack audio playing, and the size of the pack audio
 * of the installed lessons.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sha256Hex } from '../../electron/station/crypto/node-hash';
import { loadLessonNarration } from '../../electron/station/lessons/load-narration';
import { loadLessons } from '../../electron/station/lessons/load-lessons';
import { launchChromium } from '../support/browser';
import { showLesson } from '../support/kiosk-screen-steps';
import { REPO_ROOT, startTestWebHost } from '../support/web-host-fixture';
import { percentile } from './support/stats';

function jsGzipKb(): number {
  const assets = join(REPO_ROOT, 'dist', 'renderer', 'assets');
  const bytes = readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .reduce((sum, name) => sum + gzipSync(readFileSync(join(assets, name)), { level: 9 }).length, 0);
  return Math.round((bytes / 1024) * 10) / 10;
}


/** The bundled voice (dist/renderer/voice): engine script and Vietnamese data, raw and gzipped, in KB. */
function voiceKb(): { raw: number; gzip: number } {
  const dir = join(REPO_ROOT, 'dist', 'renderer', 'voice');
  const files = ['espeak-ng.js', 'espeak-ng.data'].map((name) => join(dir, name));
  const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
  return { raw: kb(files.reduce((sum, file) => sum + statSync(file).size, 0)), gzip: kb(files.reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0)) };
}

/** Pack audio of the shipped lessons that the player can use: MB and minutes. */
function packAudio(): { mb: number; minutes: number; lessons: number } {
  const dir = join(REPO_ROOT, 'lessons');
  const narrations = loadLessons(dir).lessons.map((lesson) => loadLessonNarration(dir, lesson, sha256Hex).usable);
  return {
    mb: Math.round((narrations.reduce((sum, each) => sum + each.bytes, 0) / 1_000_000) * 100) / 100,
    minutes: Math.round(narrations.reduce((sum, each) => sum + each.ms, 0) / 6000) / 10,
    lessons: narrations.length,
  };
}

export async function runUiBench(): Promise<Record<string, number>> {
  const running = await startTestWebHost();
  // As the kiosk's Electron window: narration starts by itself (electron/main/secure-window.ts).
  const browser = await launchChromium(['--autoplay-policy=no-user-gesture-required']);
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

    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, hasTouch: true });
    await page.goto(running.host.url);
    await page.locator('[data-demo-card="an-1958"]').click();
    await page.getByTestId('consent-yes').click();
    const transitions: number[] = [];
    const toAudio: number[] = [];
    for (const lesson of running.station.lessons?.list() ?? []) {
      // The list shows one track at a time: switch to a track that has the lesson (issue #19 item 5).
      await showLesson(page, running.station, lesson.id);
      await page.locator(`[data-lesson="${lesson.id}"]`).click();
      await page.locator('.step[data-step="0"]').waitFor();
      const timings = await page.evaluate(async (count) => {
        const out: Array<{ step: number; audio: number | null }> = [];
        for (let step = 0; step < count - 1; step++) {
          // No named function in here: the page has no __name helper for the bundler's keepNames.
          const seen: { at: number | null } = { at: null };
          const listening = new AbortController();
          // Caught on the way down (media events do not bubble): a practice step and an info step are
          // different components, each with its own <audio>, so the element changes between steps.
          document.addEventListener(
            'playing',
            (event) => {
              if ((event.target as Element).matches('[data-testid="narration-audio"]')) seen.at ??= performance.now();
            },
            { capture: true, signal: listening.signal },
          );
          const start = performance.now();
          (document.querySelector('[data-testid="step-next"]') as HTMLButtonElement).click();
          while (!document.querySelector(`.step[data-step="${step + 1}"]`)) await new Promise((resolve) => setTimeout(resolve, 0));
          await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
          const shown = performance.now();
          // Step shown → its pack audio playing (a step without pack audio would never count: none here).
          const deadline = shown + 3000;
          while (seen.at === null && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
          listening.abort();
          out.push({ step: shown - start, audio: seen.at === null ? null : Math.max(0, seen.at - shown) });
        }
        return out;
      }, lesson.stepCount);
      transitions.push(...timings.map((timing) => timing.step));
      for (const timing of timings) {
        if (timing.audio === null) throw new Error(`${lesson.id}: a step's pack audio did not start within 3 s`);
        toAudio.push(timing.audio);
      }
      await page.getByTestId('finish').click();
      await page.locator('[data-demo-card="an-1958"]').click();
      await page.locator('[data-screen="welcome"]').waitFor();
    }
    transitions.sort((a, b) => a - b);
    toAudio.sort((a, b) => a - b);
    const voice = voiceKb();
    const audio = packAudio();
    process.stdout.write(`attract paint runs (ms): ${paints.map((p) => p.toFixed(0)).join(', ')}; ${transitions.length} step transitions; step → audio p50 ${percentile(toAudio, 50).toFixed(1)} ms, max ${(toAudio.at(-1) ?? 0).toFixed(1)} ms\n`);
    process.stdout.write(`pack audio: ${audio.mb} MB, ${audio.minutes} min for ${audio.lessons} lessons; bundled voice ${voice.raw} KB (${voice.gzip} KB gzip), loaded only when needed\n`);
    return {
      js_gzip_kb: jsGzipKb(),
      attract_paint_ms: Math.round(percentile(paints, 50)),
      step_p95_ms: Number(percentile(transitions, 95).toFixed(1)),
      step_to_audio_p95_ms: Number(percentile(toAudio, 95).toFixed(1)),
      voice_kb: voice.raw,
      voice_gzip_kb: voice.gzip,
      pack_audio_mb: audio.mb,
      pack_audio_min: audio.minutes,
    };
  } finally {
    await browser.close();
    await running.stop();
  }
}
