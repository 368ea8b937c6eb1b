/**
 * The narration sidecar of a lesson pack: `lessons/<id>/narration/narration.json` plus one audio file
 * per spoken item in the same folder. Made by `tram lessons voice`, never by hand, and kept apart
 * from lesson.json so rendering audio never edits authored content.
 *
 * Each entry records the SHA-256 of the normalised script it speaks (narration-items.ts): the
 * station plays a file only when that hash equals the hash of the text it shows, so an edited step
 * never plays its old words. Entries also carry the duration, the start of every sentence (for the
 * highlight) and the engine and voice that made them.
 */
import { z } from 'zod';
import { lessonIdSchema } from '../lessons/lesson-schema';
import { NARRATION_KEY } from './narration-items';

export const NARRATION_DIR = 'narration';
export const NARRATION_FILE = 'narration.json';
export const NARRATION_FORMAT = 1;
/** Rendered narration is Ogg Opus: small for speech and played by Chromium without extra codecs. */
export const NARRATION_EXTENSION = '.opus';
/** No single item is anywhere near ten minutes; a longer claim is a broken sidecar. */
export const MAX_ITEM_MS = 10 * 60 * 1000;

const entrySchema = z
  .strictObject({
    key: z.string().regex(NARRATION_KEY, 'a key is s<N>, q<N>, q<N>-explanation or safe-advice'),
    file: z.string().regex(/^[a-z0-9-]+\.opus$/, 'a plain .opus file name in the narration folder'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256'),
    duration_ms: z.int().min(1).max(MAX_ITEM_MS),
    sentence_starts_ms: z.array(z.int().min(0).max(MAX_ITEM_MS)).min(1),
    engine: z.string().min(1).max(120),
    voice: z.string().min(1).max(120),
  })
  .superRefine((entry, ctx) => {
    entry.sentence_starts_ms.forEach((start, index) => {
      const previous = entry.sentence_starts_ms[index - 1];
      if (previous !== undefined && start < previous) ctx.addIssue({ code: 'custom', path: ['sentence_starts_ms', index], message: 'sentence starts go down' });
      if (start >= entry.duration_ms) ctx.addIssue({ code: 'custom', path: ['sentence_starts_ms', index], message: 'a sentence starts after the audio ends' });
    });
  });

export const narrationSidecarSchema = z
  .strictObject({
    format: z.literal(NARRATION_FORMAT),
    lesson: lessonIdSchema,
    items: z.array(entrySchema),
  })
  .superRefine((sidecar, ctx) => {
    const keys = sidecar.items.map((item) => item.key);
    const files = sidecar.items.map((item) => item.file);
    sidecar.items.forEach((item, index) => {
      if (keys.indexOf(item.key) !== index) ctx.addIssue({ code: 'custom', path: ['items', index, 'key'], message: `"${item.key}" is listed twice` });
      if (files.indexOf(item.file) !== index) ctx.addIssue({ code: 'custom', path: ['items', index, 'file'], message: `"${item.file}" is used twice` });
    });
  });

export type NarrationSidecar = z.infer<typeof narrationSidecarSchema>;
export type NarrationEntry = NarrationSidecar['items'][number];

/** The file an item is rendered to. */
export function narrationFileName(key: string): string {
  return `${key}${NARRATION_EXTENSION}`;
}
