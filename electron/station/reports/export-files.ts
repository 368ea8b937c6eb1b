/**
 * Writes the period's attendance sheet and summary for commune officials: a CSV (the attendance
 * table alone, for anyone who re-imports it) and an XLSX to print — "Danh sách điểm danh" with a
 * title row and Vietnamese headers, and "Tổng hợp" with the summary. These files carry learners'
 * names: they are written only to a folder the volunteer picks on this PC and never uploaded.
 *
 * Each file is written to a temporary name in the same folder, flushed, then renamed over the final
 * name, so a power cut or a USB stick pulled mid-write never leaves a half file that looks complete.
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { toCsv } from '../../core/reports/csv';
import { writeFileAtomic as writeAtomically } from '../fs/atomic-file';
import { parsePeriodName, reportPeriod, type PeriodName, type ReportPeriod } from '../../core/reports/periods';
import { assertFiniteTime, ReportError } from '../../core/reports/report-error';
import { ATTENDANCE_COLUMNS, ATTENDANCE_SHEET_TITLE, attendanceCells, SUMMARY_SHEET_TITLE, summaryRows } from '../../core/reports/report-layout';
import type { AttendanceRow, LessonTitle, StationReport } from '../../core/reports/report-types';
import { vietnamIsoDate } from '../../core/reports/vietnam-time';
import { attendanceSheet, buildStationReport } from './station-report';

export interface ExportOptions {
  readonly period: PeriodName;
  readonly nowMs: number;
  readonly lessons: readonly LessonTitle[];
  /** An existing folder (a USB stick, Documents); it is never created. */
  readonly toDir: string;
  readonly stationName: string;
  readonly stationId: string;
}

export interface ExportedFiles {
  readonly csv: string;
  readonly xlsx: string;
}

/** Station ids are `06688-01`-like; anything else could smuggle a path into the file name. */
const SAFE_STATION_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;

/** Which period a file holds shows in its name, so a day's and a month's export never overwrite each other. */
const NAME_SUFFIX: Readonly<Record<PeriodName, string>> = { today: '', week: '-tuan', month: '-thang' };

/** `diem-danh-<stationId>-<yyyy-mm-dd of the period's first day>[-tuan|-thang]`, without extension. */
export function exportBaseName(stationId: string, period: ReportPeriod): string {
  if (!SAFE_STATION_ID.test(stationId)) throw new ReportError('bad_station_id', 'Mã trạm không dùng được trong tên tệp / The station id cannot be used in a file name');
  return `diem-danh-${stationId}-${vietnamIsoDate(period.fromMs)}${NAME_SUFFIX[period.name]}`;
}

function checkDir(toDir: string): string {
  const dir = resolve(toDir);
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new ReportError('bad_dir', `Không có thư mục ${dir} / No such folder`);
  return dir;
}

/** Writes `data` to `path` atomically (fs/atomic-file.ts), as a typed report error on failure. */
export function writeFileAtomic(path: string, data: Uint8Array): void {
  try {
    writeAtomically(path, data);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    // EBUSY/EPERM on Windows: the previous export is still open in Excel.
    const hint = code === 'EBUSY' || code === 'EPERM' ? ' — tệp có đang mở trong Excel? / is the file open in Excel?' : '';
    throw new ReportError('write_failed', `Không ghi được ${path}${hint} (${code || 'error'})`, { cause: error });
  }
}

/** The CSV text: the attendance table with its header row. */
export function attendanceCsv(rows: readonly AttendanceRow[]): string {
  return toCsv([ATTENDANCE_COLUMNS.map((column) => column.header), ...rows.map(attendanceCells)]);
}

interface WorkbookInput {
  readonly report: StationReport;
  readonly rows: readonly AttendanceRow[];
  readonly stationName: string;
  readonly stationId: string;
  readonly nowMs: number;
}

/** The XLSX bytes. Cells are written as values, never formulas, so a name cannot run as one. */
export async function attendanceWorkbook(input: WorkbookInput): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Trạm Học Số';
  // Dated from the injected clock, so the same export is the same file.
  workbook.created = new Date(input.nowMs);
  workbook.modified = new Date(input.nowMs);

  const sheet = workbook.addWorksheet(ATTENDANCE_SHEET_TITLE, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = ATTENDANCE_COLUMNS.map((column) => ({ width: column.width }));
  const title = sheet.addRow([`${ATTENDANCE_SHEET_TITLE.toUpperCase()} — ${input.stationName}`]);
  title.font = { bold: true, size: 14 };
  const subtitle = sheet.addRow([`${input.report.period.label.vi} · Mã trạm ${input.stationId}`]);
  subtitle.font = { italic: true };
  sheet.mergeCells(1, 1, 1, ATTENDANCE_COLUMNS.length);
  sheet.mergeCells(2, 1, 2, ATTENDANCE_COLUMNS.length);
  sheet.addRow([]);
  const header = sheet.addRow(ATTENDANCE_COLUMNS.map((column) => column.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell) => {
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
  for (const row of input.rows) {
    const added = sheet.addRow(attendanceCells(row));
    added.alignment = { vertical: 'top', wrapText: true };
  }
  // The header repeats on every printed page, and stays in view while scrolling.
  sheet.pageSetup.printTitlesRow = `${header.number}:${header.number}`;
  sheet.views = [{ state: 'frozen', ySplit: header.number }];

  const summary = workbook.addWorksheet(SUMMARY_SHEET_TITLE, { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  summary.columns = [{ width: 40 }, { width: 16 }, { width: 12 }, { width: 10 }];
  const summaryTitle = summary.addRow([`TỔNG HỢP — ${input.stationName}`]);
  summaryTitle.font = { bold: true, size: 14 };
  summary.addRow([]);
  for (const line of summaryRows(input.report, { name: input.stationName, id: input.stationId })) {
    const added = summary.addRow([...line.cells]);
    if (line.heading) added.font = { bold: true };
  }

  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * Builds the period's report and sheet and writes `<base>.csv` and `<base>.xlsx` into `toDir`,
 * replacing an earlier export of the same period. Throws ReportError: `bad_dir`, `unknown_period`,
 * `bad_time`, `bad_station_id`, `write_failed`.
 */
export async function exportReport(db: Database, options: ExportOptions): Promise<ExportedFiles> {
  const periodName = parsePeriodName(options.period);
  assertFiniteTime(options.nowMs);
  const dir = checkDir(options.toDir);
  const base = exportBaseName(options.stationId, reportPeriod(periodName, options.nowMs));
  const query = { period: periodName, nowMs: options.nowMs, lessons: options.lessons };
  // One read transaction, so the sheet and the summary see the same database even while the kiosk writes.
  const { report, rows } = db.transaction(() => ({ report: buildStationReport(db, query), rows: attendanceSheet(db, query) }))();

  const csv = join(dir, `${base}.csv`);
  const xlsx = join(dir, `${base}.xlsx`);
  const workbook = await attendanceWorkbook({ report, rows, stationName: options.stationName, stationId: options.stationId, nowMs: options.nowMs });
  writeFileAtomic(csv, Buffer.from(attendanceCsv(rows), 'utf8'));
  writeFileAtomic(xlsx, workbook);
  return { csv, xlsx };
}
