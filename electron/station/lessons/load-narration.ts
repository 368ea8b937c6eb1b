/**
 * Reads a lesson's narration (core/narration/narration-sidecar.ts) and decides, for every item the
 * lesson speaks, which pack audio the player may use: the author's own recording (`audio` of a
 * step) first, else the rendered narration whose recorded SHA-256 equals the hash of the text the
 * item speaks now. Never throws: every fault is a finding, and the item falls back to the next
 * voice in the player. Broken files (missing, damaged, wrong format, too long or too short for the
 * text) also get a note the learner sees; text without audio or with stale audio falls back quietly.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { probeAudio } from '../../core/narration/audio-probe';
import { maxNarrationMs, minNarrationMs, narrationItems, syllableCount, type NarrationItem } from '../../core/narration/narration-items';
import { NARRATION_DIR, NARRATION_FILE, narrationSidecarSchema, type NarrationEntry } from '../../core/narration/narration-sidecar';
import type { Lesson } from '../../core/lessons/lesson-schema';
import type { Sha256Hex } from '../../core/sync/protocol/event-hash';
import type { Bilingual, NarrationView } from '../../contract/dto';
import { readPackFile } from './pack-files';

export type NarrationFindingCode = 'no_audio' | 'stale' | 'unused' | 'missing_file' | 'corrupt' | 'bad_format' | 'too_long' | 'too_short' | 'bad_sidecar';

/** Findings that mean a file in the pack is wrong (`tram lessons check` exits 2); the others are to-dos. */
export const BROKEN_NARRATION: ReadonlySet<NarrationFindingCode> = new Set(['missing_file', 'corrupt', 'bad_format', 'too_long', 'too_short', 'bad_sidecar']);

export type NarrationFinding = {
  readonly lesson: string;
  /** The spoken item ("s3", "q1", …), or null for the sidecar as a whole. */
  readonly item: string | null;
  /** Path in the lessons folder ("<id>/narration/s3.opus"). */
  readonly path: string;
  readonly code: NarrationFindingCode;
  readonly message: string;
};

export type LessonNarration = {
  /** Item key → what the player gets. Every item of narrationItems(lesson) has a view. */
  readonly views: ReadonlyMap<string, NarrationView>;
  readonly findings: readonly NarrationFinding[];
  /** Pack audio the player can use: files and their bytes and length (rendered and recorded). */
  readonly usable: { readonly files: number; readonly bytes: number; readonly ms: number };
};

export const AUDIO_SKIPPED: Bilingual = {
  vi: 'Không phát được bài đọc ghi sẵn của phần này, máy đọc bằng giọng khác.',
  en: 'The recorded reading of this part cannot be played; another voice reads it.',
};

type Usable = { readonly url: string; readonly startsMs: readonly number[]; readonly bytes: number; readonly ms: number };
type Checked = { readonly ok: true; readonly value: Usable } | { readonly ok: false; readonly code: NarrationFindingCode; readonly message: string };

/** Reads and checks the narration of one lesson in `lessonsDir/<id>/`. */
export function loadLessonNarration(lessonsDir: string, lesson: Lesson, sha256Hex: Sha256Hex): LessonNarration {
  const packDir = join(lessonsDir, lesson.id);
  const findings: NarrationFinding[] = [];
  const at = (file: string) => `${lesson.id}/${NARRATION_DIR}/${file}`;
  const entries = readSidecar(packDir, lesson, findings);
  const views = new Map<string, NarrationView>();
  const used = new Set<string>();
  let files = 0;
  let bytes = 0;
  let ms = 0;
  const take = (usable: Usable) => {
    files++;
    bytes += usable.bytes;
    ms += usable.ms;
  };

  for (const item of narrationItems(lesson)) {
    const hash = sha256Hex(item.script);
    let skipped = false;
    const authored = lesson.steps.find((step) => step.id === item.key);
    // Practice steps have no recording of their own: the kiosk draws them, so their narration is rendered.
    const recording = authored !== undefined && authored.type !== 'practice' ? authored.audio : undefined;
    if (recording !== undefined) {
      const checked = checkFile(packDir, recording, `lessons/${encodeURIComponent(lesson.id)}/${encodeURIComponent(recording)}`, item, null);
      if (checked.ok) {
        take(checked.value);
        views.set(item.key, { audio: { url: checked.value.url, sentenceStartsMs: checked.value.startsMs }, skipped: null });
        continue;
      }
      findings.push({ lesson: lesson.id, item: item.key, path: `${lesson.id}/${recording}`, code: checked.code, message: `the author's recording: ${checked.message}` });
      skipped = true;
    }
    const entry = entries.find((candidate) => candidate.key === item.key && candidate.sha256 === hash) ?? entries.find((candidate) => candidate.sha256 === hash);
    if (entry === undefined) {
      const old = entries.find((candidate) => candidate.key === item.key);
      if (old !== undefined) findings.push({ lesson: lesson.id, item: item.key, path: at(old.file), code: 'stale', message: 'the text changed since this audio was made; run tram lessons voice' });
      else findings.push({ lesson: lesson.id, item: item.key, path: at(`${item.key}.opus`), code: 'no_audio', message: 'no rendered audio for this text; run tram lessons voice' });
      views.set(item.key, { audio: null, skipped: skipped ? AUDIO_SKIPPED : null });
      continue;
    }
    used.add(entry.file);
    const url = `lessons/${encodeURIComponent(lesson.id)}/${NARRATION_DIR}/${encodeURIComponent(entry.file)}`;
    const checked = checkFile(join(packDir, NARRATION_DIR), entry.file, url, item, entry);
    if (checked.ok) {
      take(checked.value);
      views.set(item.key, { audio: { url, sentenceStartsMs: checked.value.startsMs }, skipped: skipped ? AUDIO_SKIPPED : null });
    } else {
      findings.push({ lesson: lesson.id, item: item.key, path: at(entry.file), code: checked.code, message: checked.message });
      views.set(item.key, { audio: null, skipped: AUDIO_SKIPPED });
    }
  }
  const staleKeys = new Set(findings.filter((finding) => finding.code === 'stale').map((finding) => finding.item));
  for (const entry of entries) {
    // A stale entry's file is reported once, as stale.
    if (!used.has(entry.file) && !staleKeys.has(entry.key)) findings.push({ lesson: lesson.id, item: entry.key, path: at(entry.file), code: 'unused', message: 'no item of the lesson speaks this text any more; tram lessons voice removes it' });
  }
  for (const name of strayNarrationFiles(lessonsDir, lesson, entries)) {
    findings.push({ lesson: lesson.id, item: null, path: at(name), code: 'unused', message: 'not listed in narration.json; tram lessons voice removes it' });
  }
  return { views, findings, usable: { files, bytes, ms } };
}

/** The sidecar's entries, or none (with a finding) when it is absent or invalid. */
function readSidecar(packDir: string, lesson: Lesson, findings: NarrationFinding[]): readonly NarrationEntry[] {
  const path = `${lesson.id}/${NARRATION_DIR}/${NARRATION_FILE}`;
  const file = readPackFile(join(packDir, NARRATION_DIR), NARRATION_FILE, 1024 * 1024);
  if (typeof file === 'string') {
    // No sidecar at all is a lesson nobody has rendered yet: every item says so as no_audio.
    if (file !== 'file is missing') findings.push({ lesson: lesson.id, item: null, path, code: 'bad_sidecar', message: file });
    return [];
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(file));
  } catch (error) {
    findings.push({ lesson: lesson.id, item: null, path, code: 'bad_sidecar', message: `not valid UTF-8 JSON: ${error instanceof Error ? error.message : String(error)}` });
    return [];
  }
  const parsed = narrationSidecarSchema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) findings.push({ lesson: lesson.id, item: null, path: `${path}#${issue.path.join('.')}`, code: 'bad_sidecar', message: issue.message });
    return [];
  }
  if (parsed.data.lesson !== lesson.id) {
    findings.push({ lesson: lesson.id, item: null, path: `${path}#lesson`, code: 'bad_sidecar', message: `made for lesson "${parsed.data.lesson}"` });
    return [];
  }
  return parsed.data.items;
}

/** Checks one audio file against the item it speaks; `entry` adds the sidecar's claims to check. */
function checkFile(dir: string, name: string, url: string, item: NarrationItem, entry: NarrationEntry | null): Checked {
  const bytes = readPackFile(dir, name, MAX_NARRATION_BYTES);
  if (typeof bytes === 'string') return { ok: false, code: bytes === 'file is missing' ? 'missing_file' : bytes.includes('more than the limit') ? 'too_long' : 'corrupt', message: bytes };
  const probe = probeAudio(bytes, extname(name));
  if (!probe.ok) return { ok: false, code: probe.code, message: probe.message };
  const syllables = syllableCount(item);
  if (probe.durationMs > maxNarrationMs(syllables)) return { ok: false, code: 'too_long', message: `${(probe.durationMs / 1000).toFixed(1)} s for ${syllables} syllables (at most ${maxNarrationMs(syllables) / 1000} s)` };
  if (probe.durationMs < minNarrationMs(syllables)) return { ok: false, code: 'too_short', message: `${(probe.durationMs / 1000).toFixed(1)} s for ${syllables} syllables (at least ${minNarrationMs(syllables) / 1000} s)` };
  if (entry !== null) {
    if (Math.abs(entry.duration_ms - probe.durationMs) > 250) return { ok: false, code: 'corrupt', message: `lasts ${probe.durationMs} ms, the sidecar says ${entry.duration_ms} ms` };
    if (entry.sentence_starts_ms.length !== item.sentences.length) return { ok: false, code: 'corrupt', message: `${entry.sentence_starts_ms.length} sentence times for ${item.sentences.length} sentences` };
  }
  const startsMs = entry?.sentence_starts_ms ?? estimatedStarts(item, probe.durationMs);
  return { ok: true, value: { url, startsMs, bytes: bytes.length, ms: probe.durationMs } };
}

/** For an author's recording: sentence starts in proportion to their syllables. */
function estimatedStarts(item: NarrationItem, durationMs: number): number[] {
  const counts = item.sentences.map((sentence) => syllableCount({ sentences: [sentence] }));
  const total = counts.reduce((sum, count) => sum + count, 0) || 1;
  let before = 0;
  return counts.map((count) => {
    const start = Math.round((durationMs * before) / total);
    before += count;
    return start;
  });
}

/** About five minutes of speech at 128 kbit/s: far more than one item's narration needs. */
export const MAX_NARRATION_BYTES = 5 * 1024 * 1024;

/** Audio files in the narration folder that the sidecar does not list (left by an old render). */
export function strayNarrationFiles(lessonsDir: string, lesson: Lesson, entries: readonly NarrationEntry[]): string[] {
  try {
    const listed = new Set(entries.map((entry) => entry.file));
    return readdirSync(join(lessonsDir, lesson.id, NARRATION_DIR)).filter((name) => name !== NARRATION_FILE && !name.startsWith('.') && !listed.has(name));
  } catch {
    return [];
  }
}

/** Reads the sidecar for the voice command (its entries, or none when absent or invalid). */
export function readNarrationEntries(lessonsDir: string, lesson: Lesson): readonly NarrationEntry[] {
  try {
    const parsed = narrationSidecarSchema.safeParse(JSON.parse(readFileSync(join(lessonsDir, lesson.id, NARRATION_DIR, NARRATION_FILE), 'utf8')));
    return parsed.success && parsed.data.lesson === lesson.id ? parsed.data.items : [];
  } catch {
    return [];
  }
}
