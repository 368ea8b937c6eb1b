/**
 * `tram lessons voice`: renders every spoken item of every lesson (core/narration/narration-items.ts)
 * to Ogg Opus in `lessons/<id>/narration/`, with `narration.json` beside the files. Only items whose
 * audio is missing, stale (the text's hash changed), or broken are rendered; `force` renders all.
 * Files no item uses any more are removed. lesson.json is never written.
 *
 * Writes are atomic (temporary file, then rename), audio before the sidecar, so an interrupted run
 * leaves either the old sidecar (whose files still exist) or the new one.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-file';
import { narrationItems } from '../../core/narration/narration-items';
import { NARRATION_DIR, NARRATION_FILE, NARRATION_FORMAT, narrationFileName, type NarrationEntry, type NarrationSidecar } from '../../core/narration/narration-sidecar';
import { renderSentences, type SpeechEngine } from '../../core/narration/speech-engine';
import type { Lesson } from '../../core/lessons/lesson-schema';
import type { Sha256Hex } from '../../core/sync/protocol/event-hash';
import { loadLessonNarration, readNarrationEntries, strayNarrationFiles } from '../lessons/load-narration';
import { encodeOggOpus } from './opus-encoder';

export type VoiceSummary = { readonly lesson: string; readonly rendered: string[]; readonly reused: number; readonly removed: string[]; readonly bytes: number; readonly seconds: number };

export type RenderOptions = {
  readonly lessonsDir: string;
  readonly engine: SpeechEngine;
  readonly sha256Hex: Sha256Hex;
  readonly force: boolean;
};

/** A stable Ogg stream serial per item, so re-rendering the same text gives the same bytes. */
function serialOf(hash: string): number {
  return Number.parseInt(hash.slice(0, 8), 16);
}

/** Renders what one lesson is missing and rewrites its sidecar. */
export async function renderLessonNarration(lesson: Lesson, options: RenderOptions): Promise<VoiceSummary> {
  const dir = join(options.lessonsDir, lesson.id, NARRATION_DIR);
  mkdirSync(dir, { recursive: true });
  const current = loadLessonNarration(options.lessonsDir, lesson, options.sha256Hex);
  const old = readNarrationEntries(options.lessonsDir, lesson);
  const items: NarrationEntry[] = [];
  const rendered: string[] = [];
  let ms = 0;
  for (const item of narrationItems(lesson)) {
    const hash = options.sha256Hex(item.script);
    const file = narrationFileName(item.key);
    const reusable = old.find((entry) => entry.key === item.key && entry.sha256 === hash && entry.file === file);
    const isBroken = current.findings.some((finding) => finding.item === item.key && finding.path.endsWith(`/${NARRATION_DIR}/${file}`));
    if (reusable && !isBroken && !options.force) {
      items.push(reusable);
      ms += reusable.duration_ms;
      continue;
    }
    const speech = await renderSentences(options.engine, item.sentences.map((sentence) => sentence.speech));
    const audio = encodeOggOpus(speech.samples, speech.sampleRate, serialOf(hash));
    writeFileAtomic(join(dir, file), audio);
    rendered.push(item.key);
    ms += speech.durationMs;
    items.push({ key: item.key, file, sha256: hash, duration_ms: speech.durationMs, sentence_starts_ms: speech.sentenceStartsMs, engine: options.engine.engine, voice: options.engine.voice });
  }
  const sidecar: NarrationSidecar = { format: NARRATION_FORMAT, lesson: lesson.id, items };
  writeFileAtomic(join(dir, NARRATION_FILE), `${JSON.stringify(sidecar, null, 2)}\n`);
  const removed = strayNarrationFiles(options.lessonsDir, lesson, items);
  for (const name of removed) rmSync(join(dir, name), { force: true });
  const after = loadLessonNarration(options.lessonsDir, lesson, options.sha256Hex);
  return { lesson: lesson.id, rendered, reused: items.length - rendered.length, removed, bytes: after.usable.bytes, seconds: Math.round(ms / 100) / 10 };
}
