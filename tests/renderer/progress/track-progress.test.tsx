import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { LearnerProgress, LessonSummary } from '../../../electron/contract/dto';
import { ProgressPicture } from '../../../renderer/progress/progress-picture';
import { TrackProgress } from '../../../renderer/progress/track-progress';

const bi = (vi: string) => ({ vi, en: `${vi} (en)` });
const lesson = (id: string, status: LessonSummary['status']): LessonSummary => ({ id, version: 1, title: bi(`Bài ${id}`), summary: bi('s'), minutes: 5, stepCount: 6, competencies: ['4.2'], status, resumeStep: 0, practiceSteps: 0 });
const progress = (basis: LearnerProgress['basis']): LearnerProgress => ({
  track: 'worker',
  basis,
  tracks: [
    { id: 'adult', title: bi('Người dân'), summary: bi('s'), lessonIds: ['a', 'b'], passed: 1, total: 2, nextLessonId: 'b' },
    { id: 'worker', title: bi('Người lao động'), summary: bi('s'), lessonIds: ['c', 'a', 'd'], passed: 1, total: 3, nextLessonId: 'c' },
  ],
});

describe('the learner’s progress on the lesson list', () => {
  const lessons = [lesson('a', 'passed'), lesson('b', 'new'), lesson('c', 'started'), lesson('d', 'new')];

  it('shows every track as a button, the count and a box per lesson of their track, and the next lesson', () => {
    const html = renderToStaticMarkup(<TrackProgress progress={progress('chosen')} lessons={lessons} onChoose={vi.fn()} />);
    expect(html).toContain('data-track-tab="adult"');
    expect(html).toMatch(/data-track-tab="worker"[^>]*|aria-pressed="true"[^>]*data-track-tab="worker"/);
    expect(html).toContain('Đã xong: <strong>1/3 bài</strong>');
    expect(html).toContain('data-passed="1" data-total="3"');
    // Boxes follow the track order c, a, d: the second is ticked, the first (next) outlined.
    expect(html.match(/class="progress-box[^"]*"/g)).toEqual(['class="progress-box next"', 'class="progress-box done"', 'class="progress-box"']);
    expect(html).toContain('Bài tiếp theo: <strong>Bài c</strong>');
    expect(html).not.toContain('Trạm chọn theo năm sinh');
  });

  it('says the track was chosen by birth year, and can be changed, when the learner did not choose', () => {
    expect(renderToStaticMarkup(<TrackProgress progress={progress('birth_year')} lessons={lessons} onChoose={vi.fn()} />)).toContain('Trạm chọn theo năm sinh; bác có thể đổi.');
  });

  it('says when a whole track is done', () => {
    const done: LearnerProgress = { ...progress('chosen'), tracks: [{ ...progress('chosen').tracks[1]!, passed: 3, nextLessonId: null }] };
    expect(renderToStaticMarkup(<TrackProgress progress={done} lessons={lessons} onChoose={vi.fn()} />)).toContain('Bác đã xong cả lộ trình này!');
  });

  it('draws a plain count picture for the certificate', () => {
    const html = renderToStaticMarkup(<ProgressPicture passed={2} total={5} />);
    expect(html).toContain('aria-label="2/5"');
    expect(html.match(/progress-box done/g)).toHaveLength(2);
    expect(html.match(/class="progress-box/g)).toHaveLength(5);
  });
});
