import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessonMap } from '../../../electron/core/lessons/lesson-map';
import { loadLessons } from '../../../electron/station/lessons/load-lessons';

const { lessons, tracks } = loadLessons(join(import.meta.dirname, '../../../lessons'));

describe('the lesson map for the city hub', () => {
  const map = lessonMap(lessons, tracks);

  it('gives each lesson its TT 02 and QĐ 757 codes, tracks and practice steps', () => {
    expect(map.lessons['thanh-toan-vietqr']).toEqual({
      version: 3,
      title: { vi: 'Trả tiền bằng mã VietQR', en: 'Paying with a VietQR code' },
      tt02: ['2.3', '4.2', '5.2'],
      qd757: { codes: ['0.2', '2.3', '4.2'], status: 'to_verify' },
      tracks: ['adult', 'worker'],
      practice: [{ step: 'p1', kind: 'pay-check' }],
    });
    expect(map.lessons['bat-nat-tren-mang']?.practice).toEqual([]);
    expect(Object.keys(map.lessons)).toHaveLength(lessons.length);
  });

  it('lists the tracks with the QĐ 757 target group each serves', () => {
    expect(map.tracks.map((track) => [track.id, track.lessons.length])).toEqual([['adult', 12], ['worker', 8], ['pupil', 7]]);
    expect(map.tracks[1]?.qd757Group.vi).toMatch(/Phụ lục 1.4/);
  });
});
