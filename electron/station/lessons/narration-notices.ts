/**
 * The narration of every loaded lesson, for the station: the pack audio each lesson's player gets,
 * and one notice per lesson with broken audio files for the volunteers' status (the learner sees a
 * note on the item itself; load-narration.ts). Stale or missing audio is not a notice: the kiosk
 * reads those items with the next voice, and `tram lessons check` lists them for the authors.
 */
import type { Lesson } from '../../core/lessons/lesson-schema';
import type { Sha256Hex } from '../../core/sync/protocol/event-hash';
import type { StationProblem } from '../../contract/dto';
import type { NarrationViews } from '../services/lesson-views';
import { BROKEN_NARRATION, loadLessonNarration } from './load-narration';

export function loadNarrations(lessonsDir: string, lessons: readonly Lesson[], sha256Hex: Sha256Hex): { views: Map<string, NarrationViews>; notices: StationProblem[] } {
  const views = new Map<string, NarrationViews>();
  const notices: StationProblem[] = [];
  for (const lesson of lessons) {
    const narration = loadLessonNarration(lessonsDir, lesson, sha256Hex);
    views.set(lesson.id, narration.views);
    const broken = narration.findings.filter((finding) => BROKEN_NARRATION.has(finding.code));
    if (broken.length > 0) {
      notices.push({ code: 'narration_skipped', message: `${lesson.id}: ${broken.length} audio file(s) skipped, read by another voice (${broken.map((finding) => `${finding.path}: ${finding.message}`).join('; ')})` });
    }
  }
  return { views, notices };
}
