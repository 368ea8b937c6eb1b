import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseLesson, type Lesson } from '../../../electron/core/lessons/lesson-schema';
import { narrationItems } from '../../../electron/core/narration/narration-items';
import type { NarrationEntry } from '../../../electron/core/narration/narration-sidecar';
import { encodeWav } from '../../../electron/core/narration/wav';
import { sha256Hex } from '../../../electron/station/crypto/node-hash';
import { AUDIO_SKIPPED, loadLessonNarration } from '../../../electron/station/lessons/load-narration';
import { loadLessons } from '../../../electron/station/lessons/load-lessons';
import { mp3File, opusFile, writeNarration } from '../../support/narration-fixture';
import { validLessonJson } from '../../support/lesson-json';

const REPO_LESSONS = join(import.meta.dirname, '../../../lessons');

function lessonOf(json: unknown): Lesson {
  const parsed = parseLesson(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

const json = validLessonJson();
const LESSON = lessonOf(json);
const ITEMS = narrationItems(LESSON);
const item = (key: string) => ITEMS.find((each) => each.key === key)!;

/** A sidecar entry as tram lessons voice writes it, for an item spoken in `ms`. */
function entry(key: string, ms = 2000, change: Partial<NarrationEntry> = {}): NarrationEntry {
  const sentences = item(key).sentences.length;
  return { key, file: `${key}.opus`, sha256: sha256Hex(item(key).script), duration_ms: ms, sentence_starts_ms: Array.from({ length: sentences }, (_, i) => i * 300), engine: 'test', voice: 'vi', ...change };
}

describe('loadLessonNarration (what tram lessons check reports, and what the player gets)', () => {
  let dir: string;
  const pack = () => join(dir, LESSON.id);
  const load = () => loadLessonNarration(dir, LESSON, sha256Hex);
  const finding = (key: string | null) => load().findings.filter((each) => each.item === key);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tram-narration-'));
    mkdirSync(pack());
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives every item with valid, current audio to the player, with its sentence times', () => {
    const entries = ITEMS.map((each) => entry(each.key));
    writeNarration(pack(), LESSON.id, entries, Object.fromEntries(entries.map((each) => [each.file, opusFile(2000)])));
    const narration = load();
    expect(narration.findings).toEqual([]);
    expect(narration.views.get('s1')).toEqual({ audio: { url: 'lessons/bai-thu/narration/s1.opus', sentenceStartsMs: [0] }, skipped: null });
    expect(narration.views.get('q2')?.audio?.sentenceStartsMs).toEqual([0, 300, 600, 900]);
    expect(narration.usable.files).toBe(ITEMS.length);
  });

  it('reports each item without audio, and the player falls back quietly', () => {
    const narration = load();
    expect(narration.findings.map((each) => each.code)).toEqual(ITEMS.map(() => 'no_audio'));
    expect(narration.views.get('s1')).toEqual({ audio: null, skipped: null });
  });

  it('reports a missing file, and the learner sees that the recorded reading was skipped', () => {
    writeNarration(pack(), LESSON.id, [entry('s1')], {});
    expect(finding('s1')).toMatchObject([{ code: 'missing_file', path: 'bai-thu/narration/s1.opus' }]);
    expect(load().views.get('s1')).toEqual({ audio: null, skipped: AUDIO_SKIPPED });
  });

  it('reports a corrupt file (a flipped byte fails the Ogg checksum)', () => {
    const bytes = opusFile(2000).slice();
    bytes[100] = (bytes[100] ?? 0) ^ 0x40;
    writeNarration(pack(), LESSON.id, [entry('s1')], { 's1.opus': bytes });
    expect(finding('s1')).toMatchObject([{ code: 'corrupt', message: expect.stringMatching(/checksum/) }]);
    expect(load().views.get('s1')?.skipped).toEqual(AUDIO_SKIPPED);
  });

  it('reports audio whose text has changed as stale, and never plays it', () => {
    writeNarration(pack(), LESSON.id, [entry('s1', 2000, { sha256: sha256Hex('an older text') })], { 's1.opus': opusFile(2000) });
    expect(finding('s1')).toMatchObject([{ code: 'stale' }]);
    expect(load().views.get('s1')).toEqual({ audio: null, skipped: null });
  });

  it('reports audio far too long for its text (3 syllables, 60 s)', () => {
    writeNarration(pack(), LESSON.id, [entry('s1', 60_000)], { 's1.opus': opusFile(60_000) });
    expect(finding('s1')).toMatchObject([{ code: 'too_long', message: expect.stringMatching(/60\.0 s for 3 syllables/) }]);
  });

  it('reports audio too short to say its text', () => {
    writeNarration(pack(), LESSON.id, [entry('s1', 100)], { 's1.opus': opusFile(100) });
    expect(finding('s1')).toMatchObject([{ code: 'too_short' }]);
  });

  it('reports a file that is not in the allowed format (a WAV renamed .opus)', () => {
    writeNarration(pack(), LESSON.id, [entry('s1')], { 's1.opus': encodeWav(new Int16Array(44_100), 22_050) });
    expect(finding('s1')).toMatchObject([{ code: 'bad_format', message: expect.stringMatching(/holds wav/) }]);
  });

  it('reports a sidecar that lies about the length or the number of sentences', () => {
    writeNarration(pack(), LESSON.id, [entry('s1', 4000), entry('q1', 2000, { sentence_starts_ms: [0] })], { 's1.opus': opusFile(2000), 'q1.opus': opusFile(2000) });
    expect(finding('s1')).toMatchObject([{ code: 'corrupt', message: 'lasts 2000 ms, the sidecar says 4000 ms' }]);
    expect(finding('q1')).toMatchObject([{ code: 'corrupt', message: '1 sentence times for 4 sentences' }]);
  });

  it('reports a broken sidecar, and every item as without audio', () => {
    mkdirSync(join(pack(), 'narration'));
    writeFileSync(join(pack(), 'narration', 'narration.json'), '{"format": 1, "lesson": "bai-thu", "items": [{"key": "s1"}]}');
    const problems = finding(null);
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem).toMatchObject({ code: 'bad_sidecar', path: expect.stringMatching(/^bai-thu\/narration\/narration\.json#items\.0/) });
    expect(load().views.get('s1')).toEqual({ audio: null, skipped: null });
  });

  it('reports files no item uses any more', () => {
    writeNarration(pack(), LESSON.id, [entry('s1'), { ...entry('s1'), key: 's9', file: 's9.opus', sha256: sha256Hex('gone') }], { 's1.opus': opusFile(2000), 's9.opus': opusFile(2000), 'old.opus': opusFile(2000) });
    expect(load().findings.filter((each) => each.code === 'unused').map((each) => each.path)).toEqual(['bai-thu/narration/s9.opus', 'bai-thu/narration/old.opus']);
  });

  it('finds audio by its text after steps are renumbered', () => {
    writeNarration(pack(), LESSON.id, [{ ...entry('s2'), key: 's7', file: 's7.opus' }], { 's7.opus': opusFile(2000) });
    expect(load().views.get('s2')?.audio?.url).toBe('lessons/bai-thu/narration/s7.opus');
  });

  it('plays the author’s own recording first, with sentence times estimated from its length', () => {
    const withRecording = lessonOf({ ...json, steps: json.steps.map((step, i) => (i === 0 ? { ...step, audio: 's1.mp3', text: { vi: 'Một câu. Hai câu nữa đây.', en: 'x' } } : step)) });
    writeFileSync(join(pack(), 's1.mp3'), mp3File(100));
    const narration = loadLessonNarration(dir, withRecording, sha256Hex);
    expect(narration.views.get('s1')).toEqual({ audio: { url: 'lessons/bai-thu/s1.mp3', sentenceStartsMs: [0, 871] }, skipped: null });
  });

  it('skips a broken author’s recording with a note, and reads the rendered narration instead', () => {
    const withRecording = lessonOf({ ...json, steps: json.steps.map((step, i) => (i === 0 ? { ...step, audio: 's1.mp3' } : step)) });
    writeFileSync(join(pack(), 's1.mp3'), mp3File(100).subarray(0, 1000));
    writeNarration(pack(), LESSON.id, [entry('s1')], { 's1.opus': opusFile(2000) });
    const narration = loadLessonNarration(dir, withRecording, sha256Hex);
    expect(narration.findings).toContainEqual(expect.objectContaining({ item: 's1', path: 'bai-thu/s1.mp3', code: 'corrupt' }));
    expect(narration.views.get('s1')).toEqual({ audio: { url: 'lessons/bai-thu/narration/s1.opus', sentenceStartsMs: [0] }, skipped: AUDIO_SKIPPED });
  });
});

describe('the shipped lessons', () => {
  it('have current, valid narration for every item', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tram-shipped-'));
    try {
      cpSync(REPO_LESSONS, dir, { recursive: true });
      const { lessons } = loadLessons(dir);
      for (const lesson of lessons) expect(loadLessonNarration(dir, lesson, sha256Hex).findings).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
