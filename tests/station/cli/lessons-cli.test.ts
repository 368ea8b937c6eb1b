import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultLessonsDir, runLessonsCli } from '../../../electron/station/cli/lessons-cli';

const REAL = join(import.meta.dirname, '../../../lessons');

/** 2026-12-04 10:00 in Vietnam: the day of the December fact-check. */
const FACT_CHECK_DAY_MS = Date.parse('2026-12-04T03:00:00Z');

async function run(args: string[], nowMs = FACT_CHECK_DAY_MS): Promise<{ status: number; stdout: string; lines: unknown[] }> {
  let stdout = '';
  const status = await runLessonsCli(args, { stdout: (text) => (stdout += text), now: () => nowMs });
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
    const report = lines[0] as { ok: boolean; today: string; lessons: { id: string }[]; problems: unknown[] };
    expect(report.ok).toBe(true);
    expect(report.today).toBe('2026-12-04');
    expect(report.problems).toEqual([]);
    expect(report.lessons).toHaveLength(20);
    expect(report.lessons).toContainEqual({ id: 'lua-dao-dau-tu', version: 2, steps: 6, practice_steps: 0, questions: 3, competencies: ['1.2', '4.2', '5.4'], facts: 6, facts_to_review: 1 });
    expect(report.lessons).toContainEqual({ id: 'thanh-toan-vietqr', version: 3, steps: 8, practice_steps: 1, questions: 4, competencies: ['2.3', '4.2', '5.2'], facts: 8, facts_to_review: 2 });
  });

  it('checks the folder given and exits 2 with the problems when a pack is broken', async () => {
    cpSync(REAL, dir, { recursive: true });
    writeFileSync(join(dir, 'tro-ly-ai-an-toan', 's3.svg'), '<svg><script/></svg>');
    const { status, lines } = await run(['check', dir]);
    expect(status).toBe(2);
    expect(lines).toMatchObject([{ ok: false, problems: [{ folder: 'tro-ly-ai-an-toan', path: 'tro-ly-ai-an-toan/s3.svg', message: 'contains a <script> element' }] }]);
    const report = lines[0] as { lessons: { id: string }[] };
    expect(report.lessons).toHaveLength(19);
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
    expect(stdout).toMatch(/^Usage: tram lessons check \[DIR\] \[--facts \| --map\] \[--today YYYY-MM-DD\] \[--strict\]/);
  });
});

type FactRowJson = { lesson: string; fact: string; kind: string; text: string; status: string; checked_on: string | null; used_in: string[]; review: string; withheld_at_kiosk: boolean };
type CheckJson = { ok: boolean; today: string; facts_to_review: FactRowJson[]; problems: unknown[] };

function editLesson(packDir: string, lessonId: string, edit: (lesson: { facts: Record<string, unknown>[]; next: string[] }) => void): void {
  const file = join(packDir, lessonId, 'lesson.json');
  const lesson = JSON.parse(readFileSync(file, 'utf8')) as { facts: Record<string, unknown>[]; next: string[] };
  edit(lesson);
  writeFileSync(file, `${JSON.stringify(lesson, null, 2)}\n`);
}

/** Marks a fact of a copied pack confirmed, as a reviewer would after checking it. */
function confirmFact(packDir: string, lessonId: string, factId: string, checkedOn: string): void {
  editLesson(packDir, lessonId, (lesson) => {
    lesson.facts = lesson.facts.map((fact) =>
      fact['id'] === factId ? { id: fact['id'], kind: fact['kind'], text: fact['text'], status: 'confirmed', checked_on: checkedOn, source: 'https://example.vn/nha-mang-xac-nhan-dau-so' } : fact,
    );
  });
}

describe('tram lessons check: facts to review', () => {
  it('lists the 156 and 5656 steps as to verify, withheld at the kiosk, and still exits 0', async () => {
    const { status, lines } = await run(['check']);
    expect(status).toBe(0);
    const report = lines[0] as CheckJson;
    expect(report.facts_to_review.filter((row) => row.kind === 'phone')).toEqual([
      expect.objectContaining({ lesson: 'cuoc-goi-gia-danh-cong-an', fact: 'dau-so-156', text: '156', status: 'to_verify', used_in: ['s7'], review: 'to_verify', withheld_at_kiosk: true }),
      expect.objectContaining({ lesson: 'tin-nhan-nhan-qua-shipper-gia', fact: 'dau-so-5656', text: '5656', status: 'to_verify', used_in: ['s7'], review: 'to_verify', withheld_at_kiosk: true }),
    ]);
    expect(report.facts_to_review.every((row) => row.review === 'to_verify')).toBe(true);
    expect(report.facts_to_review).toHaveLength(26);
  });

  it('drops a number from the list once a reviewer confirms it, and keeps the other', async () => {
    cpSync(REAL, dir, { recursive: true });
    confirmFact(dir, 'cuoc-goi-gia-danh-cong-an', 'dau-so-156', '2026-12-10');
    const { status, lines } = await run(['check', dir, '--today', '2026-12-10']);
    expect(status).toBe(0);
    const report = lines[0] as CheckJson;
    expect(report.facts_to_review.map((row) => row.fact)).not.toContain('dau-so-156');
    expect(report.facts_to_review.map((row) => row.fact)).toContain('dau-so-5656');
  });

  it('lists confirmed facts again once they are more than 12 months old', async () => {
    const onTheDay = (await run(['check', '--today', '2027-12-04'])).lines[0] as CheckJson;
    expect(onTheDay.facts_to_review.filter((row) => row.review === 'stale')).toEqual([]);
    const dayAfter = await run(['check', '--today', '2027-12-05']);
    expect(dayAfter.status).toBe(0);
    const stale = (dayAfter.lines[0] as CheckJson).facts_to_review.filter((row) => row.review === 'stale');
    expect(stale).toHaveLength(134 - 26);
    expect(stale.every((row) => row.status === 'confirmed' && row.checked_on === '2026-12-04')).toBe(true);
  });

  it('judges facts by today in Vietnam when --today is not given', async () => {
    // 2027-12-04 17:30 UTC is already 2027-12-05 in Vietnam.
    const report = (await run(['check'], Date.parse('2027-12-04T17:30:00Z'))).lines[0] as CheckJson;
    expect(report.today).toBe('2027-12-05');
    expect(report.facts_to_review.some((row) => row.review === 'stale')).toBe(true);
  });

  it('exits 1 with --strict while any fact needs review, and 2 when a pack is broken', async () => {
    expect((await run(['check', '--strict'])).status).toBe(1);
    cpSync(REAL, dir, { recursive: true });
    writeFileSync(join(dir, 'zalo-an-toan', 'lesson.json'), '{');
    expect((await run(['check', dir, '--strict'])).status).toBe(2);
  });

  it('exits 0 with --strict when every fact is confirmed and fresh', async () => {
    cpSync(join(REAL, 'kiem-chung-thong-tin'), join(dir, 'kiem-chung-thong-tin'), { recursive: true });
    cpSync(join(REAL, 'tro-ly-ai-an-toan'), join(dir, 'tro-ly-ai-an-toan'), { recursive: true });
    for (const fact of ['dang-nhap-vneid-1-7-2024', 'trang-tingia', 'dinh-nghia-tin-sai-su-that']) confirmFact(dir, 'kiem-chung-thong-tin', fact, '2026-12-10');
    editLesson(dir, 'kiem-chung-thong-tin', (lesson) => (lesson.next = ['tro-ly-ai-an-toan']));
    const { status, lines } = await run(['check', dir, '--strict', '--today', '2026-12-10']);
    expect(lines).toMatchObject([{ ok: true, facts_to_review: [], problems: [] }]);
    expect(status).toBe(0);
  });

  it('prints every fact with --facts, for the hub\'s review page', async () => {
    const { status, lines } = await run(['check', '--facts', '--today', '2026-12-04']);
    expect(status).toBe(0);
    const report = lines[0] as { ok: boolean; today: string; facts: FactRowJson[]; problems: unknown[] };
    expect(report).toMatchObject({ ok: true, today: '2026-12-04', problems: [] });
    expect(report.facts).toHaveLength(134);
    expect(report.facts.filter((row) => row.review === 'ok')).toHaveLength(134 - 26);
    expect(report.facts).toContainEqual(
      expect.objectContaining({ lesson: 'thanh-toan-vietqr', fact: 'vu-900-trieu', kind: 'case', status: 'confirmed', checked_on: '2026-12-04', used_in: ['s8'], review: 'ok', withheld_at_kiosk: false }),
    );
    expect(Object.keys(report)).not.toContain('lessons');
  });

  it('prints the lesson map for the city hub with --map: both frameworks, tracks and practice steps', async () => {
    const { status, lines } = await run(['check', '--map']);
    expect(status).toBe(0);
    const map = lines[0] as { ok: boolean; lessons: Record<string, { tt02: string[]; qd757: { codes: string[]; status: string }; tracks: string[]; practice: { step: string; kind: string }[] }>; tracks: { id: string }[]; problems: unknown[] };
    expect(map.ok).toBe(true);
    expect(Object.keys(map.lessons)).toHaveLength(20);
    expect(map.lessons['dich-vu-cong-quoc-gia']).toMatchObject({ tt02: ['2.3', '1.1'], qd757: { codes: ['0.2', '2.3', '1.1'], status: 'to_verify' }, tracks: ['adult'], practice: [{ step: 'p1', kind: 'form' }] });
    expect(map.tracks.map((track) => track.id)).toEqual(['adult', 'worker', 'pupil']);
  });

  it('refuses --facts together with --map', async () => {
    const { status, lines } = await run(['check', '--facts', '--map']);
    expect(status).toBe(2);
    expect(lines).toMatchObject([{ ok: false, code: 'usage' }]);
  });

  it.each([['2026-13-01'], ['04/12/2026'], ['']])('refuses --today %j with a usage line and exit 2', async (today) => {
    const { status, lines } = await run(['check', '--today', today]);
    expect(status).toBe(2);
    expect(lines).toMatchObject([{ ok: false, code: 'usage' }]);
  });
});
