/**
 * `tram report --data DIR [--period today|week|month] [--json] [--export DIR] [--config FILE]
 * [--lessons DIR]`: the station's report for volunteers and commune officials, from the command line.
 * Prints a short bilingual summary (or, with --json, one JSON line with the report); with --export it
 * also writes the CSV and XLSX attendance files into DIR and prints their paths.
 *
 * The database is opened read-only, so running a report while the kiosk is open is safe. The station
 * name for the sheet title comes from the station config (--config, else DIR/station-config.json);
 * the printed summary and JSON hold counts only, never names — names go only into the exported files.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Database } from 'better-sqlite3';
import { AGE_BAND_LABELS, AGE_BANDS } from '../../core/reports/age-bands';
import { parsePeriodName } from '../../core/reports/periods';
import { ReportError } from '../../core/reports/report-error';
import { GENDER_KEYS, GENDER_LABELS, type StationReport } from '../../core/reports/report-types';
import { loadConfig } from '../config/load-config';
import { getMeta } from '../store/meta';
import { openDatabase } from '../db/open-database';
import { loadLessons } from '../lessons/load-lessons';
import { exportReport } from '../reports/export-files';
import { buildStationReport } from '../reports/station-report';
import type { CliIo } from './cli-io';
import { defaultLessonsDir } from './lessons-cli';
import { errorCode } from '../typed-errors';

export type ReportCliIo = Pick<CliIo, 'stdout' | 'stderr' | 'now'>;

const USAGE = `Usage: tram report --data DIR [--period today|week|month] [--json] [--export DIR] [--config FILE] [--lessons DIR]
  Báo cáo của trạm / the station's report. --export DIR writes diem-danh-<station>-<date>.csv and .xlsx.
`;

const processReportIo: ReportCliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  now: () => Date.now(),
};

/** A failure the CLI reports with a code and exit status 2. */
class CliFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface StationIdentity {
  readonly id: string;
  readonly name: string;
}

/** The station's id (as recorded in its database, else its config) and display name. */
function stationIdentity(db: Database, dataDir: string, configOption: string | undefined): StationIdentity {
  const configPath = configOption ? resolve(configOption) : join(dataDir, 'station-config.json');
  let config: { id: string; name: string } | null = null;
  if (configOption !== undefined || existsSync(configPath)) {
    const loaded = loadConfig(configPath, { missing: 'problem' });
    if (!loaded.ok) throw new CliFailure('config_invalid', `${configPath}: ${loaded.problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}`);
    config = loaded.config.station;
  }
  const id = getMeta(db, 'station_id') ?? config?.id;
  if (!id) throw new CliFailure('no_station_id', 'the database has no station id and no station config was found (--config FILE)');
  return { id, name: config?.name ?? `Trạm ${id}` };
}

function summaryText(report: StationReport): string {
  const lines = [
    `${report.period.label.vi} / ${report.period.label.en}`,
    `Lượt đến học / visits: ${report.visits}`,
    `Số người học / learners: ${report.distinctLearners}`,
    `Bài đạt, mỗi người một lần / lessons passed, once per person: ${report.lessonsPassed} (lượt làm bài kiểm tra / quiz attempts: ${report.lessonsCompleted})`,
    `Buổi học nhóm / group sessions: ${report.groups}`,
    `Theo độ tuổi / by age: ${AGE_BANDS.map((band) => `${AGE_BAND_LABELS[band].vi} ${report.byAgeBand[band]}`).join(', ')}`,
    `Theo giới tính / by gender: ${GENDER_KEYS.map((gender) => `${GENDER_LABELS[gender].vi} ${report.byGender[gender]}`).join(', ')}`,
  ];
  if (report.partial) lines.push('Lưu ý: nhật ký cũ đã được dọn, số bài học có thể thiếu / old log events were pruned; lesson counts may be low');
  return `${lines.join('\n')}\n`;
}

/** Runs `tram report <args>`; returns the exit status (0 ok, 2 bad arguments or an unusable database / folder). */
export async function runReportCli(args: string[], io: ReportCliIo = processReportIo): Promise<number> {
  let json = args.includes('--json');
  const fail = (code: string, message: string): number => {
    if (json) io.stdout(`${JSON.stringify({ ok: false, code, message })}\n`);
    else io.stderr(`tram report: ${message}\n`);
    return 2;
  };

  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        data: { type: 'string' },
        period: { type: 'string', default: 'today' },
        json: { type: 'boolean', default: false },
        export: { type: 'string' },
        config: { type: 'string' },
        lessons: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    return fail('usage', (error as Error).message);
  }
  json = values.json;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (!values.data) return fail('usage', 'give --data DIR (the station data folder)');

  let db: Database | null = null;
  try {
    const period = parsePeriodName(values.period);
    const dataDir = resolve(values.data);
    const dbPath = join(dataDir, 'station.sqlite');
    if (!existsSync(dbPath)) throw new CliFailure('no_database', `no station database at ${dbPath}`);
    db = openDatabase(dbPath, { readonly: true });
    const station = stationIdentity(db, dataDir, values.config);
    // A broken pack only loses its title here (the id is shown instead): the report still runs.
    const { lessons } = loadLessons(values.lessons ? resolve(values.lessons) : defaultLessonsDir());
    const nowMs = io.now();
    const report = buildStationReport(db, { period, nowMs, lessons });
    const files = values.export
      ? await exportReport(db, { period, nowMs, lessons, toDir: values.export, stationName: station.name, stationId: station.id })
      : null;
    if (json) io.stdout(`${JSON.stringify({ ok: true, station: station.id, report, ...(files ? { files } : {}) })}\n`);
    else {
      io.stdout(`${station.name} (${station.id})\n${summaryText(report)}`);
      if (files) io.stdout(`CSV: ${files.csv}\nXLSX: ${files.xlsx}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof ReportError || error instanceof CliFailure) return fail(error.code, error.message);
    const code = errorCode(error, 'internal');
    return fail(code, (error as Error).message);
  } finally {
    db?.close();
  }
}
