import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLessonMap } from '../../../city/cli/lesson-map-file';

const LESSONS = join(import.meta.dirname, '../../../lessons');
const dir = mkdtempSync(join(tmpdir(), 'tram-lesson-map-'));
const file = (name: string, json: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof json === 'string' ? json : JSON.stringify(json));
  return path;
};

describe('tram city lesson-map: where the map comes from', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads both frameworks from the lesson packs', async () => {
    const read = await readLessonMap(LESSONS);
    if (!read.ok) throw new Error(read.error);
    expect(Object.keys(read.value).length).toBeGreaterThanOrEqual(20);
    for (const codes of Object.values(read.value)) expect(codes).toMatchObject({ tt02: expect.any(Array), qd757: expect.any(Array) });
    expect(read.value['vneid-kich-hoat-muc-2']).toMatchObject({ qd757: expect.arrayContaining(['0.2']) });
  });

  it('reads the map tram lessons check --map prints', async () => {
    const printed = { ok: true, lessons: { 'mat-khau-otp': { version: 3, tt02: ['4.1'], qd757: { codes: ['4.1', '4.2'], status: 'to_verify' }, tracks: ['adult'], practice: [] } }, tracks: [], problems: [] };
    expect(await readLessonMap(file('printed.json', printed))).toEqual({ ok: true, value: { 'mat-khau-otp': { tt02: ['4.1'], qd757: ['4.1', '4.2'] } } });
  });

  it('reads a TT 02 only map, with no QĐ 757 codes', async () => {
    expect(await readLessonMap(file('tt02.json', { a: '2.6', b: ['4.1', '4.2'] }))).toEqual({ ok: true, value: { a: ['2.6'], b: ['4.1', '4.2'] } });
  });

  it('refuses a file that is neither, or not JSON, with the path', async () => {
    const bad = await readLessonMap(file('bad.json', { a: 3 }));
    expect(bad).toMatchObject({ ok: false, error: expect.stringContaining('bad.json') });
    expect(await readLessonMap(file('broken.json', '{'))).toMatchObject({ ok: false, error: expect.stringContaining('cannot read') });
  });
});
