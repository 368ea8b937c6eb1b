/**
 * Ways around the kiosk by touch, for the screen table (kiosk-screens.ts): start a visit, open a lesson
 * at a step or a question, pass a lesson, sign a volunteer in, run a group session. Where tapping
 * through would only repeat what other tests cover, the station is told what the player would tell it
 * (a step reached, a quiz finished), so each screen is reached quickly.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { LessonView } from '../../electron/contract/dto';
import { loadLessons } from '../../electron/station/lessons/load-lessons';
import type { Station } from '../../electron/station/station';
import { fakeIdCardText } from './fake-persons';
import type { ScreenContext } from './kiosk-screens';
import { practiceAnswers } from './practice-answers';

/** The packs the web hosts of the e2e tests load: the practice keys live only on the station side. */
const PACKS = loadLessons(join(import.meta.dirname, '..', '..', 'lessons')).lessons;

export const tap = (page: Page, selector: string) => page.locator(selector).first().tap();
export const tapTestId = (page: Page, id: string) => page.getByTestId(id).tap();

/** Taps a demo card, or scans a fake person, and answers consent when the person is new: ends on the lesson list. */
export async function startVisit(page: Page, who: string | { readonly scan: () => void } = 'an-1958'): Promise<void> {
  if (typeof who === 'string') await tap(page, `[data-demo-card="${who}"]`);
  else who.scan();
  const next = page.locator('[data-screen="consent"], [data-screen="welcome"]');
  await next.first().waitFor();
  if ((await next.first().getAttribute('data-screen')) === 'consent') await tapTestId(page, 'consent-yes');
  await page.locator('[data-screen="welcome"]').waitFor();
}

export async function lessonView(station: Station, id: string): Promise<LessonView> {
  return station.handlers.getLesson({ id });
}

/** The lesson and step whose words are longest: the hardest step to fit. */
export async function longestStep(station: Station): Promise<{ lessonId: string; step: number }> {
  let best = { lessonId: '', step: 0, length: -1 };
  for (const summary of await station.handlers.listLessons({})) {
    const view = await lessonView(station, summary.id);
    view.steps.forEach((step, index) => {
      const length = step.text.vi.length + step.text.en.length;
      if (length > best.length) best = { lessonId: summary.id, step: index, length };
    });
  }
  return best;
}

/** The lesson and question with the longest prompt, choices and explanation. */
export async function longestQuestion(station: Station): Promise<{ lessonId: string; question: number }> {
  let best = { lessonId: '', question: 0, length: -1 };
  for (const summary of await station.handlers.listLessons({})) {
    const view = await lessonView(station, summary.id);
    view.questions.forEach((question, index) => {
      const texts = [question.prompt, question.explanation, ...question.choices];
      const length = texts.reduce((sum, text) => sum + text.vi.length + text.en.length, 0);
      if (length > best.length) best = { lessonId: summary.id, question: index, length };
    });
  }
  return best;
}

/**
 * Opens a lesson from the lesson list at a step. The station is told first that the learner reached
 * that step (what the player saves on every step), so the lesson resumes there instead of being tapped
 * through; a lesson that cannot resume (already passed) is tapped through.
 */
export async function openStep(page: Page, station: Station, lessonId: string, step: number): Promise<void> {
  await station.handlers.startLesson({ id: lessonId });
  await station.handlers.saveStep({ id: lessonId, step });
  await showLesson(page, station, lessonId);
  await tap(page, `[data-lesson="${lessonId}"]`);
  await page.locator('.step[data-step]').waitFor();
  for (;;) {
    const at = Number(await page.locator('.step[data-step]').getAttribute('data-step'));
    if (at === step) return;
    await tapTestId(page, at < step ? 'step-next' : 'step-back');
    await page.locator(`.step[data-step="${at < step ? at + 1 : at - 1}"]`).waitFor();
  }
}

/** From the lesson list into a lesson's quiz, at a question, answered right so far; optionally with a wrong answer picked. */
export async function openQuestion(page: Page, station: Station, lessonId: string, question: number, wrongAnswer: boolean): Promise<void> {
  const view = await lessonView(station, lessonId);
  await openStep(page, station, lessonId, view.steps.length - 1);
  await tapTestId(page, 'step-next');
  for (let index = 0; index < question; index++) {
    await tap(page, `.quiz[data-question="${index}"] [data-choice="${view.questions[index]!.answer}"]`);
    await tapTestId(page, 'quiz-next');
  }
  await page.locator(`.quiz[data-question="${question}"]`).waitFor();
  if (wrongAnswer) {
    const answer = view.questions[question]!.answer;
    await tap(page, `[data-choice="${answer === 0 ? 1 : 0}"]`);
    await page.getByTestId('feedback').waitFor();
  }
}

/** The list shows the learner's track: taps the tab of a track that has the lesson when it is not on screen. */
export async function showLesson(page: Page, station: Station, lessonId: string): Promise<void> {
  await page.locator('.lesson-grid').waitFor();
  if ((await page.locator(`[data-lesson="${lessonId}"]`).count()) > 0) return;
  const { tracks } = await station.handlers.getProgress({ track: null });
  const track = tracks.find((entry) => entry.lessonIds.includes(lessonId));
  if (!track) throw new Error(`no track has ${lessonId}`);
  await showTrack(page, track.id);
}

/** Tells the station the learner did every practice step of a lesson right, as the player would. */
export async function recordPractice(station: Station, lessonId: string): Promise<void> {
  const pack = PACKS.find((lesson) => lesson.id === lessonId);
  if (!pack) throw new Error(`no pack ${lessonId}`);
  for (const { stepId, answer } of practiceAnswers(pack)) await station.handlers.attemptPractice({ id: lessonId, step: stepId, answer });
}

/** Records a passed lesson for the learner at the kiosk (its practice, then its quiz), as the player does. */
export async function recordPassed(station: Station, lessonId: string): Promise<void> {
  await recordPractice(station, lessonId);
  const view = await lessonView(station, lessonId);
  await station.handlers.completeLesson({ id: lessonId, answers: view.questions.map((question) => question.answer) });
}

/** Plays a lesson's quiz through with every answer right, its practice recorded first: ends on its result. */
export async function passLesson(page: Page, station: Station, lessonId: string): Promise<void> {
  await recordPractice(station, lessonId);
  const view = await lessonView(station, lessonId);
  await openQuestion(page, station, lessonId, 0, false);
  for (const [index, question] of view.questions.entries()) {
    await tap(page, `.quiz[data-question="${index}"] [data-choice="${question.answer}"]`);
    await tapTestId(page, 'quiz-next');
  }
  await page.getByTestId('lesson-done').waitFor();
}

export async function signIn(page: Page, pin = '1234'): Promise<void> {
  await tapTestId(page, 'volunteer-entry');
  for (const digit of pin) await tap(page, `[data-pin-key="${digit}"]`);
  await tapTestId(page, 'pin-ok');
  await page.locator('[data-screen="volunteer"]').waitFor();
}

export async function openVolunteerSection(page: Page, section: string): Promise<void> {
  await signIn(page);
  await tapTestId(page, `open-${section}`);
}

/** Opens a lesson at its first practice step (issue #19), from the lesson list of the learner's track. */
export async function openPractice(page: Page, station: Station, lessonId: string): Promise<void> {
  const index = (await lessonView(station, lessonId)).steps.findIndex((step) => step.kind === 'practice');
  if (index < 0) throw new Error(`${lessonId} has no practice step`);
  await openStep(page, station, lessonId, index);
  await page.locator('.practice-step').waitFor();
}

/** Shows the lesson list of a track: taps its tab when the learner is on another one. */
export async function showTrack(page: Page, track: string): Promise<void> {
  await tap(page, `[data-track-tab="${track}"]`);
  await page.locator(`[data-testid="track-progress"][data-track="${track}"]`).waitFor();
}

export const FIRST_LESSON = 'mat-khau-otp';

/** A group session for the first lesson with 25 scans of 20 people (5 scanned twice). */
export async function startGroupOfTwenty({ page, station }: ScreenContext): Promise<void> {
  await openVolunteerSection(page, 'group');
  await page.getByTestId('group-lesson').selectOption(FIRST_LESSON);
  await page.getByTestId('group-consent').tap();
  await tapTestId(page, 'group-start');
  await page.getByTestId('roster-count').waitFor();
  const people = [...Array.from({ length: 20 }, (_, i) => 100 + i), 103, 107, 111, 115, 119];
  for (const person of people) station.demoScanner()!.scanText(fakeIdCardText(person));
  await page.getByTestId('roster-count').filter({ hasText: /^20$/ }).waitFor();
}
