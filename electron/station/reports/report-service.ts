/** The volunteer's station reports and exports, bound to this station's database and lessons. */
import type { Database } from 'better-sqlite3';
import type { PeriodName } from '../../core/reports/periods';
import type { AttendanceRow, LessonTitle, StationReport } from '../../core/reports/report-types';
import type { ExportTarget } from '../../contract/dto';
import { StationError } from '../station-error';
import { asStationError } from '../typed-errors';
import { exportTargets } from './export-targets';
import { exportReport } from './export-files';
import { attendanceSheet, buildStationReport } from './station-report';

export interface ReportServiceOptions {
  readonly db: Database;
  readonly dataDir: string;
  readonly lessons: readonly LessonTitle[];
  readonly station: { readonly id: string; readonly name: string };
  readonly wallMs: () => number;
}

export class ReportService {
  readonly #o: ReportServiceOptions;

  constructor(options: ReportServiceOptions) {
    this.#o = options;
  }

  report(period: PeriodName): StationReport {
    return buildStationReport(this.#o.db, { period, nowMs: this.#o.wallMs(), lessons: this.#o.lessons });
  }

  sheet(period: PeriodName): AttendanceRow[] {
    return attendanceSheet(this.#o.db, { period, nowMs: this.#o.wallMs(), lessons: this.#o.lessons });
  }

  targets(): ExportTarget[] {
    return exportTargets(this.#o.dataDir).map(({ id, label, removable }) => ({ id, label, removable }));
  }

  async export(period: PeriodName, targetId: string): Promise<string[]> {
    const target = exportTargets(this.#o.dataDir).find((candidate) => candidate.id === targetId);
    if (!target) throw new StationError('not_found', { vi: 'Không thấy nơi lưu này, hãy cắm lại USB', en: 'That drive is gone; plug the USB stick in again' });
    // A full stick or a sheet open in Excel reaches the volunteer in Vietnamese, not as `internal`.
    const files = await exportReport(this.#o.db, { period, nowMs: this.#o.wallMs(), lessons: this.#o.lessons, toDir: target.path, stationName: this.#o.station.name, stationId: this.#o.station.id }).catch((error: unknown) => {
      throw asStationError(error, 'write_failed');
    });
    return [files.csv, files.xlsx];
  }
}
