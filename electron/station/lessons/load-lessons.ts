/**
 * Loads and verifies the lesson packs under a folder (docs/ARCHITECTURE.md §8): `<dir>/<id>/lesson.json` plus
 * its media. A broken pack is skipped with a problem entry, never a crash — the kiosk must start with
 * the good lessons and show the bad ones on the maintenance screen.
 *
 * Beyond the schema this checks what only the file system can show: the folder name equals the id,
 * every image and audio file is a regular file inside the pack folder (no symlinks, which could
 * point anywhere), images are small SVG or PNG files, SVGs cannot run code or fetch anything (the
 * player renders them inside the kiosk page), and every `next` id names a lesson folder.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseLesson, type Lesson } from '../../core/lessons/lesson-schema';
import type { Track } from '../../core/lessons/tracks';
import { loadTracks } from './load-tracks';
import { readPackFile as readSmallFile } from './pack-files';

export const LESSON_FILE = 'lesson.json';
export const MAX_LESSON_JSON_BYTES = 256 * 1024;
export const MAX_IMAGE_BYTES = 512 * 1024;
// About five minutes of speech at 128 kbit/s: far more than one step's narration needs.
export const MAX_AUDIO_BYTES = 5 * 1024 * 1024;

export type LessonProblem = {
  /** The pack's folder name ('' for a problem with the lessons folder itself). */
  readonly folder: string;
  /** Where: `<folder>/<file>`, with `#<field.path>` for a schema problem in lesson.json. */
  readonly path: string;
  readonly message: string;
};

/** Lessons in teaching order (tracks.json), the tracks, and every problem found. */
export type LoadedLessons = { readonly lessons: Lesson[]; readonly tracks: Track[]; readonly problems: LessonProblem[] };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

type Candidate = { readonly folder: string; readonly lesson: Lesson; readonly problems: LessonProblem[] };

/** Reads every pack folder under `dir`; lessons come back sorted by folder name. Never throws. */
export function loadLessons(dir: string): LoadedLessons {
  let folders: string[];
  let symlinks: string[];
  try {
    const entries = readdirSync(dir, { withFileTypes: true }).filter((entry) => !entry.name.startsWith('.'));
    folders = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    symlinks = entries.filter((entry) => entry.isSymbolicLink()).map((entry) => entry.name);
  } catch (error) {
    return { lessons: [], tracks: [], problems: [{ folder: '', path: dir, message: `cannot read the lessons folder: ${describe(error)}` }] };
  }
  // Code-unit order, not localeCompare: the list order must not depend on the machine's locale.
  folders.sort(byCodeUnit);
  // An empty folder is almost always the wrong folder; a kiosk with no lessons must say so.
  if (folders.length === 0 && symlinks.length === 0) return { lessons: [], tracks: [], problems: [{ folder: '', path: dir, message: 'no lesson folders found' }] };

  const problems: LessonProblem[] = symlinks.sort(byCodeUnit).map((name) => ({ folder: name, path: name, message: 'a symlink; lesson packs must be real folders' }));
  const candidates: Candidate[] = [];
  for (const folder of folders) {
    const result = readPack(dir, folder);
    if ('lesson' in result) candidates.push(result);
    else problems.push(...result.problems);
  }

  // Cross-pack checks: ids are unique, and `next` points at a lesson folder. A `next` id whose own
  // pack is broken still counts as existing: that pack already has its problem, and skipping every
  // lesson that links to it would hide good lessons for one bad one.
  const folderSet = new Set(folders);
  // The rightful owner of an id is the folder of that name, so a stray copy in another folder is the
  // one skipped, and the good lesson still loads.
  const owned = new Set(candidates.filter(({ folder, lesson }) => lesson.id === folder).map(({ folder }) => folder));
  for (const candidate of candidates) {
    const { folder, lesson } = candidate;
    if (lesson.id !== folder && owned.has(lesson.id)) candidate.problems.push(problem(folder, `${LESSON_FILE}#id`, `duplicate id: "${lesson.id}" is the lesson in folder ${lesson.id}`));
  }

  const lessons: Lesson[] = [];
  for (const candidate of candidates) {
    if (candidate.problems.length === 0) lessons.push(candidate.lesson);
    else problems.push(...candidate.problems);
  }
  // A `next` id that names no folder is reported, but the lesson still loads: a station that installs
  // only some lessons must not lose them for a suggestion it cannot make (suggestNext skips unknown ids).
  for (const lesson of lessons) {
    lesson.next.forEach((id, index) => {
      if (!folderSet.has(id)) problems.push(problem(lesson.id, `${LESSON_FILE}#next.${index}`, `next lesson "${id}" does not exist (the lesson is loaded; the suggestion is dropped)`));
    });
  }
  problems.sort((a, b) => byCodeUnit(a.folder, b.folder));
  const { tracks, ordered, problems: trackProblems } = loadTracks(dir, lessons, folderSet);
  return { lessons: ordered, tracks, problems: [...trackProblems, ...problems] };
}

/** Reads and checks one pack; the lesson comes back only when the schema accepts it. */
function readPack(dir: string, folder: string): Candidate | { readonly problems: LessonProblem[] } {
  const packDir = join(dir, folder);
  const file = readSmallFile(packDir, LESSON_FILE, MAX_LESSON_JSON_BYTES);
  if (typeof file === 'string') return { problems: [problem(folder, LESSON_FILE, file)] };

  const text = decodeUtf8(file);
  if (text === null) return { problems: [problem(folder, LESSON_FILE, 'not valid UTF-8')] };
  let json: unknown;
  try {
    // A byte-order mark is harmless and some Windows editors add one.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { problems: [problem(folder, LESSON_FILE, `malformed JSON: ${describe(error)}`)] };
  }
  const parsed = parseLesson(json);
  if (!parsed.ok) {
    return { problems: parsed.issues.map((issue) => problem(folder, issue.path === '' ? LESSON_FILE : `${LESSON_FILE}#${issue.path}`, issue.message)) };
  }

  const lesson = parsed.value;
  const problems: LessonProblem[] = [];
  if (lesson.id !== folder) problems.push(problem(folder, `${LESSON_FILE}#id`, `id "${lesson.id}" does not match the folder name "${folder}"`));
  // Several steps may share one image; check each file once. Practice steps draw their own screen.
  const infoSteps = lesson.steps.flatMap((step) => (step.type === 'practice' ? [] : [step]));
  const images = new Set(infoSteps.map((step) => step.image));
  const audio = new Set(infoSteps.flatMap((step) => (step.audio === undefined ? [] : [step.audio])));
  for (const image of images) problems.push(...checkImage(packDir, folder, image));
  for (const name of audio) {
    const bytes = readSmallFile(packDir, name, MAX_AUDIO_BYTES);
    if (typeof bytes === 'string') problems.push(problem(folder, name, bytes));
  }
  return { folder, lesson, problems };
}

function checkImage(packDir: string, folder: string, name: string): LessonProblem[] {
  const bytes = readSmallFile(packDir, name, MAX_IMAGE_BYTES);
  if (typeof bytes === 'string') return [problem(folder, name, bytes)];
  if (name.toLowerCase().endsWith('.png')) {
    return PNG_SIGNATURE.every((byte, index) => bytes[index] === byte) ? [] : [problem(folder, name, 'not a PNG file')];
  }
  const text = decodeUtf8(bytes);
  if (text === null) return [problem(folder, name, 'not valid UTF-8')];
  return svgProblems(text).map((message) => problem(folder, name, message));
}

/**
 * What makes an SVG unsafe or not self-contained. A text scan, not an XML parser: it is stricter
 * than needed (a comment mentioning "<script" is refused too), which is the right side to err on
 * for files rendered inside the kiosk page.
 */
export function svgProblems(svg: string): string[] {
  const found: string[] = [];
  const body = svg.replace(/^\uFEFF/, '').replace(/^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*/, '');
  if (!/^<svg[\s>]/.test(body)) found.push('the root element is not <svg>');
  if (/<!DOCTYPE|<!ENTITY/i.test(svg)) found.push('a DOCTYPE or entity declaration (may fetch or expand external content)');
  if (/<script[\s>/]/i.test(svg)) found.push('contains a <script> element');
  if (/<foreignObject[\s>/]/i.test(svg)) found.push('contains a <foreignObject> element (can embed HTML)');
  if (/\son[a-z]+\s*=/i.test(svg)) found.push('contains an event-handler attribute (on…=)');
  if (/javascript:/i.test(svg)) found.push('contains a javascript: URL');
  for (const match of svg.matchAll(/(?:^|[\s"'])(?:xlink:)?(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    const value = (match[1] ?? match[2] ?? '').trim();
    if (!value.startsWith('#')) found.push(`an external reference: href="${value.slice(0, 80)}" (only #fragment links are allowed)`);
  }
  for (const match of svg.matchAll(/url\(\s*["']?([^"')]*)/gi)) {
    const value = (match[1] ?? '').trim();
    if (!value.startsWith('#')) found.push(`an external reference: url(${value.slice(0, 80)}) (only url(#id) is allowed)`);
  }
  if (/@import/i.test(svg)) found.push('a CSS @import (external reference)');
  return found;
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function problem(folder: string, file: string, message: string): LessonProblem {
  return { folder, path: `${folder}/${file}`, message };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
