/**
 * `tram lessons voice [DIR] [--force]`: renders the narration of every valid lesson pack under DIR
 * (station/voice/render-narration.ts) and prints one JSON line: per lesson, what was rendered, reused
 * and removed, and the total size and length of the pack audio. Exit 2 when a pack is broken (it is
 * not rendered) or the engine cannot load.
 */
import { loadLessons } from '../lessons/load-lessons';
import { sha256Hex } from '../crypto/node-hash';
import { loadEspeakEngine } from '../voice/espeak-node';
import { renderLessonNarration, type VoiceSummary } from '../voice/render-narration';
import type { CliIo } from './cli-io';

export async function runVoiceCommand(lessonsDir: string, force: boolean, io: Pick<CliIo, 'stdout'>): Promise<number> {
  const { lessons, problems } = loadLessons(lessonsDir);
  let engine;
  try {
    engine = await loadEspeakEngine();
  } catch (error) {
    io.stdout(`${JSON.stringify({ ok: false, code: 'engine_unavailable', message: error instanceof Error ? error.message : String(error) })}\n`);
    return 2;
  }
  const summaries: VoiceSummary[] = [];
  for (const lesson of lessons) summaries.push(await renderLessonNarration(lesson, { lessonsDir, engine, sha256Hex, force }));
  const bytes = summaries.reduce((sum, each) => sum + each.bytes, 0);
  const seconds = Math.round(summaries.reduce((sum, each) => sum + each.seconds, 0) * 10) / 10;
  io.stdout(`${JSON.stringify({ ok: problems.length === 0, engine: engine.engine, voice: engine.voice, lessons: summaries, total_bytes: bytes, total_seconds: seconds, problems })}\n`);
  return problems.length === 0 ? 0 : 2;
}
