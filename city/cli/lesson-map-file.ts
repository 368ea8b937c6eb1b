/**
 * Where `tram city lesson-map PATH` gets lesson → competence codes: a lessons folder (every
 * `<folder>/lesson.json` with its `id` and `competencies`, as the lesson packs are written) or a JSON
 * file `{"<lesson_id>": ["4.2", "2.6"]}` (a single string is accepted too).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

const lessonFileSchema = z.object({ id: z.string().min(1), competencies: z.array(z.string()).min(1) });
const mapFileSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

export type LessonMapRead = { readonly ok: true; readonly value: Record<string, string[]> } | { readonly ok: false; readonly error: string };

/** Reads a lessons folder or a JSON map file. */
export async function readLessonMap(path: string): Promise<LessonMapRead> {
  try {
    if ((await stat(path)).isDirectory()) return { ok: true, value: await readLessonsFolder(path) };
    const parsed = mapFileSchema.safeParse(JSON.parse(await readFile(path, 'utf8')) as unknown);
    if (!parsed.success) return { ok: false, error: `${path}: expected {"<lesson_id>": ["<competence>", …]}` };
    return { ok: true, value: Object.fromEntries(Object.entries(parsed.data).map(([id, codes]) => [id, typeof codes === 'string' ? [codes] : codes])) };
  } catch (error) {
    return { ok: false, error: `cannot read ${path}: ${(error as Error).message}` };
  }
}

async function readLessonsFolder(dir: string): Promise<Record<string, string[]>> {
  const map: Record<string, string[]> = {};
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    let text: string;
    try {
      text = await readFile(join(dir, entry.name, 'lesson.json'), 'utf8');
    } catch {
      continue; // not a lesson pack
    }
    const lesson = lessonFileSchema.safeParse(JSON.parse(text) as unknown);
    if (lesson.success) map[lesson.data.id] = lesson.data.competencies;
  }
  return map;
}
