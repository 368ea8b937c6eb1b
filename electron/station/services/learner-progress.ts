/**
 * The learner's own progress (issue #19 item 5): per track, how many of its lessons they passed and
 * which comes next, for the lesson list's picture and the certificate. Plain mapping from the tracks
 * and the passed lesson ids; the rules (inferred track, what "next" means) are core/lessons/tracks.ts.
 */
import type { Lesson } from '../../core/lessons/lesson-schema';
import { inferTrack, trackStanding, type Track, type TrackId } from '../../core/lessons/tracks';
import type { Certificate, LearnerProgress, TrackProgress } from '../../contract/dto';

export type ShownTrack = { readonly track: TrackId; readonly basis: LearnerProgress['basis'] };

/** Whose track is shown: an explicit choice, else the stored one, else by birth year, else adult. */
export function resolveTrack(choice: TrackId | null, stored: TrackId | null, birthYear: number | null, currentYear: number): ShownTrack {
  if (choice !== null) return { track: choice, basis: 'chosen' };
  if (stored !== null) return { track: stored, basis: 'chosen' };
  return { track: inferTrack(birthYear, currentYear), basis: birthYear === null ? 'default' : 'birth_year' };
}

export function trackProgress(tracks: readonly Track[], lessons: readonly Lesson[], passed: ReadonlySet<string>): TrackProgress[] {
  const available = new Set(lessons.map((lesson) => lesson.id));
  return tracks.map((track) => {
    const standing = trackStanding(track, available, passed);
    return {
      id: track.id,
      title: track.title,
      summary: track.summary,
      lessonIds: track.lessons.filter((id) => available.has(id)),
      passed: standing.passed,
      total: standing.total,
      nextLessonId: standing.next,
    };
  });
}

export function learnerProgress(tracks: readonly Track[], lessons: readonly Lesson[], passed: ReadonlySet<string>, shown: ShownTrack): LearnerProgress {
  const all = trackProgress(tracks, lessons, passed);
  // A track that is not in tracks.json cannot be shown; fall back to the first one there is.
  const track = all.some((entry) => entry.id === shown.track) ? shown.track : (all[0]?.id ?? shown.track);
  return { track, basis: shown.basis, tracks: all };
}

/** The certificate's progress lines: the learner's own track, and every track they passed a lesson of. */
export function certificateProgress(progress: LearnerProgress): Certificate['progress'] {
  return progress.tracks
    .filter((entry) => entry.id === progress.track || entry.passed > 0)
    .map((entry) => ({ track: entry.id, title: entry.title, passed: entry.passed, total: entry.total }));
}
