/**
 * `tram lessons check [DIR] [--facts] [--today YYYY-MM-DD] [--strict]`: verifies the lesson packs
 * under DIR (default: the repository's lessons/ folder) exactly as the kiosk loads them, and prints
 * one JSON line. For lesson authors, content reviewers and CI.
 *
 * Exit status: 2 when any pack has a problem (a broken pack never reaches a station unnoticed) or
 * the arguments are wrong; otherwise 0. Facts that need review (to verify, confirmed more than 12
 * months ago, dated after today) are listed but do not fail the check: the kiosk already shows safe
 * advice in place of an unconfirmed phone number, and a CI run must not start failing on the day a
 * fact turns 12 months old. `--strict` (for a release gate) exits 1 when any fact needs review.
 *
 * `--facts` prints every fact, reviewed or not, in the shape the hub's lesson page will list them
 * (core/lessons/fact-review.ts, `FactRow`). `--map` prints the lesson map the hub counts by: TT 02
 * and QĐ 757 codes, tracks and practice steps per lesson (core/lessons/lesson-map.ts).
 *
 * The check also reports each lesson's narration (station/lessons/load-narration.ts): broken audio
 * files (missing, damaged, wrong format, too long or short for their text, a bad sidecar) exit 2;
 * items without audio, stale audio and unused files are listed (and fail `--strict`), since the
 * kiosk reads those with the next voice. `tram lessons voice [DIR] [--force]` renders what is missing.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { factRows } from '../../core/lessons/fact-review';
import { lessonMap } from '../../core/lessons/lesson-map';
import { isoDateAt, parseIsoDate, VIETNAM_UTC_OFFSET_HOURS, type IsoDate } from '../../core/lessons/iso-date';
import { loadLessons } from '../lessons/load-lessons';
import { BROKEN_NARRATION, loadLessonNarration, type NarrationFinding } from '../lessons/load-narration';
import { sha256Hex } from '../crypto/node-hash';
import { runVoiceCommand } from './lessons-voice-cli';
import type { CliIo } from './cli-io';

export type LessonsCliIo = Pick<CliIo, 'stdout' | 'now'>;

/**
 * The repository's lessons/ folder: this file sits at electron/station/cli/, three levels below.
 * A function, not a constant, so merely importing this module never touches import.meta.url.
 */
export function defaultLessonsDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../lessons');
}

const USAGE = `Usage: tram lessons check [DIR] [--facts | --map] [--today YYYY-MM-DD] [--strict]
       tram lessons voice [DIR] [--force]
  check: checks every lesson pack under DIR (default: the lessons/ folder) and prints one JSON line:
  the lessons, the problems, the facts a reviewer must look at, and the narration audio.
  --facts    print every fact with its review status instead of the lesson summary
  --map      print the lesson map for the city hub (TT 02 and QĐ 757 codes, tracks, practice steps)
  --today    the date that facts are judged against (default: today in Vietnam)
  --strict   exit 1 when any fact needs review or any item lacks current audio (exit 2 stays for broken packs)
  voice: renders the narration of every step and question with the bundled eSpeak NG voice to
  <lesson>/narration/*.opus and narration.json; only missing or stale audio unless --force.
  Needs the npm dev dependencies @echogarden/espeak-ng-emscripten and opusscript (npm install).
`;

function print(io: LessonsCliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value)}\n`);
}

function usageError(io: LessonsCliIo, message: string): number {
  print(io, { ok: false, code: 'usage', message });
  return 2;
}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  facts: { type: 'boolean' },
  map: { type: 'boolean' },
  strict: { type: 'boolean' },
  today: { type: 'string' },
  force: { type: 'boolean' },
} as const;

function parse(args: string[]) {
  return parseArgs({ args, allowPositionals: true, strict: true, options: OPTIONS });
}

const processIo: LessonsCliIo = { stdout: (text) => void process.stdout.write(text), now: () => Date.now() };

/** Runs `tram lessons <args>`; returns the exit status (0 good, 1 facts to review with --strict, 2 a problem or a usage error). */
export async function runLessonsCli(args: string[], io: LessonsCliIo = processIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    return usageError(io, error instanceof Error ? error.message : 'bad arguments');
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.stdout(USAGE);
    return 0;
  }
  const [command, dir, ...rest] = positionals;
  if ((command !== 'check' && command !== 'voice') || rest.length > 0) return usageError(io, "expected 'check' or 'voice' and at most one folder");
  if (command === 'voice') return runVoiceCommand(dir === undefined ? defaultLessonsDir() : resolve(dir), values.force === true, io);
  let today: IsoDate;
  if (values.today === undefined) today = isoDateAt(io.now(), VIETNAM_UTC_OFFSET_HOURS);
  else {
    const date = parseIsoDate(values.today);
    if (date === null) return usageError(io, `--today "${values.today}" is not a date written YYYY-MM-DD`);
    today = date;
  }

  if (values.facts === true && values.map === true) return usageError(io, '--facts and --map print different things: choose one');
  const lessonsDir = dir === undefined ? defaultLessonsDir() : resolve(dir);
  const { lessons, tracks, problems } = loadLessons(lessonsDir);
  const narrations = lessons.map((lesson) => loadLessonNarration(lessonsDir, lesson, sha256Hex));
  const findings: NarrationFinding[] = narrations.flatMap((narration) => narration.findings);
  const broken = findings.filter((finding) => BROKEN_NARRATION.has(finding.code));
  const narration = {
    items: narrations.reduce((sum, each) => sum + each.views.size, 0),
    with_audio: narrations.reduce((sum, each) => sum + [...each.views.values()].filter((view) => view.audio !== null).length, 0),
    files: narrations.reduce((sum, each) => sum + each.usable.files, 0),
    bytes: narrations.reduce((sum, each) => sum + each.usable.bytes, 0),
    seconds: Math.round(narrations.reduce((sum, each) => sum + each.usable.ms, 0) / 100) / 10,
    findings,
  };
  const ok = problems.length === 0 && broken.length === 0;
  const rows = factRows(lessons, today);
  const toReview = rows.filter((row) => row.review !== 'ok');
  if (values.facts === true) {
    print(io, { ok, today, facts: rows, problems, narration });
  } else if (values.map === true) {
    print(io, { ok, ...lessonMap(lessons, tracks), problems });
  } else {
    print(io, {
      ok,
      today,
      lessons: lessons.map((lesson) => ({
        id: lesson.id,
        version: lesson.version,
        steps: lesson.steps.filter((step) => step.type !== 'practice').length,
        practice_steps: lesson.steps.filter((step) => step.type === 'practice').length,
        questions: lesson.quiz.questions.length,
        competencies: lesson.competencies,
        facts: lesson.facts?.length ?? 0,
        facts_to_review: toReview.filter((row) => row.lesson === lesson.id).length,
      })),
      facts_to_review: toReview,
      problems,
      narration,
    });
  }
  if (!ok) return 2;
  return values.strict === true && (toReview.length > 0 || findings.length > 0) ? 1 : 0;
}
