import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLessonsCli } from '../../../electron/station/cli/lessons-cli';
import { validLessonJson } from '../../support/lesson-json';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300"><title>x</title></svg>';

/** Runs `tram lessons <args>` and returns its exit status and parsed JSON line. */
async function tram(args: string[]): Promise<{ status: number; json: Record<string, unknown> & { narration?: { findings: Array<{ code: string; item: string }>; bytes: number; with_audio: number; items: number } } }> {
  let out = '';
  const status = await runLessonsCli(args, { stdout: (text) => (out += text), now: () => Date.UTC(2026, 11, 4) });
  return { status, json: JSON.parse(out) };
}

describe('tram lessons voice on a small pack, then tram lessons check', () => {
  let dir: string;
  const pack = () => join(dir, 'bai-thu');
  const sidecar = () => JSON.parse(readFileSync(join(pack(), 'narration', 'narration.json'), 'utf8')) as { items: Array<{ key: string; sha256: string; engine: string }> };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tram-voice-'));
    mkdirSync(pack());
    const json = validLessonJson();
    json.next = [];
    json.steps[0]!.text = { vi: 'Chào bác. Hôm nay ta học mã OTP, gồm 6 chữ số.', en: 'Hello.' };
    writeFileSync(join(pack(), 'lesson.json'), JSON.stringify(json));
    for (let n = 1; n <= 5; n++) writeFileSync(join(pack(), `s${n}.svg`), SVG);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('before rendering, check lists every item without audio but passes (exit 0); --strict fails (exit 1)', async () => {
    const { status, json } = await tram(['check', dir]);
    expect(status).toBe(0);
    expect(json.narration?.findings.every((finding) => finding.code === 'no_audio')).toBe(true);
    expect(json.narration?.with_audio).toBe(0);
    expect((await tram(['check', dir, '--strict'])).status).toBe(1);
  });

  it('renders every step, question and explanation, records the text hash and engine, and check is clean', async () => {
    const { status, json } = await tram(['voice', dir]);
    expect(status).toBe(0);
    const [summary] = json.lessons as Array<{ rendered: string[]; reused: number }>;
    expect(summary?.rendered).toEqual(['s1', 's2', 's3', 's4', 's5', 'q1', 'q2', 'q3', 'q1-explanation', 'q2-explanation', 'q3-explanation']);
    expect(sidecar().items[0]).toMatchObject({ key: 's1', engine: expect.stringMatching(/^espeak-ng/) });
    const check = await tram(['check', dir, '--strict']);
    expect(check.status).toBe(0);
    expect(check.json.narration).toMatchObject({ findings: [], items: 11, with_audio: 11 });
    expect(check.json.narration?.bytes).toBeGreaterThan(1000);
  }, 60_000);

  it('renders again only the item whose text changed, which check first reports as stale', async () => {
    const json = JSON.parse(readFileSync(join(pack(), 'lesson.json'), 'utf8')) as ReturnType<typeof validLessonJson>;
    json.steps[1]!.text = { vi: 'Không đọc mã cho ai, kể cả người xưng là công an.', en: 'x' };
    writeFileSync(join(pack(), 'lesson.json'), JSON.stringify(json));
    const before = sidecar().items.find((item) => item.key === 's2')?.sha256;
    const check = await tram(['check', dir]);
    expect(check.status).toBe(0);
    expect(check.json.narration?.findings).toEqual([expect.objectContaining({ item: 's2', code: 'stale' })]);
    const { json: out } = await tram(['voice', dir]);
    expect((out.lessons as Array<{ rendered: string[]; reused: number }>)[0]).toMatchObject({ rendered: ['s2'], reused: 10 });
    expect(sidecar().items.find((item) => item.key === 's2')?.sha256).not.toBe(before);
    expect((await tram(['check', dir, '--strict'])).status).toBe(0);
  }, 60_000);

  it('check exits 2 on a damaged file, and voice renders it again', async () => {
    writeFileSync(join(pack(), 'narration', 'q1.opus'), 'not audio');
    const check = await tram(['check', dir]);
    expect(check.status).toBe(2);
    expect(check.json.narration?.findings).toEqual([expect.objectContaining({ item: 'q1', code: 'bad_format' })]);
    const { json: out } = await tram(['voice', dir]);
    expect((out.lessons as Array<{ rendered: string[] }>)[0]?.rendered).toEqual(['q1']);
    expect((await tram(['check', dir])).status).toBe(0);
  }, 60_000);

  it('refuses a second folder argument', async () => {
    expect((await tram(['voice', dir, 'extra'])).status).toBe(2);
  });
});
