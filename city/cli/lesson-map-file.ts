/**
 * Where `tram city lesson-map PATH` gets each lesson's TT 02 competences and QĐ 757 codes:
 * - a lessons folder: every `<folder>/lesson.json` with its `id`, `competencies` and `qd757.codes`,
 *   as the lesson packs are written;
 * - the lesson map `tram lessons check --map` prints (`{"ok", "lessons": {"<id>": {"tt02", "qd757":
 *   {"codes"}}}}`), which carries both;
 * - a JSON file `{"<lesson_id>": ["4.2", "2.6"]}` (a single string is accepted too): TT 02 only, and
 *   the QĐ 757 codes the hub has are kept.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

const codes = z.array(z.string()).min(1);
const lessonFileSchema = z.object({ id: z.string().min(1), competencies: codes, qd757: z.object({ codes }).optional() });
const printedMapSchema = z.object({ ok: z.boolean(), lessons: z.record(z.string(), z.object({ tt02: codes, qd757: z.object({ codes }) })) });
const mapFileSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** Lesson → TT 02 competences, and lesson → QĐ 757 codes for the lessons the source gives them for. */
export type LessonMapFile = { readonly tt02: Record<string, string[]>; readonly qd757: Record<string, string[]> };
export type LessonMapRead = { readonly ok: true; readonly value: LessonMapFile } | { readonly ok: false; readonly error: string };

/** Reads a lessons folder, a printed lesson map or a JSON map file. */
export async function readLessonMap(path: string): Promise<LessonMapRead> {
  try {
    if ((await stat(path)).isDirectory()) return { ok: true, value: await readLessonsFolder(path) };
    const json = JSON.parse(await readFile(path, 'utf8')) as unknown;
    const printed = printedMapSchema.safeParse(json);
    if (printed.success) {
      const entries = Object.entries(printed.data.lessons);
      return { ok: true, value: { tt02: Object.fromEntries(entries.map(([id, entry]) => [id, entry.tt02])), qd757: Object.fromEntries(entries.map(([id, entry]) => [id, entry.qd757.codes])) } };
    }
    const parsed = mapFileSchema.safeParse(json);
    if (!parsed.success) return { ok: false, error: `${path}: expected {"<lesson_id>": ["<competence>", …]} or the output of tram lessons check --map` };
    return { ok: true, value: { tt02: Object.fromEntries(Object.entries(parsed.data).map(([id, tt02]) => [id, typeof tt02 === 'string' ? [tt02] : tt02])), qd757: {} } };
  } catch (error) {
    return { ok: false, error: `cannot read ${path}: ${(error as Error).message}` };
  }
}

async function readLessonsFolder(dir: string): Promise<LessonMapFile> {
  const map: LessonMapFile = { tt02: {}, qd757: {} };
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    let text: string;
    try {
      text = await readFile(join(dir, entry.name, 'lesson.json'), 'utf8');
    } catch {
      continue; // not a lesson pack
    }
    const lesson = lessonFileSchema.safeParse(JSON.parse(text) as unknown);
    if (!lesson.success) continue;
    map.tt02[lesson.data.id] = lesson.data.competencies;
    if (lesson.data.qd757) map.qd757[lesson.data.id] = lesson.data.qd757.codes;
  }
  return map;
}
