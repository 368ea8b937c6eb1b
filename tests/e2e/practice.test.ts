/**
 * Issue #19 item 2 in Chromium, by touch alone: one practice of each kind on the simulated phone —
 * tap the tell-tale parts of a message, check before paying, put steps in order, fill a public-service
 * form — each first wrong (kind feedback, then a retry or a fix), then right. The station records one
 * `practice.attempted` per check, with nothing typed and nothing personal in it, and a lesson whose
 * quiz was passed earlier is passed by its practice.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLessons } from '../../electron/station/lessons/load-lessons';
import { launchChromium } from '../support/browser';
import { openPractice, startVisit, tap, tapTestId } from '../support/kiosk-screen-steps';
import { REPO_ROOT, startTestWebHost, type RunningWebHost } from '../support/web-host-fixture';

const PACKS = loadLessons(join(REPO_ROOT, 'lessons')).lessons;
const practiceOf = (lessonId: string) => PACKS.find((lesson) => lesson.id === lessonId)!.steps.find((step) => step.type === 'practice')!;
const SCREENSHOTS = join(REPO_ROOT, 'docs', 'screenshots');

describe('practice steps by touch in Chromium', () => {
  let running: RunningWebHost;
  let browser: Browser;
  let page: Page;

  const attempts = () =>
    (running.station.db!.prepare("SELECT payload FROM events WHERE kind = 'practice.attempted' ORDER BY seq").all() as { payload: string }[]).map((row) => JSON.parse(row.payload) as Record<string, unknown>);
  const feedback = () => page.getByTestId('practice-feedback');
  const expectCorrect = async (value: boolean) => expect.poll(() => feedback().getAttribute('data-correct')).toBe(String(value));
  /** Each test starts on the lesson list: "Kết thúc", then the same learner scans again. */
  const fromTheList = async () => {
    if ((await page.locator('[data-screen="welcome"]').count()) > 0) return;
    await tapTestId(page, 'finish');
    await startVisit(page);
  };

  beforeAll(async () => {
    running = await startTestWebHost({});
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true })).newPage();
    await page.goto(running.host.url);
    await startVisit(page);
  });

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  it('spot: taps an ordinary part, gets kind feedback, retries and finds every tell-tale part', async () => {
    const step = practiceOf('tin-nhan-nhan-qua-shipper-gia');
    if (step.kind !== 'spot') throw new Error('expected a spot practice');
    await openPractice(page, running.station, 'tin-nhan-nhan-qua-shipper-gia');
    await expect(page.getByTestId('practice-check').isDisabled()).resolves.toBe(true);
    // Read aloud like any step: "Nghe lại" plays the step's own rendered narration (instruction, then the message).
    await tapTestId(page, 'read-aloud');
    await expect.poll(() => page.getByTestId('narration-audio').evaluate((el: HTMLAudioElement) => el.src), { timeout: 10_000 }).toMatch(/\/lessons\/tin-nhan-nhan-qua-shipper-gia\/narration\/p1\.opus$/);
    await expect.poll(() => page.locator('.practice-step .narration').getAttribute('data-narration-voice'), { timeout: 10_000 }).toBe('pack');
    await expect(page.locator('.spot-part .sentence').count()).resolves.toBe(step.body.length + 1);
    await tap(page, '[data-part="chuc"]');
    await expect(page.locator('[data-part="chuc"]').getAttribute('aria-pressed')).resolves.toBe('true');
    await tapTestId(page, 'practice-check');
    await expectCorrect(false);
    await expect(feedback().innerText()).resolves.toContain('Chưa đúng hết');
    await expect(page.locator('[data-part="chuc"]').getAttribute('data-state')).resolves.toBe('ordinary');
    await expect(page.getByTestId('step-next').innerText()).resolves.toContain('Để sau');
    await tapTestId(page, 'practice-retry');
    for (const target of step.targets) await tap(page, `[data-part="${target}"]`);
    await tapTestId(page, 'practice-check');
    await expectCorrect(true);
    await expect(page.getByTestId('step-next').innerText()).resolves.toContain('Tiếp theo');
    await page.screenshot({ path: join(SCREENSHOTS, 'practice-spot.png') });
  });

  it('pay-check: compares the screen with the shop’s sign, pays or cancels each payment', async () => {
    await fromTheList();
    await openPractice(page, running.station, 'thanh-toan-vietqr');
    await page.getByTestId('shop-sign').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'practice-pay-check.png') });
    for (const choice of ['cancel', 'cancel', 'cancel']) await tap(page, `[data-pay="${choice}"]`);
    await tapTestId(page, 'practice-check');
    await expectCorrect(false);
    await expect(page.locator('[data-case-result]').evaluateAll((items) => items.map((item) => item.getAttribute('data-case-result')))).resolves.toEqual(['false', 'true', 'true']);
    await tapTestId(page, 'practice-retry');
    for (const choice of ['pay', 'cancel', 'cancel']) await tap(page, `[data-pay="${choice}"]`);
    await tapTestId(page, 'practice-check');
    await expectCorrect(true);
  });

  it('order: puts the activation steps in order by tapping, with "Bỏ số cuối" to take one back', async () => {
    const step = practiceOf('vneid-kich-hoat-muc-2');
    if (step.kind !== 'order') throw new Error('expected an order practice');
    await fromTheList();
    await openPractice(page, running.station, 'vneid-kich-hoat-muc-2');
    const [first, second, ...rest] = step.answer;
    await tap(page, `[data-item="${second}"]`);
    await expect(page.locator(`[data-item="${second}"]`).getAttribute('data-position')).resolves.toBe('1');
    await tapTestId(page, 'order-undo');
    await expect(page.locator(`[data-item="${second}"]`).getAttribute('data-position')).resolves.toBe('');
    for (const id of [first!, second!, ...rest]) await tap(page, `[data-item="${id}"]`);
    await page.screenshot({ path: join(SCREENSHOTS, 'practice-order.png') });
    await tapTestId(page, 'practice-check');
    await expectCorrect(true);
  });

  it('form: the portal’s checks flag the wrong fields in red; fixed, the application goes through', async () => {
    await fromTheList();
    await openPractice(page, running.station, 'dich-vu-cong-quoc-gia');
    await page.getByTestId('sample-paper').waitFor();
    // The name without accents, an ID of 11 digits, an impossible date, no declaration tick.
    for (const [field, option] of [['ho-ten', 0], ['so-dinh-danh', 0], ['ngay-sinh', 0], ['co-quan', 0]] as const) await tap(page, `[data-field="${field}"] [data-option="${option}"]`);
    await tapTestId(page, 'practice-check');
    await expectCorrect(false);
    await expect(page.locator('.form-field.invalid').evaluateAll((fields) => fields.map((field) => field.getAttribute('data-field')))).resolves.toEqual(['ho-ten', 'so-dinh-danh', 'ngay-sinh', 'cam-doan']);
    await expect(page.locator('[data-field="so-dinh-danh"] [role="alert"]').innerText()).resolves.toContain('12 chữ số');
    await page.screenshot({ path: join(SCREENSHOTS, 'practice-form.png') });
    for (const [field, option] of [['ho-ten', 1], ['so-dinh-danh', 1], ['ngay-sinh', 1]] as const) await tap(page, `[data-field="${field}"] [data-option="${option}"]`);
    await tap(page, '[data-field="cam-doan"] [data-option="tick"]');
    await tapTestId(page, 'practice-check');
    await expectCorrect(true);
  });

  it('recorded one practice.attempted per check, with kind, result and attempt number only', async () => {
    const written = attempts();
    expect(written.map((event) => [event['lesson_id'], event['kind'], event['correct'], event['attempt']])).toEqual([
      ['tin-nhan-nhan-qua-shipper-gia', 'spot', false, 1],
      ['tin-nhan-nhan-qua-shipper-gia', 'spot', true, 2],
      ['thanh-toan-vietqr', 'pay-check', false, 1],
      ['thanh-toan-vietqr', 'pay-check', true, 2],
      ['vneid-kich-hoat-muc-2', 'order', true, 1],
      ['dich-vu-cong-quoc-gia', 'form', false, 1],
      ['dich-vu-cong-quoc-gia', 'form', true, 2],
    ]);
    for (const event of written) expect(Object.keys(event).sort()).toEqual(['attempt', 'correct', 'kind', 'learner_key', 'lesson_id', 'lesson_version', 'step', 'visit_id']);
    const raw = (running.station.db!.prepare("SELECT payload FROM events WHERE kind = 'practice.attempted'").all() as { payload: string }[]).map((row) => row.payload).join('\n');
    for (const needle of ['Nguyễn Văn An', 'NGUYỄN VĂN MẪU', '000 160 012', 'chuc', 'cam-doan']) expect(raw).not.toContain(needle);
  });

  it('passes a lesson whose quiz was passed earlier once its practice is done, and shows it on the list', async () => {
    const lessonId = 'mat-khau-otp';
    await fromTheList();
    const view = await running.station.handlers.getLesson({ id: lessonId });
    await running.station.handlers.completeLesson({ id: lessonId, answers: view.questions.map((question) => question.answer) });
    const step = practiceOf(lessonId);
    if (step.kind !== 'spot') throw new Error('expected a spot practice');
    await fromTheList();
    await openPractice(page, running.station, lessonId);
    for (const target of step.targets) await tap(page, `[data-part="${target}"]`);
    await tapTestId(page, 'practice-check');
    await expectCorrect(true);
    await tapTestId(page, 'finish');
    await startVisit(page);
    await expect(page.locator(`[data-lesson="${lessonId}"]`).getAttribute('data-status')).resolves.toBe('passed');
    await expect(page.getByTestId('track-count').innerText()).resolves.toContain('1/12');
    await page.screenshot({ path: join(SCREENSHOTS, 'lesson-list-progress.png') });
  });
});
