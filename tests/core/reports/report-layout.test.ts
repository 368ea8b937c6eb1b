import { describe, expect, it } from 'vitest';
import { ATTENDANCE_COLUMNS, attendanceCells, summaryRows } from '../../../electron/core/reports/report-layout';
import type { StationReport } from '../../../electron/core/reports/report-types';

const HOUR = 3_600_000;

describe('attendanceCells', () => {
  it('lines lessons and results up in column order', () => {
    const cells = attendanceCells({
      stt: 3,
      name: 'Phạm Thị Mai',
      birthYear: null,
      gender: 'Nữ',
      date: '28/11/2026',
      timeIn: '06:30',
      timeOut: '',
      lessons: [
        { lessonId: 'a', title: { vi: 'Bài A', en: 'A' }, passed: false },
        { lessonId: 'b', title: { vi: 'Bài B', en: 'B' }, passed: true },
      ],
    });
    expect(cells).toHaveLength(ATTENDANCE_COLUMNS.length);
    expect(cells).toEqual([3, 'Phạm Thị Mai', '', 'Nữ', '28/11/2026', '06:30', '', 'Bài A; Bài B', 'Chưa đạt; Đạt']);
  });
});

describe('summaryRows', () => {
  const report: StationReport = {
    period: { name: 'month', from: Date.UTC(2026, 10, 1) - 7 * HOUR, to: Date.UTC(2026, 11, 1) - 7 * HOUR, label: { vi: 'Tháng 11/2026', en: 'November 2026' } },
    visits: 8,
    distinctLearners: 6,
    lessonsCompleted: 6,
    lessonsPassed: 4,
    byAgeBand: { '6-14': 1, '15-17': 0, '18-59': 2, '60+': 2, unknown: 1 },
    byGender: { nam: 4, nu: 1, unknown: 1 },
    byLesson: [{ lessonId: 'a', title: { vi: 'Bài A', en: 'A' }, started: 4, completed: 4, passed: 3 }],
    groups: 1,
    partial: true,
  };
  const rows = summaryRows(report, { name: 'Trạm khu 3', id: '06688-01' });
  const value = (label: string) => rows.find((row) => row.cells[0] === label)?.cells.slice(1);

  it('states the period by its first and last day', () => {
    expect(value('Từ ngày')).toEqual(['01/11/2026']);
    expect(value('Đến ngày')).toEqual(['30/11/2026']);
    expect(value('Lượt đến học')).toEqual([8]);
    expect(value('Số người học')).toEqual([6]);
  });

  it('has bold section headings, bands, genders, lessons and the partial-log note', () => {
    expect(rows.filter((row) => row.heading).map((row) => row.cells[0])).toEqual(['Theo độ tuổi', 'Theo giới tính', 'Bài học']);
    expect(value('Từ 60 tuổi')).toEqual([2]);
    expect(value('Nữ')).toEqual([1]);
    expect(value('Bài A')).toEqual([4, 4, 3]);
    expect(value('Ghi chú')?.[0]).toContain('có thể thiếu');
  });
});
