import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isSystemClutter, readPackFolder } from '../../../city/fleet/pack-folder';

describe('readPackFolder', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('leaves out what an operating system writes into folders, and keeps every lesson file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tram-pack-folder-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'mat-khau-otp'));
    writeFileSync(join(dir, 'tracks.json'), '{}');
    writeFileSync(join(dir, 'mat-khau-otp', 'lesson.json'), '{}');
    writeFileSync(join(dir, 'mat-khau-otp', 'step-1.svg'), '<svg/>');
    for (const clutter of ['Thumbs.db', 'desktop.ini', '.DS_Store']) writeFileSync(join(dir, 'mat-khau-otp', clutter), 'x');
    writeFileSync(join(dir, 'DESKTOP.INI'), 'x');
    const folder = await readPackFolder(dir);
    expect(folder.files.map((file) => file.path)).toEqual(['mat-khau-otp/lesson.json', 'mat-khau-otp/step-1.svg', 'tracks.json']);
    expect(folder.skipped).toEqual(['DESKTOP.INI', 'mat-khau-otp/.DS_Store', 'mat-khau-otp/Thumbs.db', 'mat-khau-otp/desktop.ini']);
    expect(folder.problems).toEqual([]);
  });

  it('names clutter by the whole name, not a part of it', () => {
    expect(isSystemClutter('thumbs.db')).toBe(true);
    expect(isSystemClutter('my-thumbs.db.svg')).toBe(false);
    expect(isSystemClutter('lesson.json')).toBe(false);
  });
});
