import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inferTrack, PUPIL_MAX_AGE, teachingOrder, trackStanding, tracksFileSchema, type Track } from '../../../electron/core/lessons/tracks';

const bi = (label: string) => ({ vi: label, en: label });
const track = (id: string, lessons: string[]) => ({ id, title: bi(id), summary: bi(id), qd757Group: bi(id), lessons });

describe('learning tracks', () => {
  it('infers a pupil up to 18 in the current year, an adult after, an adult when the birth year is unknown', () => {
    expect(PUPIL_MAX_AGE).toBe(18);
    expect(inferTrack(2008, 2026)).toBe('pupil');
    expect(inferTrack(2007, 2026)).toBe('adult');
    expect(inferTrack(2019, 2026)).toBe('pupil');
    expect(inferTrack(1958, 2026)).toBe('adult');
    expect(inferTrack(null, 2026)).toBe('adult');
    // A birth year after the current year (a station clock far behind) is not a pupil of negative age.
    expect(inferTrack(2030, 2026)).toBe('adult');
  });

  it('orders every lesson once, by track and then by position in the track', () => {
    const tracks = tracksFileSchema.parse({ tracks: [track('adult', ['a', 'b']), track('worker', ['c', 'a']), track('pupil', ['d', 'b'])] }).tracks;
    expect(teachingOrder(tracks)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('counts passed lessons and names the next one, skipping lessons the station does not have', () => {
    const [worker] = tracksFileSchema.parse({ tracks: [track('worker', ['c', 'a', 'x', 'e'])] }).tracks as [Track];
    const available = new Set(['a', 'c', 'e']);
    expect(trackStanding(worker, available, new Set())).toEqual({ passed: 0, total: 3, next: 'c' });
    expect(trackStanding(worker, available, new Set(['c']))).toEqual({ passed: 1, total: 3, next: 'a' });
    expect(trackStanding(worker, available, new Set(['a', 'c', 'e', 'zzz']))).toEqual({ passed: 3, total: 3, next: null });
  });

  it('refuses a broken tracks file with the path named', () => {
    const cases: [unknown, string][] = [
      [{ tracks: [track('tourist', ['a'])] }, 'tracks.0.id'],
      [{ tracks: [track('adult', ['a']), track('adult', ['b'])] }, 'tracks.1.id'],
      [{ tracks: [track('adult', ['a', 'a'])] }, 'tracks.0.lessons.1'],
      [{ tracks: [track('adult', [])] }, 'tracks.0.lessons'],
      [{ tracks: [track('adult', ['Not An Id'])] }, 'tracks.0.lessons.0'],
      [{ tracks: [] }, 'tracks'],
    ];
    for (const [json, path] of cases) {
      const result = tracksFileSchema.safeParse(json);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
    }
  });

  it('accepts the real tracks.json: adults, workers and co-operatives, pupils', () => {
    const json: unknown = JSON.parse(readFileSync(join(import.meta.dirname, '../../../lessons/tracks.json'), 'utf8'));
    const tracks = tracksFileSchema.parse(json).tracks;
    expect(tracks.map((entry) => entry.id)).toEqual(['adult', 'worker', 'pupil']);
  });
});
