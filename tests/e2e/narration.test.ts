import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIO_SKIPPED } from '../../electron/station/lessons/load-narration';
import { narrationStrings } from '../../renderer/i18n/narration-strings';
import { openKioskPage, type KioskPage } from '../support/kiosk-page';
import { REPO_ROOT } from '../support/web-host-fixture';

/** A lesson whose rendered narration is committed, and whose first step has three sentences. */
const GOOD = 'vneid-kich-hoat-muc-2';
/** A copy whose step 2 audio is damaged on disk before the station starts (its CRC fails). */
const DAMAGED = 'mat-khau-otp';
/** A copy whose step 2 audio passes the station's check at start, then is overwritten (Chromium cannot decode it). */
const LATE = 'zalo-an-toan';

const audio = (page: Page) => page.getByTestId('narration-audio');
const narration = (page: Page) => page.locator('.step .narration');

/** Opens a lesson; it resumes at the step this learner reached before. */
async function openLesson(page: Page, id: string): Promise<void> {
  await page.locator(`[data-lesson="${id}"]`).click();
  await page.locator('.step').waitFor();
}

async function backToList(page: Page): Promise<void> {
  await page.getByTestId('finish').click();
  await page.locator('[data-demo-card="an-1958"]').click();
  await page.locator('[data-screen="welcome"]').waitFor();
}

describe('lesson narration in Chromium', () => {
  let lessonsDir: string;
  let kiosk: KioskPage;
  let page: Page;

  beforeAll(async () => {
    lessonsDir = mkdtempSync(join(tmpdir(), 'tram-narration-'));
    for (const id of [GOOD, DAMAGED, LATE]) cpSync(join(REPO_ROOT, 'lessons', id), join(lessonsDir, id), { recursive: true });
    const damaged = join(lessonsDir, DAMAGED, 'narration', 's2.opus');
    const bytes = readFileSync(damaged);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
    writeFileSync(damaged, bytes);
    // The kiosk's Electron window allows autoplay without a tap (electron/main/secure-window.ts); so does this browser.
    kiosk = await openKioskPage({ lessonsDir, chromiumArgs: ['--autoplay-policy=no-user-gesture-required'] });
    ({ page } = kiosk);
    // Damaged after the station checked it: only the page can find out.
    writeFileSync(join(lessonsDir, LATE, 'narration', 's2.opus'), Buffer.concat([readFileSync(join(lessonsDir, LATE, 'narration', 's2.opus')).subarray(0, 200), Buffer.alloc(4000, 0x55)]));
    await page.locator('[data-demo-card="an-1958"]').click();
    await page.getByTestId('consent-yes').click();
    await page.locator('[data-screen="welcome"]').waitFor();
  });

  afterAll(async () => {
    await kiosk?.close();
    rmSync(lessonsDir, { recursive: true, force: true });
  });

  it('starts the step’s pack audio by itself and highlights the sentence being read as it moves on', async () => {
    await openLesson(page, GOOD);
    // The first sound of the page starts the media pipeline: allow a loaded machine some time.
    await expect.poll(() => narration(page).getAttribute('data-narration-status'), { timeout: 10_000 }).toBe('playing');
    await expect(narration(page).getAttribute('data-narration-voice')).resolves.toBe('pack');
    await expect(audio(page).evaluate((el: HTMLAudioElement) => el.src)).resolves.toMatch(new RegExp(`/lessons/${GOOD}/narration/s1\\.opus$`));
    await expect.poll(() => audio(page).evaluate((el: HTMLAudioElement) => el.currentTime)).toBeGreaterThan(0);
    await expect(page.locator('.step-words .sentence').count()).resolves.toBe(3);
    await expect.poll(() => page.locator('.sentence.speaking').getAttribute('data-sentence')).toBe('0');
    // Sentence 2 starts at about 3 s (narration.json); the highlight follows the audio there.
    await expect.poll(() => page.locator('.sentence.speaking').getAttribute('data-sentence'), { timeout: 8000 }).toBe('1');
    await expect(page.locator('.sentence.speaking').count()).resolves.toBe(1);
  });

  it('reads at 0.8× after a tap on “Đọc chậm”, and keeps that speed on the next step', async () => {
    await expect(audio(page).evaluate((el: HTMLAudioElement) => el.playbackRate)).resolves.toBe(1);
    await page.getByTestId('read-slower').click();
    await expect(page.getByTestId('read-slower').getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(audio(page).evaluate((el: HTMLAudioElement) => el.playbackRate)).resolves.toBeCloseTo(0.8);
    await page.getByTestId('step-next').click();
    await page.locator('.step[data-step="1"]').waitFor();
    await expect.poll(() => audio(page).evaluate((el: HTMLAudioElement) => el.src)).toMatch(/narration\/s2\.opus$/);
    await expect.poll(() => narration(page).getAttribute('data-narration-status'), { timeout: 10_000 }).toBe('playing');
    await expect(audio(page).evaluate((el: HTMLAudioElement) => el.playbackRate)).resolves.toBeCloseTo(0.8);
    await page.getByTestId('read-slower').click();
    await expect(audio(page).evaluate((el: HTMLAudioElement) => el.playbackRate)).resolves.toBe(1);
    await backToList(page);
  });

  it('reads a question, highlighting each choice as it is read, then the explanation of the right answer instead', async () => {
    await openLesson(page, GOOD);
    // Resumed at the step reached in the tests above: go on to the quiz from there.
    const [, at, count] = /(\d+)\/(\d+)/.exec((await page.locator('.step-counter').textContent()) ?? '') ?? [];
    for (let step = Number(at); step <= Number(count); step++) await page.getByTestId('step-next').click();
    await page.locator('.quiz[data-question="0"]').waitFor();
    await expect.poll(() => page.locator('.quiz .narration').getAttribute('data-narration-voice'), { timeout: 10_000 }).toBe('pack');
    await expect(audio(page).evaluate((el: HTMLAudioElement) => el.src)).resolves.toMatch(/narration\/q1\.opus$/);
    // The prompt is read first, then the choices: the first choice button lights up in turn.
    await expect.poll(() => page.locator('.choice-option.speaking').getAttribute('data-choice'), { timeout: 20_000 }).toBe('0');
    const view = await kiosk.running.station.handlers.getLesson({ id: GOOD });
    await page.locator(`[data-choice="${view.questions[0]?.answer}"]`).click();
    await expect.poll(() => page.getByTestId('explanation-audio').evaluate((el: HTMLAudioElement) => (el.paused ? '' : el.src)), { timeout: 10_000 }).toMatch(/narration\/q1-explanation\.opus$/);
    await expect(audio(page).evaluate((el: HTMLAudioElement) => el.paused)).resolves.toBe(true);
    await backToList(page);
  });

  it('skips a damaged file with a visible note and reads the step with the bundled voice', async () => {
    await openLesson(page, DAMAGED);
    await page.getByTestId('step-next').click();
    await page.locator('.step[data-step="1"]').waitFor();
    await expect(page.getByTestId('narration-note').textContent()).resolves.toContain(AUDIO_SKIPPED.vi);
    // No system voice on this machine: eSpeak NG in its worker reads it, through the same player.
    await expect.poll(() => narration(page).getAttribute('data-narration-voice'), { timeout: 20_000 }).toBe('bundled');
    await expect(narration(page).getAttribute('data-narration-status')).resolves.toBe('playing');
    await expect(audio(page).evaluate((el: HTMLAudioElement) => el.src)).resolves.toMatch(/^blob:/);
    await expect.poll(() => audio(page).evaluate((el: HTMLAudioElement) => el.currentTime)).toBeGreaterThan(0);
    // The next step's good file plays again, and the note is gone.
    await page.getByTestId('step-next').click();
    await expect.poll(() => narration(page).getAttribute('data-narration-voice'), { timeout: 10_000 }).toBe('pack');
    await expect(page.getByTestId('narration-note').count()).resolves.toBe(0);
    await backToList(page);
  });

  it('falls back with a visible note when Chromium cannot decode a file that was damaged after the station started', async () => {
    await openLesson(page, LATE);
    await page.getByTestId('step-next').click();
    await page.locator('.step[data-step="1"]').waitFor();
    await expect.poll(() => page.getByTestId('narration-note').textContent(), { timeout: 20_000 }).toContain(narrationStrings.packFailed.vi);
    await expect.poll(() => narration(page).getAttribute('data-narration-voice'), { timeout: 20_000 }).toBe('bundled');
    await expect(narration(page).getAttribute('data-narration-status')).resolves.toBe('playing');
  });
});
