import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultLessonsDir, runLessonsCli } from '../../../electron/station/cli/lessons-cli';

const REAL = join(import.meta.dirname, '../../../lessons');

async function run(args: string[]): Promise<{ status: number; stdout: string; lines: unknown[] }> {
  let stdout = '';
  const status = await runLessonsCli(args, { stdout: (text) => (stdout += text) });
  const lines = stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as unknown);
  return { status, stdout, lines };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tram-lessons-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('tram lessons check', () => {
  it("defaults to the repository's lessons folder", () => {
    expect(defaultLessonsDir()).toBe(REAL);
  });

  it('prints one JSON line summarising every real lesson and exits 0', async () => {
    const { status, lines, stdout } = await run(['check']);
    expect(status).toBe(0);
    expect(stdout.endsWith('\n')).toBe(true);
    expect(lines).toHaveLength(1);
    const report = lines[0] as { ok: boolean; lessons: { id: string }[]; problems: unknown[] };
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.lessons).toHaveLength(12);
    expect(report.lessons).toContainEqual({ id: 'lua-dao-dau-tu', steps: 6, questions: 3, competencies: ['1.2', '4.2', '5.4'] });
    expect(report.lessons).toContainEqual({ id: 'tro-ly-ai-an-toan', steps: 7, questions: 4, competencies: ['6.1', '6.2', '6.3', '4.2'] });
  });

  it('checks the folder given and exits 2 with the problems when a pack is broken', async () => {
    cpSync(REAL, dir, { recursive: true });
    writeFileSync(join(dir, 'tro-ly-ai-an-toan', 's3.svg'), '<svg><script/></svg>');
    const { status, lines } = await run(['check', dir]);
    expect(status).toBe(2);
    expect(lines).toMatchObject([{ ok: false, problems: [{ folder: 'tro-ly-ai-an-toan', path: 'tro-ly-ai-an-toan/s3.svg', message: 'contains a <script> element' }] }]);
    const report = lines[0] as { lessons: { id: string }[] };
    expect(report.lessons).toHaveLength(11);
    expect(report.lessons.map((l) => l.id)).not.toContain('tro-ly-ai-an-toan');
  });

  it('skips only the broken pack and still lists the good ones', async () => {
    // tro-ly-ai-an-toan links back to kiem-chung-thong-tin only, so these two form a closed set.
    cpSync(join(REAL, 'kiem-chung-thong-tin'), join(dir, 'kiem-chung-thong-tin'), { recursive: true });
    cpSync(join(REAL, 'tro-ly-ai-an-toan'), join(dir, 'tro-ly-ai-an-toan'), { recursive: true });
    writeFileSync(join(dir, 'kiem-chung-thong-tin', 'lesson.json'), '{');
    const { status, lines } = await run(['check', dir]);
    expect(status).toBe(2);
    const report = lines[0] as { ok: boolean; lessons: { id: string }[]; problems: { path: string }[] };
    expect(report.lessons.map((l) => l.id)).toEqual(['tro-ly-ai-an-toan']);
    expect(report.problems.map((p) => p.path)).toEqual(['kiem-chung-thong-tin/lesson.json']);
  });

  it('exits 2 for a folder that does not exist', async () => {
    const { status, lines } = await run(['check', join(dir, 'khong-co')]);
    expect(status).toBe(2);
    expect(lines).toMatchObject([{ ok: false, lessons: [], problems: [{ folder: '' }] }]);
  });

  it.each([[[]], [['verify']], [['check', 'a', 'b']], [['check', '--bogus']]])('refuses the arguments %j with a usage line and exit 2', async (args) => {
    const { status, lines } = await run(args);
    expect(status).toBe(2);
    expect(lines).toMatchObject([{ ok: false, code: 'usage' }]);
  });

  it('prints usage for --help and exits 0', async () => {
    const { status, stdout } = await run(['--help']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Usage: tram lessons check \[DIR\]/);
  });
});
