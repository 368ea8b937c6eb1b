/**
 * Every screen of the kiosk in one table: how to reach it from a freshly loaded start screen, and the
 * element that is its main button. The screen-fit and accessibility tests walk this table, so a new
 * screen is one new row here (and, when it needs a new way in, one small helper in kiosk-screen-steps.ts).
 *
 * Rows are reached in order on one page per station kind; before each row the page is reloaded and
 * the station's visit, volunteer sign-in and group session are ended, so no row depends on another
 * (only on what the station remembers: a learner registered earlier is welcomed back).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Station } from '../../electron/station/station';
import { demoCardText } from '../../electron/station/services/demo-cards';
import { fakeIdCardText, PUPIL_CARD_TEXT } from './fake-persons';
import { FIRST_LESSON, lessonView, longestQuestion, longestStep, openPractice, openQuestion, openStep, openVolunteerSection, passLesson, recordPassed, signIn, startGroupOfTwenty, startVisit, tap, tapTestId } from './kiosk-screen-steps';
import { REPO_ROOT } from './web-host-fixture';

/** The station configurations screens are shown on: demo (no config), a configured one, a broken config (a 4-digit ward code). */
/** `installed`: configured like `configured`, but no volunteer PIN set yet (a fresh install). */
export type StationKind = 'demo' | 'configured' | 'installed' | 'broken';

export interface ScreenContext {
  readonly page: Page;
  readonly station: Station;
}

export interface KioskScreen {
  /** The test name. */
  readonly name: string;
  readonly station: StationKind;
  /** The `data-screen` the row ends on (checked after `reach`). */
  readonly screen: string;
  /** From the start screen of a freshly loaded page to the screen, by touch. */
  readonly reach: (context: ScreenContext) => Promise<void>;
  /** CSS selector of the main button(s); every match must be fully visible without scrolling. */
  readonly mainButton: string | null;
  /**
   * The screen scrolls something into view as it opens, for the window size it opens at (a kiosk's
   * window keeps its size): reach it anew at every size instead of resizing the window after.
   */
  readonly reachAtEachSize?: true;
}

/** The volunteer PIN the screen driver sets on the configured station (the demo PIN works only in demo mode). */
export const CONFIGURED_PIN = '246810';

export const CONFIG_FILES: Record<StationKind, string | null> = {
  demo: null,
  configured: join(REPO_ROOT, 'kiosk-config', 'examples', 'group-room-projector.json'),
  installed: join(REPO_ROOT, 'kiosk-config', 'examples', 'group-room-projector.json'),
  broken: join(REPO_ROOT, 'tests', 'fixtures', 'config', 'invalid-ward-code.json'),
};

export const KIOSK_SCREENS: readonly KioskScreen[] = [
  { name: 'attract, demo mode', station: 'demo', screen: 'attract', reach: async () => {}, mainButton: '[data-testid="read-aloud"], [data-demo-card]' },
  { name: 'attract, configured station', station: 'configured', screen: 'attract', reach: async () => {}, mainButton: '[data-testid="read-aloud"]' },
  { name: 'maintenance (broken config)', station: 'broken', screen: 'maintenance', reach: async () => {}, mainButton: null },
  {
    name: 'consent',
    station: 'demo',
    screen: 'consent',
    reach: ({ page }) => tap(page, '[data-demo-card="binh-1962"]'),
    mainButton: '[data-testid="consent-yes"], [data-testid="consent-no"]',
  },
  {
    name: 'guest (consent declined)',
    station: 'demo',
    screen: 'guest',
    reach: async ({ page }) => {
      await tap(page, '[data-demo-card="chau-2001"]');
      await tapTestId(page, 'consent-no');
    },
    mainButton: '[data-testid="finish"], .lesson-card.suggested',
  },
  { name: 'lesson list', station: 'demo', screen: 'welcome', reach: ({ page }) => startVisit(page), mainButton: '[data-testid="finish"], .lesson-card.suggested' },
  {
    name: 'lesson list, nine lessons passed',
    station: 'demo',
    screen: 'welcome',
    reach: async ({ page, station }) => {
      const person = { scan: () => station.demoScanner()!.scanText(fakeIdCardText(501)) };
      await startVisit(page, person);
      for (const lesson of (await station.handlers.listLessons({})).slice(0, 9)) await recordPassed(station, lesson.id);
      await tapTestId(page, 'finish');
      await startVisit(page, person);
    },
    mainButton: '[data-testid="finish"], .lesson-card.suggested',
    reachAtEachSize: true,
  },
  {
    // Issue #19 item 5: a worker who passed two lessons of their track, shown with the progress picture.
    name: 'lesson list, worker track with progress',
    station: 'demo',
    screen: 'welcome',
    reach: async ({ page, station }) => {
      const person = { scan: () => station.demoScanner()!.scanText(fakeIdCardText(502)) };
      await startVisit(page, person);
      await station.handlers.chooseTrack({ track: 'worker' });
      for (const lesson of ['nhan-tien-qr-tai-quay', 'ban-hang-online-an-toan']) await recordPassed(station, lesson);
      await tapTestId(page, 'finish');
      await startVisit(page, person);
      await page.locator('[data-testid="track-progress"][data-track="worker"]').waitFor();
    },
    mainButton: '[data-testid="finish"], .lesson-card.suggested, [data-track-tab]',
    reachAtEachSize: true,
  },
  {
    name: 'lesson list of a pupil (track from the birth year)',
    station: 'demo',
    screen: 'welcome',
    reach: async ({ page, station }) => {
      await startVisit(page, { scan: () => station.demoScanner()!.scanText(PUPIL_CARD_TEXT) });
      await page.locator('[data-testid="track-progress"][data-track="pupil"]').waitFor();
    },
    mainButton: '[data-testid="finish"], .lesson-card.suggested, [data-track-tab]',
  },
  {
    // Issue #19 item 2: the longest message there is to check, on the simulated phone.
    name: 'practice: tap the tell-tale parts of a message',
    station: 'demo',
    screen: 'lesson',
    reach: async ({ page, station }) => {
      await startVisit(page);
      await openPractice(page, station, 'kiem-tra-nguon-tin');
    },
    mainButton: '[data-testid="practice-check"], [data-testid="step-next"]',
  },
  {
    name: 'practice: kind feedback after a wrong try',
    station: 'demo',
    screen: 'lesson',
    reach: async ({ page, station }) => {
      await startVisit(page);
      await openPractice(page, station, 'kiem-tra-nguon-tin');
      await tap(page, '[data-part="giat-gan"]');
      await tap(page, '[data-part="chuc"]');
      await tapTestId(page, 'practice-check');
      await page.getByTestId('practice-feedback').waitFor();
    },
    mainButton: '[data-testid="practice-retry"], [data-testid="step-next"]',
  },
  {
    name: 'practice: check before paying',
    station: 'demo',
    screen: 'lesson',
    reach: async ({ page, station }) => {
      await startVisit(page);
      await openPractice(page, station, 'thanh-toan-vietqr');
    },
    mainButton: '[data-pay], [data-testid="step-next"]',
  },
  {
    name: 'practice: check before paying, the result of each payment',
    station: 'demo',
    screen: 'lesson',
    reach: async ({ page, station }) => {
      await startVisit(page);
      await openPractice(page, station, 'thanh-toan-vietqr');
      for (const choice of ['pay', 'pay', 'cancel']) {
        await tap(page, `[data-pay="${choice}"]`);
      }
      await tapTestId(page, 'practice-check');
      await page.getByTestId('practice-feedback').waitFor();
    },
    mainButton: '[data-testid="practice-retry"], [data-testid="step-next"]',
  },
  {
    name: 'practice: put the steps in order',
    station: 'demo',
    screen: 'lesson',
    reach: async ({ page, station }) => {
      await startVisit(page);
      await openPractice(page, station, 'vneid-kich-hoat-muc-2');
      await tap(page, '[data-item="cong-an"]');
      await tap(page, '[data-item="tin-nhan"]');
    },
    mainButton: '[data-testid="practice-check"], [data-testid="step-next"]',
  },
  {
    name: 'practice: public-service form with the portal’s errors',
    station: 'demo',
    screen: 'lesson',
    reach: async ({ page, station }) => {
      await startVisit(page);
      await openPractice(page, station, 'dich-vu-cong-quoc-gia');
      await tap(page, '[data-field="ho-ten"] [data-option="0"]');
      await tapTestId(page, 'practice-check');
      await page.getByTestId('practice-feedback').waitFor();
    },
    mainButton: '[data-testid="practice-check"], [data-testid="step-next"]',
  },
  {
    name: 'lesson step, first',
    station: 'demo',
    screen: 'lesson',
    reach: async ({ page, station }) => {
      await startVisit(page);
      await openStep(page, station, FIRST_LESSON, 0);
    },
    mainButton: '[data-testid="step-next"]',
  },
  {
    // lessons/README.md "Facts": the 156 step shows the standard safe advice while the number is unconfirmed.
    name: 'lesson step, safe advice in place of an unconfirmed phone number',
    station: 'demo',
    screen: 'lesson',
    reach: async ({ page, station }) => {
      await startVisit(page);
      await openStep(page, station, 'cuoc-goi-gia-danh-cong-an', 6);
      await page.getByTestId('safe-advice').waitFor();
    },
    mainButton: '[data-testid="step-next"]',
  },
  {
    name: 'lesson step, longest text',
    station: 'demo',
    screen: 'lesson',
    reach: async ({ page, station }) => {
      const { lessonId, step } = await longestStep(station);
      await startVisit(page);
      await openStep(page, station, lessonId, step);
    },
    mainButton: '[data-testid="step-next"]',
  },
  {
    name: 'quiz question',
    station: 'demo',
    screen: 'lesson',
    reach: async ({ page, station }) => {
      const { lessonId, question } = await longestQuestion(station);
      await startVisit(page);
      await openQuestion(page, station, lessonId, question, false);
    },
    mainButton: '[data-choice]',
  },
  {
    name: 'quiz feedback, longest question',
    station: 'demo',
    screen: 'lesson',
    reach: async ({ page, station }) => {
      const { lessonId, question } = await longestQuestion(station);
      await startVisit(page);
      await openQuestion(page, station, lessonId, question, true);
      const answer = (await lessonView(station, lessonId)).questions[question]!.answer;
      await tap(page, `[data-choice="${answer}"]`);
      await page.getByTestId('quiz-next').waitFor();
    },
    mainButton: '[data-testid="quiz-next"]',
  },
  {
    name: 'lesson result',
    station: 'demo',
    screen: 'lesson',
    reach: async ({ page, station }) => {
      await startVisit(page);
      await passLesson(page, station, FIRST_LESSON);
    },
    mainButton: '[data-testid="next-lesson"], [data-testid="open-certificate"]',
  },
  {
    // Mastery (issue #19): the quiz passed, the practice not yet done — the result says what is left.
    name: 'lesson result, quiz passed and practice still to do',
    station: 'demo',
    screen: 'lesson',
    reach: async ({ page, station }) => {
      // A learner of their own: the other rows may have done this lesson's practice for the demo learner.
      await startVisit(page, { scan: () => station.demoScanner()!.scanText(fakeIdCardText(503)) });
      const view = await lessonView(station, FIRST_LESSON);
      await openQuestion(page, station, FIRST_LESSON, 0, false);
      for (const [index, question] of view.questions.entries()) {
        await tap(page, `.quiz[data-question="${index}"] [data-choice="${question.answer}"]`);
        await tapTestId(page, 'quiz-next');
      }
      await page.getByTestId('practice-pending').waitFor();
    },
    mainButton: '[data-testid="to-practice"]',
  },
  {
    name: 'certificate with every lesson passed',
    station: 'demo',
    screen: 'certificate',
    reach: async ({ page, station }) => {
      // A learner of their own (the longest certificate): all but the last lesson recorded as passed, the
      // last one played on screen to reach its certificate button.
      await startVisit(page, { scan: () => station.demoScanner()!.scanText(fakeIdCardText(500)) });
      const lessons = await station.handlers.listLessons({});
      for (const lesson of lessons.slice(0, -1)) await recordPassed(station, lesson.id);
      await passLesson(page, station, lessons[lessons.length - 1]!.id);
      await tapTestId(page, 'open-certificate');
      await page.getByTestId('certificate').waitFor();
    },
    mainButton: '[data-testid="print"], [data-testid="close-certificate"]',
  },
  {
    name: 'unreadable card notice',
    station: 'demo',
    screen: 'rejected',
    reach: ({ page }) => tap(page, '[data-demo-card="payment-qr"]'),
    mainButton: '[data-testid="notice-done"]',
  },
  {
    name: 'idle warning',
    station: 'demo',
    screen: 'welcome',
    reach: async ({ page, station }) => {
      await startVisit(page);
      await page.clock.runFor((station.status().idle.warnAfterSeconds + 1) * 1000);
      await page.getByTestId('idle-warning').waitFor();
    },
    mainButton: '[data-testid="idle-extend"]',
  },
  {
    name: 'first set-up (installed, no PIN yet)',
    station: 'installed',
    screen: 'first-setup',
    reach: ({ page }) => tapTestId(page, 'volunteer-entry'),
    mainButton: '[data-testid="setup-do"], [data-testid="setup-cancel"], [data-testid="setup-pin-again"]',
  },
  { name: 'volunteer PIN', station: 'demo', screen: 'pin', reach: ({ page }) => tapTestId(page, 'volunteer-entry'), mainButton: '[data-testid="pin-ok"], [data-pin-key], [data-testid="pin-cancel"]' },
  { name: 'volunteer home', station: 'demo', screen: 'volunteer', reach: ({ page }) => signIn(page), mainButton: '.volunteer-menu .button' },
  { name: 'group setup', station: 'demo', screen: 'group', reach: ({ page }) => openVolunteerSection(page, 'group'), mainButton: '[data-testid="group-start"]' },
  {
    name: 'group roster on a projector (25 scans, 20 people)',
    station: 'demo',
    screen: 'group',
    reach: (context) => startGroupOfTwenty(context),
    mainButton: '[data-testid="group-end"], [data-testid="group-complete"]',
  },
  {
    name: 'group roster with a card for a person without one',
    station: 'demo',
    screen: 'group',
    reach: async (context) => {
      await startGroupOfTwenty(context);
      await context.page.getByRole('textbox').fill('Hoàng Thị Phương Thảo');
      await tapTestId(context.page, 'group-add-without-card');
      await context.page.locator('.new-card .printed-card').waitFor();
    },
    mainButton: '[data-testid="group-end"], [data-testid="group-complete"], .new-card .button',
  },
  { name: 'learner cards', station: 'demo', screen: 'cards', reach: async ({ page }) => {
    await openVolunteerSection(page, 'cards');
    await tapTestId(page, 'make-cards');
    await page.locator('.printed-card').first().waitFor();
  }, mainButton: '[data-testid="make-cards"]' },
  { name: 'reports', station: 'demo', screen: 'reports', reach: async ({ page }) => {
    await openVolunteerSection(page, 'reports');
    await page.getByTestId('report').waitFor();
  }, mainButton: '[data-testid="open-sheet"], [data-export-target]' },
  { name: 'attendance sheet', station: 'demo', screen: 'reports', reach: async ({ page }) => {
    await openVolunteerSection(page, 'reports');
    await tapTestId(page, 'open-sheet');
    await page.getByTestId('attendance-sheet').waitFor();
  }, mainButton: '[data-testid="print-sheet"]' },
  {
    name: 'learner rights, a record found',
    station: 'demo',
    screen: 'rights',
    reach: async ({ page, station }) => {
      await startVisit(page, 'binh-1962');
      await tapTestId(page, 'finish');
      await openVolunteerSection(page, 'rights');
      await tapTestId(page, 'rights-scan');
      await page.locator('[role="status"]').first().waitFor();
      station.demoScanner()!.scanText(demoCardText('binh-1962')!);
      await page.getByTestId('rights-record').waitFor();
    },
    mainButton: '[data-testid="rights-erase"]',
  },
  {
    name: 'volunteer cards (one made, one revoked)',
    station: 'demo',
    screen: 'volunteer-cards',
    reach: async ({ page }) => {
      await openVolunteerSection(page, 'volunteer-cards');
      for (const holder of ['Nguyễn Thị Lan (Đoàn phường)', 'Trần Văn Hùng']) {
        await page.getByTestId('volunteer-card-label').fill(holder);
        await tapTestId(page, 'volunteer-card-issue');
        await page.locator(`[data-volunteer-card]`).nth(0).waitFor();
      }
      await page.getByTestId('volunteer-card-revoke').last().tap();
      await page.locator('[data-state="revoked"]').waitFor();
    },
    mainButton: '[data-testid="volunteer-card-issue"]',
  },
  // A configured station enrols with the hub of its config; the demo ("hub": null) is USB-only.
  {
    name: 'sync and enrolment',
    station: 'configured',
    screen: 'sync',
    reach: async ({ page }) => {
      await signIn(page, CONFIGURED_PIN);
      await tapTestId(page, 'open-sync');
    },
    mainButton: '[data-testid="enrol"]',
  },
  { name: 'sync, USB-only station', station: 'demo', screen: 'sync', reach: ({ page }) => openVolunteerSection(page, 'sync'), mainButton: '[data-bundle-target]' },
];
