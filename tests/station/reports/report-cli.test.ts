import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runReportCli } from '../../../electron/station/cli/report-cli';
import { DEMO_CONFIG } from '../../../electron/station/config/station-config';
import { setMeta } from '../../../electron/station/store/meta';
import { openTestLog, tempDir } from '../../support/station-db';
import { buildReportFixture, NOW, STATION_ID } from './report-fixture';

let temp: ReturnType<typeof tempDir>;
let data: string;
let names: string[];
beforeEach(() => {
  temp = tempDir('tram-report-cli-');
  data = join(temp.dir, 'data');
  mkdirSync(data);
  const fixture = buildReportFixture(join(data, 'station.sqlite'));
  setMeta(fixture.db, 'station_id', STATION_ID);
  names = Object.values(fixture.names);
  fixture.db.close();
});
afterEach(() => temp.cleanup());

async function run(args: string[]): Promise<{ status: number; stdout: string; stderr: string; json: Record<string, unknown> | null }> {
  let stdout = '';
  let stderr = '';
  const status = await runReportCli(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), now: () => NOW });
  const line = stdout.split('\n').find((l) => l.startsWith('{'));
  return { status, stdout, stderr, json: line ? (JSON.parse(line) as Record<string, unknown>) : null };
}

describe('tram report', () => {
  it('prints the report as one JSON line with --json', async () => {
    const { status, stdout, json } = await run(['--data', data, '--period', 'week', '--json']);
    expect(status).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(json).toMatchObject({ ok: true, station: STATION_ID, report: { visits: 5, distinctLearners: 4, lessonsCompleted: 6, groups: 1, period: { name: 'week' } } });
    expect(json).not.toHaveProperty('files');
    for (const name of names) expect(stdout).not.toContain(name);
  });

  it('defaults to today and prints a bilingual summary without names', async () => {
    const { status, stdout } = await run(['--data', data]);
    expect(status).toBe(0);
    expect(stdout).toContain(`Trạm ${STATION_ID} (${STATION_ID})`);
    expect(stdout).toContain('Ngày 28/11/2026 / Day 28/11/2026');
    expect(stdout).toContain('Lượt đến học / visits: 2');
    for (const name of names) expect(stdout).not.toContain(name);
  });

  it('exports the files with --export, titled with the station name from its config', async () => {
    writeFileSync(join(data, 'station-config.json'), JSON.stringify({ ...DEMO_CONFIG, station: { ...DEMO_CONFIG.station, name: 'Nhà văn hoá khu 5' } }));
    const usb = join(temp.dir, 'usb');
    mkdirSync(usb);
    const { status, json } = await run(['--data', data, '--period', 'month', '--json', '--export', usb]);
    expect(status).toBe(0);
    const files = json?.['files'] as { csv: string; xlsx: string };
    expect(files).toEqual({ csv: join(usb, 'diem-danh-06688-01-2026-11-01-thang.csv'), xlsx: join(usb, 'diem-danh-06688-01-2026-11-01-thang.xlsx') });
    expect(readdirSync(usb)).toHaveLength(2);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(files.xlsx);
    expect(String(book.worksheets[0]?.getCell('A1').value)).toContain('Nhà văn hoá khu 5');
    expect(book.worksheets[0]?.rowCount).toBe(4 + 8);

    const text = await run(['--data', data, '--export', usb]);
    expect(text.stdout).toContain(`XLSX: ${join(usb, 'diem-danh-06688-01-2026-11-28.xlsx')}`);
  });

  it('exits 2 with a typed code for bad input', async () => {
    expect(await run(['--json'])).toMatchObject({ status: 2, json: { ok: false, code: 'usage' } });
    expect(await run(['--data', data, '--period', 'year', '--json'])).toMatchObject({ status: 2, json: { ok: false, code: 'unknown_period' } });
    expect(await run(['--data', data, '--json', '--export', join(temp.dir, 'nowhere')])).toMatchObject({ status: 2, json: { ok: false, code: 'bad_dir' } });
    expect(await run(['--data', join(temp.dir, 'empty'), '--json'])).toMatchObject({ status: 2, json: { ok: false, code: 'no_database' } });
    expect(await run(['--data', data, '--json', '--config', join(temp.dir, 'missing.json')])).toMatchObject({ status: 2, json: { ok: false, code: 'config_invalid' } });
    expect(await run(['--data', data, '--bogus'])).toMatchObject({ status: 2, stdout: '' });
    const bare = join(temp.dir, 'bare');
    mkdirSync(bare);
    openTestLog(join(bare, 'station.sqlite')).db.close();
    expect(await run(['--data', bare, '--json'])).toMatchObject({ status: 2, json: { ok: false, code: 'no_station_id' } });
    const plain = await run(['--data', data, '--period', 'year']);
    expect(plain.stderr).toContain('tram report:');
  });

  it('prints usage with --help', async () => {
    const { status, stdout } = await run(['--help']);
    expect(status).toBe(0);
    expect(stdout).toContain('tram report --data DIR');
  });
});
