/**
 * The monthly report as XLSX (exceljs), several sheets: "Tổng hợp" (the wards and the total, the same
 * figures as the printable page), "Miền năng lực", "Độ tuổi - Giới tính" and "Thông tin" (unit,
 * period, when made, where the figures came from). Text cells that start like a formula are written
 * as text, never as formulas.
 */
import ExcelJS from 'exceljs';
import { formatTime } from './html';
import { AGE_LABELS, DOMAIN_LABELS, GENDER_LABELS } from './labels';
import type { MonthlyReport, MonthlyWardRow } from './monthly-data';
import { monthWords } from './monthly-page';

export const SUMMARY_SHEET = 'Tổng hợp';

function header(sheet: ExcelJS.Worksheet, names: string[]): void {
  const row = sheet.addRow(names);
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: 'top' };
}

const text = (value: string) => (/^[=+\-@]/.test(value) ? `'${value}` : value);

function summaryRow(row: MonthlyWardRow): Array<string | number | null> {
  return [text(row.label), row.newLearners, row.cumulativeLearners, row.target, row.reachedPct, row.lessonsInMonth, row.lessonsCumulative, row.groupsInMonth, row.attendeesInMonth];
}

export async function monthlyXlsx(report: MonthlyReport, p: { source: string }): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Trạm Học Số';
  book.created = new Date(report.madeAtMs);
  const summary = book.addWorksheet(SUMMARY_SHEET);
  summary.addRow([`Báo cáo kết quả phổ cập kỹ năng số — ${report.unitLabel} — ${monthWords(report)}`]).font = { bold: true, size: 13 };
  header(summary, ['Phường/xã', 'Mới trong tháng', 'Lũy kế', 'Mục tiêu', 'Đạt %', 'Bài hoàn thành trong tháng', 'Bài hoàn thành lũy kế', 'Buổi học nhóm', 'Lượt người học nhóm']);
  for (const row of report.rows) summary.addRow(summaryRow(row));
  summary.addRow(summaryRow(report.total)).font = { bold: true };
  summary.columns.forEach((column, i) => (column.width = i === 0 ? 34 : 16));
  summary.getColumn(5).numFmt = '0.0';

  const domains = book.addWorksheet('Miền năng lực');
  header(domains, ['Miền năng lực (TT 02/2025)', 'Bài hoàn thành trong tháng', ...report.rows.map((row) => text(row.label))]);
  for (const [key, vi] of DOMAIN_LABELS) domains.addRow([vi, report.total.domainsInMonth[key], ...report.rows.map((row) => row.domainsInMonth[key])]);
  domains.columns.forEach((column, i) => (column.width = i === 0 ? 38 : 18));

  const profile = book.addWorksheet('Độ tuổi - Giới tính');
  header(profile, [`Nhóm (lũy kế đến ${formatTime(report.madeAtMs)})`, 'Người học']);
  for (const [key, vi] of AGE_LABELS) profile.addRow([vi, report.profile.byAge[key]]);
  for (const [key, vi] of GENDER_LABELS) profile.addRow([vi, report.profile.byGender[key]]);
  profile.columns.forEach((column, i) => (column.width = i === 0 ? 40 : 14));

  const info = book.addWorksheet('Thông tin');
  info.addRows([
    ['Đơn vị', text(report.unitLabel)],
    ['Kỳ báo cáo', monthWords(report)],
    ['Lập lúc (UTC+7)', formatTime(report.madeAtMs)],
    ['Nguồn số liệu', p.source],
    ['Cách đếm', 'Mỗi người học được đếm một lần theo mã người học; bài học tính một lần cho mỗi người học đã đạt.'],
  ]);
  info.getColumn(1).width = 22;
  info.getColumn(2).width = 90;
  return Buffer.from(await book.xlsx.writeBuffer());
}
