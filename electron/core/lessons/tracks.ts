/**
 * Learning tracks (issue #19 item 3): the seed's three target groups — adults, workers in firms and
 * co-operatives, pupils — each with its lessons in teaching order. `lessons/tracks.json` holds them;
 * a lesson may sit in more than one track. The station's lesson list follows the order of the tracks
 * as written (adult first), each lesson where it first appears.
 *
 * Which track a learner follows (item 5): their own choice, remembered on the station; until they
 * choose, it is inferred from the birth year on their card — up to PUPIL_MAX_AGE in the current year
 * is a pupil, anyone older an adult. Workers are not told apart by age, so they pick their track once
 * on the lesson list (lessons/README.md, "Tracks").
 */
import { z } from 'zod';
import { lessonIdSchema } from './lesson-schema';

export const TRACK_IDS = ['adult', 'worker', 'pupil'] as const;
export type TrackId = (typeof TRACK_IDS)[number];

/** School age in Vietnam runs to grade 12, which pupils finish in the year they turn 18. */
export const PUPIL_MAX_AGE = 18;

const text = z.string().trim().min(1, 'must not be empty');
const bilingual = z.strictObject({ vi: text, en: text });

const trackSchema = z.strictObject({
  id: z.enum(TRACK_IDS),
  title: bilingual,
  summary: bilingual,
  /** The target group of QĐ 757/QĐ-BKHCN this track serves, and its appendix where known. */
  qd757Group: bilingual,
  lessons: z.array(lessonIdSchema).min(1, 'a track has at least one lesson'),
});

export const tracksFileSchema = z
  .strictObject({ tracks: z.array(trackSchema).min(1, 'at least one track') })
  .superRefine((file, ctx) => {
    file.tracks.forEach((track, index) => {
      if (file.tracks.findIndex((other) => other.id === track.id) !== index) ctx.addIssue({ code: 'custom', path: ['tracks', index, 'id'], message: `track "${track.id}" is listed twice` });
      track.lessons.forEach((id, position) => {
        if (track.lessons.indexOf(id) !== position) ctx.addIssue({ code: 'custom', path: ['tracks', index, 'lessons', position], message: `"${id}" is listed twice in track ${track.id}` });
      });
    });
  });

export type Track = z.infer<typeof tracksFileSchema>['tracks'][number];

export function isTrackId(value: string): value is TrackId {
  return (TRACK_IDS as readonly string[]).includes(value);
}

/** The track a learner follows until they choose one: by age in `currentYear`; adult when the birth year is unknown. */
export function inferTrack(birthYear: number | null, currentYear: number): TrackId {
  if (birthYear === null) return 'adult';
  const age = currentYear - birthYear;
  return age >= 0 && age <= PUPIL_MAX_AGE ? 'pupil' : 'adult';
}

/** Every lesson id once, in the order of the tracks and then of each track's lessons. */
export function teachingOrder(tracks: readonly Track[]): string[] {
  return [...new Set(tracks.flatMap((track) => track.lessons))];
}

export type TrackStanding = {
  readonly passed: number;
  readonly total: number;
  /** The first lesson of the track not passed yet, in track order; null when all are passed. */
  readonly next: string | null;
};

/**
 * How far a learner is in a track. Only lessons the station has count: a track may name a lesson this
 * station does not carry (a skipped pack), and the learner must not be sent to it.
 */
export function trackStanding(track: Track, available: ReadonlySet<string>, passed: ReadonlySet<string>): TrackStanding {
  const lessons = track.lessons.filter((id) => available.has(id));
  return { passed: lessons.filter((id) => passed.has(id)).length, total: lessons.length, next: lessons.find((id) => !passed.has(id)) ?? null };
}
