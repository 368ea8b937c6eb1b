import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadLessons, MAX_IMAGE_BYTES, svgProblems } from '../../../electron/station/lessons/load-lessons';

const REAL = join(import.meta.dirname, '../../../lessons');
// Real packs whose `next` links stay inside the set: lua-dao → kiem-chung → dich-vu → cuoc-goi →
// mat-khau → zalo → tro-ly → kiem-chung. BASE is copied for each broken pack.
const BASE = 'lua-dao-dau-tu';
const GOOD = ['cuoc-goi-gia-danh-cong-an', 'dich-vu-cong-quoc-gia', 'kiem-chung-thong-tin', BASE, 'mat-khau-otp', 'tro-ly-ai-an-toan', 'zalo-an-toan'];
const OTHER = 'kiem-chung-thong-tin';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tram-lessons-'));
  for (const id of GOOD) cpSync(join(REAL, id), join(dir, id), { recursive: true });
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

type Json = Record<string, unknown> & { id: string; next: string[]; steps: Record<string, unknown>[] };

/** Copies the base pack to `folder` and lets the test break it. */
function pack(folder: string, edit: (json: Json) => void = () => undefined): string {
  const target = join(dir, folder);
  cpSync(join(REAL, BASE), target, { recursive: true });
  const json = JSON.parse(readFileSync(join(target, 'lesson.json'), 'utf8')) as Json;
  json.id = folder;
  edit(json);
  writeFileSync(join(target, 'lesson.json'), `${JSON.stringify(json, null, 2)}\n`);
  return target;
}

function expectOnlyProblem(folder: string, path: string, message: RegExp): void {
  const { lessons, problems } = loadLessons(dir);
  expect(lessons.map((l) => l.id)).toEqual(GOOD);
  expect(problems.length).toBeGreaterThan(0);
  for (const p of problems) expect(p.folder).toBe(folder);
  expect(problems).toContainEqual({ folder, path, message: expect.stringMatching(message) as string });
}

describe('loadLessons', () => {
  it('loads the real lessons folder with zero problems, in the teaching order of tracks.json', () => {
    const { lessons, tracks, problems } = loadLessons(REAL);
    expect(problems).toEqual([]);
    expect(lessons).toHaveLength(20);
    const file = JSON.parse(readFileSync(join(REAL, 'tracks.json'), 'utf8')) as { tracks: { id: string; lessons: string[] }[] };
    expect(lessons.map((l) => l.id)).toEqual([...new Set(file.tracks.flatMap((track) => track.lessons))]);
    expect(lessons[0]?.id).toBe('vneid-kich-hoat-muc-2');
    expect(tracks.map((track) => track.id)).toEqual(['adult', 'worker', 'pupil']);
  });

  it('orders by tracks.json, lists a lesson in no track last and reports it, and ignores a broken tracks.json without failing', () => {
    const track = (id: string, lessons: string[]) => ({ id, title: { vi: id, en: id }, summary: { vi: 's', en: 's' }, qd757Group: { vi: 'g', en: 'g' }, lessons });
    writeFileSync(join(dir, 'tracks.json'), JSON.stringify({ tracks: [track('adult', GOOD.slice(1)), track('pupil', [GOOD[2]!, 'chua-co-bai-nay'])] }));
    const ordered = loadLessons(dir);
    expect(ordered.lessons.map((l) => l.id)).toEqual([...GOOD.slice(1), GOOD[0]]);
    expect(ordered.tracks.map((t) => t.id)).toEqual(['adult', 'pupil']);
    expect(ordered.problems).toEqual([
      { folder: '', path: 'tracks.json#tracks.1.lessons.1', message: 'track pupil names lesson "chua-co-bai-nay", which has no folder (the track goes on without it)' },
      { folder: '', path: 'tracks.json', message: `lesson "${GOOD[0]}" is in no track (it is listed after the tracks' lessons)` },
    ]);
    writeFileSync(join(dir, 'tracks.json'), JSON.stringify({ tracks: [track('tourists', GOOD)] }));
    const broken = loadLessons(dir);
    expect(broken.lessons.map((l) => l.id)).toEqual(GOOD);
    expect(broken.tracks).toEqual([]);
    expect(broken.problems).toEqual([expect.objectContaining({ path: 'tracks.json#tracks.0.id', message: expect.stringMatching(/^ignored: /) as string })]);
    writeFileSync(join(dir, 'tracks.json'), '{"tracks": [');
    expect(loadLessons(dir).problems).toEqual([expect.objectContaining({ path: 'tracks.json', message: expect.stringMatching(/^ignored: /) as string })]);
    rmSync(join(dir, 'tracks.json'));
  });

  it('loads good copies with no problem', () => {
    expect(loadLessons(dir)).toEqual({ lessons: expect.any(Array) as unknown, tracks: [], problems: [] });
    expect(loadLessons(dir).lessons.map((l) => l.id)).toEqual(GOOD);
  });

  it('skips malformed JSON', () => {
    mkdirSync(join(dir, 'hong-json'));
    writeFileSync(join(dir, 'hong-json', 'lesson.json'), '{"id": "hong-json",');
    expectOnlyProblem('hong-json', 'hong-json/lesson.json', /^malformed JSON/);
  });

  it('skips a lesson.json that is not UTF-8', () => {
    mkdirSync(join(dir, 'latin1'));
    writeFileSync(join(dir, 'latin1', 'lesson.json'), Buffer.from([0x7b, 0xe0, 0x7d]));
    expectOnlyProblem('latin1', 'latin1/lesson.json', /UTF-8/);
  });

  it('skips a folder without lesson.json', () => {
    mkdirSync(join(dir, 'trong'));
    expectOnlyProblem('trong', 'trong/lesson.json', /missing/);
  });

  it('reports schema problems with the field path', () => {
    pack('sai-dap-an', (json) => {
      (json['quiz'] as { passMark: number }).passMark = 7;
    });
    expectOnlyProblem('sai-dap-an', 'sai-dap-an/lesson.json#quiz.passMark', /passMark 7/);
  });

  it('skips a pack with a missing image', () => {
    const target = pack('thieu-anh');
    rmSync(join(target, 's3.svg'));
    expectOnlyProblem('thieu-anh', 'thieu-anh/s3.svg', /missing/);
  });

  it('skips a pack with a missing audio file', () => {
    pack('thieu-am-thanh', (json) => (json.steps[0] = { ...json.steps[0], audio: 's1.mp3' }));
    expectOnlyProblem('thieu-am-thanh', 'thieu-am-thanh/s1.mp3', /missing/);
  });

  it('loads a pack whose audio file exists', () => {
    const target = pack('co-am-thanh', (json) => (json.steps[0] = { ...json.steps[0], audio: 's1.mp3' }));
    writeFileSync(join(target, 's1.mp3'), Buffer.from([0x49, 0x44, 0x33]));
    const { lessons, problems } = loadLessons(dir);
    expect(problems).toEqual([]);
    const first = lessons.find((l) => l.id === 'co-am-thanh')?.steps[0];
    expect(first?.type !== 'practice' && first?.audio).toBe('s1.mp3');
  });

  it('skips a pack with a script in an SVG', () => {
    const target = pack('co-script');
    writeFileSync(join(target, 's2.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expectOnlyProblem('co-script', 'co-script/s2.svg', /<script>/);
  });

  it('skips a pack with an external href in an SVG', () => {
    const target = pack('link-ngoai');
    writeFileSync(join(target, 's4.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.com/x.png"/></svg>');
    expectOnlyProblem('link-ngoai', 'link-ngoai/s4.svg', /external reference: href="https:\/\/example.com\/x.png"/);
  });

  it('skips a pack whose id duplicates another lesson, and keeps the rightful one', () => {
    pack('ban-sao', (json) => (json.id = BASE));
    const { lessons, problems } = loadLessons(dir);
    expect(lessons.map((l) => l.id)).toEqual(GOOD);
    expect(problems).toEqual([
      { folder: 'ban-sao', path: 'ban-sao/lesson.json#id', message: `id "${BASE}" does not match the folder name "ban-sao"` },
      { folder: 'ban-sao', path: 'ban-sao/lesson.json#id', message: `duplicate id: "${BASE}" is the lesson in folder ${BASE}` },
    ]);
  });

  it('skips a pack whose id is not its folder name', () => {
    pack('ten-thu-muc', (json) => (json.id = 'ten-khac'));
    expectOnlyProblem('ten-thu-muc', 'ten-thu-muc/lesson.json#id', /does not match the folder name/);
  });

  it('reports an unknown next id but still loads the lesson (a station may install only some lessons)', () => {
    pack('next-la', (json) => (json.next = [OTHER, 'khong-co']));
    const { lessons, problems } = loadLessons(dir);
    expect(lessons.map((l) => l.id)).toContain('next-la');
    expect(problems).toEqual([expect.objectContaining({ path: 'next-la/lesson.json#next.1', message: expect.stringMatching(/"khong-co" does not exist/) })]);
  });

  it('keeps a lesson whose next pack exists but is broken, and reports only the broken one', () => {
    rmSync(join(dir, 'tro-ly-ai-an-toan', 's1.svg'));
    const { lessons, problems } = loadLessons(dir);
    expect(lessons.map((l) => l.id)).toEqual(GOOD.filter((id) => id !== 'tro-ly-ai-an-toan'));
    expect(problems.map((p) => p.path)).toEqual(['tro-ly-ai-an-toan/s1.svg']);
  });

  it('skips a pack with an oversized image', () => {
    const target = pack('anh-lon');
    writeFileSync(join(target, 's5.svg'), `<svg xmlns="http://www.w3.org/2000/svg"><!--${'x'.repeat(MAX_IMAGE_BYTES)}--></svg>`);
    expectOnlyProblem('anh-lon', 'anh-lon/s5.svg', /more than the limit of 524288/);
  });

  it('checks a PNG image by its signature', () => {
    const good = pack('anh-png', (json) => (json.steps[0] = { ...json.steps[0], image: 's1.png' }));
    writeFileSync(join(good, 's1.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    const bad = pack('png-gia', (json) => (json.steps[0] = { ...json.steps[0], image: 's1.png' }));
    writeFileSync(join(bad, 's1.png'), '<svg/>');
    const { lessons, problems } = loadLessons(dir);
    expect(lessons.map((l) => l.id)).toContain('anh-png');
    expect(problems).toEqual([{ folder: 'png-gia', path: 'png-gia/s1.png', message: 'not a PNG file' }]);
  });

  it('refuses media that are symlinks, even to a file inside the folder', () => {
    const target = pack('lien-ket');
    rmSync(join(target, 's1.svg'));
    symlinkSync(join(REAL, BASE, 's1.svg'), join(target, 's1.svg'));
    expectOnlyProblem('lien-ket', 'lien-ket/s1.svg', /symlink/);
  });

  it('refuses an image that is a folder', () => {
    const target = pack('thu-muc-anh');
    rmSync(join(target, 's1.svg'));
    mkdirSync(join(target, 's1.svg'));
    expectOnlyProblem('thu-muc-anh', 'thu-muc-anh/s1.svg', /not a regular file/);
  });

  it.runIf(process.platform !== 'win32' && process.getuid?.() !== 0)('skips an unreadable pack folder', () => {
    const target = pack('khong-doc-duoc');
    chmodSync(target, 0o000);
    try {
      expectOnlyProblem('khong-doc-duoc', 'khong-doc-duoc/lesson.json', /cannot read/);
    } finally {
      chmodSync(target, 0o755);
    }
  });

  it('ignores plain files and hidden folders next to the packs', () => {
    writeFileSync(join(dir, 'README.md'), '# lessons');
    mkdirSync(join(dir, '.git'));
    expect(loadLessons(dir).problems).toEqual([]);
  });

  it('reports a missing or empty lessons folder instead of throwing', () => {
    const missing = join(dir, 'khong-co');
    expect(loadLessons(missing)).toEqual({ lessons: [], tracks: [], problems: [{ folder: '', path: missing, message: expect.stringMatching(/^cannot read the lessons folder/) as string }] });
    const empty = join(dir, '.rong');
    mkdirSync(empty);
    expect(loadLessons(empty)).toEqual({ lessons: [], tracks: [], problems: [{ folder: '', path: empty, message: 'no lesson folders found' }] });
  });

  it('lists all the problems of one pack together', () => {
    const target = pack('nhieu-loi', () => undefined);
    rmSync(join(target, 's1.svg'));
    writeFileSync(join(target, 's2.svg'), '<svg><script/></svg>');
    const { problems } = loadLessons(dir);
    expect(problems.filter((p) => p.folder === 'nhieu-loi').length).toBeGreaterThanOrEqual(2);
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['nhieu-loi/s1.svg', 'nhieu-loi/s2.svg']));
  });
});

describe('svgProblems', () => {
  const ok = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><linearGradient id="g"/></defs><rect fill="url(#g)"/><use href="#g"/><use xlink:href="#g"/></svg>';

  it('accepts namespaces, #fragment links and url(#id)', () => {
    expect(svgProblems(ok)).toEqual([]);
    expect(svgProblems(`<?xml version="1.0" encoding="UTF-8"?>\n<!-- drawn for Trạm Học Số -->\n${ok}`)).toEqual([]);
  });

  it.each([
    ['a non-svg root', '<html><svg/></html>', /root element/],
    ['a script', '<svg><SCRIPT type="text/javascript">x()</SCRIPT></svg>', /<script>/],
    ['an event handler', '<svg><rect onclick="x()"/></svg>', /event-handler/],
    ['a javascript: URL', '<svg><a href="javascript:x()"><text>x</text></a></svg>', /javascript:/],
    ['foreignObject', '<svg><foreignObject><div/></foreignObject></svg>', /foreignObject/],
    ['an xlink:href to another file', "<svg><use xlink:href='other.svg#a'/></svg>", /external reference: href="other.svg#a"/],
    ['an image from the web', '<svg><image href="http://x.vn/a.png"/></svg>', /external reference/],
    ['a CSS url() to a font', '<svg><style>@font-face{src:url(https://x.vn/f.woff2)}</style></svg>', /url\(https:\/\/x.vn\/f.woff2\)/],
    ['a CSS @import', '<svg><style>@import "x.css";</style></svg>', /@import/],
    ['an entity declaration', '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>', /DOCTYPE/],
  ])('refuses %s', (_name, svg, message) => {
    expect(svgProblems(svg)).toContainEqual(expect.stringMatching(message));
  });
});
