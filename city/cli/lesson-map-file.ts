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

/**
 * The second framework (QĐ 757/QĐ-BKHCN) is read from a lesson's `qd757` list of codes ("0", "0.1"),
 * the field name the curriculum reference proposes; a lesson without it maps to TT 02 only.
 */
export const QD757_FIELD = 'qd757';
/** A lesson's QĐ 757 codes: a list, or the packs' `{"codes": […], "status"}` form. */
const qd757Schema = z.union([z.array(z.string()), z.object({ codes: z.array(z.string()) }).transform((value) => value.codes)]);
const lessonFileSchema = z.object({ id: z.string().min(1), competencies: z.array(z.string()).min(1), [QD757_FIELD]: qd757Schema.optional() });
const printedMapSchema = z.object({ ok: z.boolean(), lessons: z.record(z.string(), z.object({ tt02: z.array(z.string()).min(1), qd757: qd757Schema.optional() })) });
const mapFileSchema = z.record(z.string(), z.union([z.string(), z.array(z.string()), z.object({ tt02: z.array(z.string()), qd757: z.array(z.string()).optional() })]));

export type LessonCodes = string[] | { tt02: string[]; qd757: string[] };
export type LessonMapRead = { readonly ok: true; readonly value: Record<string, LessonCodes> } | { readonly ok: false; readonly error: string };

/** Reads a lessons folder, a printed lesson map or a JSON map file. */
export async function readLessonMap(path: string): Promise<LessonMapRead> {
  try {
    if ((await stat(path)).isDirectory()) return { ok: true, value: await readLessonsFolder(path) };
    const json = JSON.parse(await readFile(path, 'utf8')) as unknown;
    const printed = printedMapSchema.safeParse(json);
    if (printed.success) return { ok: true, value: Object.fromEntries(Object.entries(printed.data.lessons).map(([id, entry]) => [id, { tt02: entry.tt02, qd757: entry.qd757 ?? [] }])) };
    const parsed = mapFileSchema.safeParse(json);
    if (!parsed.success) return { ok: false, error: `${path}: expected {"<lesson_id>": ["<competence>", …]} or {"<lesson_id>": {"tt02": […], "qd757": […]}}` };
    return {
      ok: true,
      value: Object.fromEntries(Object.entries(parsed.data).map(([id, codes]) => [id, typeof codes === 'string' ? [codes] : Array.isArray(codes) ? codes : { tt02: codes.tt02, qd757: codes.qd757 ?? [] }])),
    };
  } catch (error) {
    return { ok: false, error: `cannot read ${path}: ${(error as Error).message}` };
  }
}

async function readLessonsFolder(dir: string): Promise<Record<string, LessonCodes>> {
  const map: Record<string, LessonCodes> = {};
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    let text: string;
    try {
      text = await readFile(join(dir, entry.name, 'lesson.json'), 'utf8');
    } catch {
      continue; // not a lesson pack
    }
    const lesson = lessonFileSchema.safeParse(JSON.parse(text) as unknown);
    if (lesson.success) map[lesson.data.id] = { tt02: lesson.data.competencies, qd757: lesson.data[QD757_FIELD] ?? [] };
  }
  return map;
}
