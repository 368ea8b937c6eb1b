import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ATTENDANCE_COLUMNS } from '../../../electron/core/reports/report-layout';
import type { AttendanceRow } from '../../../electron/core/reports/report-types';
import { attendanceCsv, exportReport } from '../../../electron/station/reports/export-files';
import { tempDir } from '../../support/station-db';
import { buildReportFixture, L1, L2, NOW, REAL_LESSONS, STATION_ID, type ReportFixture } from './report-fixture';

const HEADERS = ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Ngày', 'Giờ vào', 'Giờ ra', 'Bài học', 'Kết quả'];
const STATION_NAME = 'Nhà văn hoá khu 3, phường Hạ Long';

let temp: ReturnType<typeof tempDir>;
let out: string;
let fixture: ReportFixture;
beforeEach(() => {
  temp = tempDir('tram-export-');
  out = join(temp.dir, 'usb');
  mkdirSync(out);
  fixture = buildReportFixture(join(temp.dir, 'station.sqlite'));
});
afterEach(() => {
  fixture.db.close();
  temp.cleanup();
});

const exportWeek = (overrides: Partial<Parameters<typeof exportReport>[1]> = {}) =>
  exportReport(fixture.db, { period: 'week', nowMs: NOW, lessons: REAL_LESSONS, toDir: out, stationName: STATION_NAME, stationId: STATION_ID, ...overrides });

/** Splits our CSV (every field quoted, CRLF rows) back into cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    expect(text[i]).toBe('"');
    let cell = '';
    i += 1;
    for (;;) {
      if (text[i] === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else if (text[i] === '"') break;
      else {
        cell += text[i];
        i += 1;
      }
    }
    row.push(cell);
    i += 1;
    if (text[i] === ',') i += 1;
    else {
      expect(text.slice(i, i + 2)).toBe('\r\n');
      rows.push(row);
      row = [];
      i += 2;
    }
  }
  return rows;
}

describe('exportReport', () => {
  it('writes the CSV and XLSX with dated names, and nothing else', async () => {
    const files = await exportWeek();
    expect(files).toEqual({ csv: join(out, 'diem-danh-06688-01-2026-11-23-tuan.csv'), xlsx: join(out, 'diem-danh-06688-01-2026-11-23-tuan.xlsx') });
    expect(readdirSync(out).sort()).toEqual(['diem-danh-06688-01-2026-11-23-tuan.csv', 'diem-danh-06688-01-2026-11-23-tuan.xlsx']);
    const today = await exportWeek({ period: 'today' });
    expect(today.csv).toBe(join(out, 'diem-danh-06688-01-2026-11-28.csv'));
    expect((await exportWeek({ period: 'month' })).xlsx).toBe(join(out, 'diem-danh-06688-01-2026-11-01-thang.xlsx'));
  });

  it('writes a CSV Excel reads as Vietnamese: BOM, CRLF, quoted, one row per visit', async () => {
    const bytes = readFileSync((await exportWeek()).csv);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1));
    expect(rows[0]).toEqual(HEADERS);
    expect(rows).toHaveLength(1 + 5);
    expect(rows[1]).toEqual(['1', fixture.names.p0, '1945', 'Nam', '23/11/2026', '08:00', '08:20', L1.title.vi, 'Đạt']);
    expect(rows[2]).toEqual(['2', '(đã xoá)', '', '', '23/11/2026', '08:30', '09:00', `${L1.title.vi}; ${L2.title.vi}`, 'Đạt; Chưa đạt']);
    expect(rows[5]?.[6]).toBe('');
  });

  it('guards names that look like formulas in the CSV, and keeps them as plain text in the XLSX', async () => {
    fixture.db.prepare('UPDATE learners SET display_name = ? WHERE display_name = ?').run('=HYPERLINK("http://x","Bấm")', fixture.names.p4);
    const files = await exportWeek();
    const rows = parseCsv(readFileSync(files.csv, 'utf8').slice(1));
    expect(rows[5]?.[1]).toBe('\'=HYPERLINK("http://x","Bấm")');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(files.xlsx);
    const cell = book.getWorksheet('Danh sách điểm danh')?.getRow(9).getCell(2);
    expect(cell?.type).toBe(ExcelJS.ValueType.String);
    expect(cell?.value).toBe('=HYPERLINK("http://x","Bấm")');
  });

  it('writes an XLSX with a title, bold Vietnamese headers, widths, every visit and a summary sheet', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await exportWeek()).xlsx);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['Danh sách điểm danh', 'Tổng hợp']);
    const sheet = book.getWorksheet('Danh sách điểm danh');
    if (!sheet) throw new Error('no sheet');
    expect(String(sheet.getCell('A1').value)).toContain(STATION_NAME);
    expect(String(sheet.getCell('A2').value)).toContain('Tuần 23/11/2026 – 29/11/2026');
    const header = sheet.getRow(4);
    expect((header.values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(sheet.columns.map((column) => column.width)).toEqual(ATTENDANCE_COLUMNS.map((column) => column.width));
    expect(sheet.rowCount).toBe(4 + 5);
    expect((sheet.getRow(5).values as unknown[]).slice(1)).toEqual([1, fixture.names.p0, 1945, 'Nam', '23/11/2026', '08:00', '08:20', L1.title.vi, 'Đạt']);
    expect(sheet.getRow(6).getCell(2).value).toBe('(đã xoá)');

    const summary = book.getWorksheet('Tổng hợp');
    if (!summary) throw new Error('no summary');
    const values = new Map<string, unknown>();
    summary.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(values.get('Trạm')).toBe(STATION_NAME);
    expect(values.get('Lượt đến học')).toBe(5);
    expect(values.get('Số người học')).toBe(4);
    expect(values.get('Lượt làm bài kiểm tra')).toBe(6);
    expect(values.get('Từ 60 tuổi')).toBe(1);
    expect(values.get('Nữ')).toBe(0);
    expect(values.get(L1.title.vi)).toBe(4);
  });

  it('replaces an earlier export of the same period', async () => {
    const first = await exportWeek();
    writeFileSync(first.csv, 'old');
    await exportWeek();
    expect(readFileSync(first.csv, 'utf8')).toContain('Họ và tên');
    expect(readdirSync(out)).toHaveLength(2);
  });

  it('refuses a folder that does not exist, or a file, with a typed error', async () => {
    await expect(exportWeek({ toDir: join(temp.dir, 'missing') })).rejects.toMatchObject({ name: 'ReportError', code: 'bad_dir' });
    writeFileSync(join(temp.dir, 'a-file'), 'x');
    await expect(exportWeek({ toDir: join(temp.dir, 'a-file') })).rejects.toMatchObject({ code: 'bad_dir' });
    expect(readdirSync(out)).toEqual([]);
  });

  it('refuses an unknown period and a station id that is not a plain name', async () => {
    await expect(exportWeek({ period: 'year' as never })).rejects.toMatchObject({ code: 'unknown_period' });
    await expect(exportWeek({ stationId: '../../etc' })).rejects.toMatchObject({ code: 'bad_station_id' });
    expect(readdirSync(out)).toEqual([]);
  });

  it('fails with a typed error and leaves no temporary file when the target cannot be replaced', async () => {
    mkdirSync(join(out, 'diem-danh-06688-01-2026-11-23-tuan.csv'));
    writeFileSync(join(out, 'diem-danh-06688-01-2026-11-23-tuan.csv', 'keep'), 'x');
    await expect(exportWeek()).rejects.toMatchObject({ code: 'write_failed' });
    expect(readdirSync(out)).toEqual(['diem-danh-06688-01-2026-11-23-tuan.csv']);
  });
});

describe('attendanceCsv', () => {
  it('quotes separators, quotes and line breaks inside fields', () => {
    const row: AttendanceRow = { stt: 1, name: 'Lê "Út", Hai\nDòng', birthYear: null, gender: 'Nữ', date: '01/12/2026', timeIn: '07:30', timeOut: '', lessons: [] };
    const text = attendanceCsv([row]);
    expect(text.split('\r\n')[1]).toBe('"1","Lê ""Út"", Hai\nDòng","","Nữ","01/12/2026","07:30","","",""');
    expect(parseCsv(text.slice(1))[1]?.[1]).toBe('Lê "Út", Hai\nDòng');
  });
});
