/**
 * What the printed sheets say, shared by the CSV and XLSX exports so the two never disagree: the
 * attendance columns with their Vietnamese headers and widths, each row's cells, and the summary
 * table of "Tổng hợp".
 */
import { AGE_BAND_LABELS, AGE_BANDS } from './age-bands';
import { GENDER_KEYS, GENDER_LABELS, type AttendanceRow, type StationReport } from './report-types';
import { formatVietnamDate } from './vietnam-time';

export const ATTENDANCE_SHEET_TITLE = 'Danh sách điểm danh';
export const SUMMARY_SHEET_TITLE = 'Tổng hợp';

export interface SheetColumn {
  readonly header: string;
  /** Width in Excel character units, sized for an A4 landscape print. */
  readonly width: number;
}

export const ATTENDANCE_COLUMNS: readonly SheetColumn[] = [
  { header: 'STT', width: 6 },
  { header: 'Họ và tên', width: 28 },
  { header: 'Năm sinh', width: 10 },
  { header: 'Giới tính', width: 10 },
  { header: 'Ngày', width: 12 },
  // Not 9: exceljs treats a width of 9 as its default and leaves the column out of the file.
  { header: 'Giờ vào', width: 10 },
  { header: 'Giờ ra', width: 10 },
  { header: 'Bài học', width: 48 },
  { header: 'Kết quả', width: 22 },
];

export type SheetCell = string | number;

/** The cells of one attendance row, in ATTENDANCE_COLUMNS order. Lessons and results line up by "; ". */
export function attendanceCells(row: AttendanceRow): SheetCell[] {
  return [
    row.stt,
    row.name,
    row.birthYear ?? '',
    row.gender,
    row.date,
    row.timeIn,
    row.timeOut,
    row.lessons.map((lesson) => lesson.title.vi).join('; '),
    row.lessons.map((lesson) => (lesson.passed ? 'Đạt' : 'Chưa đạt')).join('; '),
  ];
}

export interface SummaryRow {
  readonly cells: readonly SheetCell[];
  /** A section heading, printed bold. */
  readonly heading: boolean;
}

const line = (...cells: SheetCell[]): SummaryRow => ({ cells, heading: false });
const heading = (...cells: SheetCell[]): SummaryRow => ({ cells, heading: true });

/** The "Tổng hợp" table; an empty row separates sections. */
export function summaryRows(report: StationReport, station: { readonly name: string; readonly id: string }): SummaryRow[] {
  const rows: SummaryRow[] = [
    line('Trạm', station.name),
    line('Mã trạm', station.id),
    line('Kỳ báo cáo', report.period.label.vi),
    line('Từ ngày', formatVietnamDate(report.period.from)),
    // `to` is exclusive: the last day inside the period is the one before it.
    line('Đến ngày', formatVietnamDate(report.period.to - 1)),
    line('Lượt đến học', report.visits),
    line('Số người học', report.distinctLearners),
    line('Lượt làm bài kiểm tra', report.lessonsCompleted),
    line('Bài đạt (mỗi người một lần mỗi bài)', report.lessonsPassed),
    line('Buổi học nhóm', report.groups),
  ];
  if (report.partial) rows.push(line('Ghi chú', 'Nhật ký cũ đã được dọn: số bài học và buổi nhóm có thể thiếu'));
  rows.push(line(), heading('Theo độ tuổi', 'Số người'));
  for (const band of AGE_BANDS) rows.push(line(AGE_BAND_LABELS[band].vi, report.byAgeBand[band]));
  rows.push(line(), heading('Theo giới tính', 'Số người'));
  for (const gender of GENDER_KEYS) rows.push(line(GENDER_LABELS[gender].vi, report.byGender[gender]));
  rows.push(line(), heading('Bài học', 'Bắt đầu', 'Lượt làm bài kiểm tra', 'Số người đạt'));
  for (const lesson of report.byLesson) rows.push(line(lesson.title.vi, lesson.started, lesson.completed, lesson.passed));
  return rows;
}
