/**
 * `tram lessons check [DIR]`: verifies the lesson packs under DIR (default: the repository's
 * lessons/ folder) exactly as the kiosk loads them, and prints one JSON line. For lesson authors and
 * CI: exit 2 when any pack has a problem, so a broken pack never reaches a station unnoticed.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadLessons } from '../lessons/load-lessons';
import type { CliIo } from './cli-io';

export type LessonsCliIo = Pick<CliIo, 'stdout'>;

/**
 * The repository's lessons/ folder: this file sits at electron/station/cli/, three levels below.
 * A function, not a constant, so merely importing this module never touches import.meta.url.
 */
export function defaultLessonsDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../lessons');
}

const USAGE = 'Usage: tram lessons check [DIR]\n  Checks every lesson pack under DIR (default: the lessons/ folder) and prints one JSON line.\n';

function print(io: LessonsCliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value)}\n`);
}

/** Runs `tram lessons <args>`; returns the exit status (0 all packs good, 2 any problem or a usage error). */
export async function runLessonsCli(args: string[], io: LessonsCliIo = { stdout: (text) => void process.stdout.write(text) }): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    print(io, { ok: false, code: 'usage', message: error instanceof Error ? error.message : 'bad arguments' });
    return 2;
  }
  if (parsed.values['help'] === true) {
    io.stdout(USAGE);
    return 0;
  }
  const [command, dir, ...rest] = parsed.positionals;
  if (command !== 'check' || rest.length > 0) {
    print(io, { ok: false, code: 'usage', message: "expected 'check' and at most one folder" });
    return 2;
  }

  const { lessons, problems } = loadLessons(dir === undefined ? defaultLessonsDir() : resolve(dir));
  const ok = problems.length === 0;
  print(io, {
    ok,
    lessons: lessons.map((lesson) => ({
      id: lesson.id,
      steps: lesson.steps.length,
      questions: lesson.quiz.questions.length,
      competencies: lesson.competencies,
    })),
    problems,
  });
  return ok ? 0 : 2;
}
