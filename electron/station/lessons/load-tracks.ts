/**
 * Reads `tracks.json` of a lessons folder (core/lessons/tracks.ts): the learning tracks and their
 * lessons in teaching order. Like a broken pack, a broken file never stops the kiosk: the problem is
 * reported and every loaded lesson is still listed, in folder order, with no track. A folder without
 * the file is valid (a partial install, a test folder) and lists its lessons the same way.
 *
 * Cross-checks only the loader can make: a track naming a lesson that did not load is reported (the
 * track keeps working with the lessons it has), and so is a loaded lesson no track names (it is
 * listed after the tracks' lessons, so it is never hidden).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lesson } from '../../core/lessons/lesson-schema';
import { teachingOrder, tracksFileSchema, type Track } from '../../core/lessons/tracks';

export const TRACKS_FILE = 'tracks.json';

export type TrackProblem = { readonly folder: ''; readonly path: string; readonly message: string };

/**
 * The tracks, and the lessons in teaching order. Never throws. `folders` are all pack folders: a
 * track naming a pack that is there but broken is not reported again (the pack has its problem).
 */
export function loadTracks(dir: string, lessons: readonly Lesson[], folders: ReadonlySet<string>): { tracks: Track[]; ordered: Lesson[]; problems: TrackProblem[] } {
  const problems: TrackProblem[] = [];
  const report = (path: string, message: string) => problems.push({ folder: '', path, message });
  let tracks: Track[] = [];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(join(dir, TRACKS_FILE), 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    // No tracks.json is a valid pack folder (a test or a partial install): folder order, no tracks.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') report(TRACKS_FILE, `ignored: ${error instanceof Error ? error.message : String(error)}`);
    return { tracks, ordered: [...lessons], problems };
  }
  const parsed = tracksFileSchema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) report(`${TRACKS_FILE}#${issue.path.map(String).join('.')}`, `ignored: ${issue.message}`);
    return { tracks, ordered: [...lessons], problems };
  }
  tracks = parsed.data.tracks;
  const loaded = new Map(lessons.map((lesson) => [lesson.id, lesson]));
  tracks.forEach((track, index) => {
    track.lessons.forEach((id, position) => {
      if (!folders.has(id)) report(`${TRACKS_FILE}#tracks.${index}.lessons.${position}`, `track ${track.id} names lesson "${id}", which has no folder (the track goes on without it)`);
    });
  });
  const order = teachingOrder(tracks).filter((id) => loaded.has(id));
  const inTracks = new Set(order);
  for (const lesson of lessons) {
    if (!inTracks.has(lesson.id)) report(`${TRACKS_FILE}`, `lesson "${lesson.id}" is in no track (it is listed after the tracks' lessons)`);
  }
  const ordered = [...order.map((id) => loaded.get(id)!), ...lessons.filter((lesson) => !inTracks.has(lesson.id))];
  return { tracks, ordered, problems };
}
