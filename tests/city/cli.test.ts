// `tram city …` (runCityCli): serve with clean shutdown, issue-code, add-staff, revoke and import,
// both against the data folder directly and through a serving hub's admin route.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCityCli } from '../../city/cli/city-cli';
import type { CliIo } from '../../city/cli/city-cli';
import { SERVE_LOCK_FILE } from '../../city/cli/serve-lock';
import { StationFixture, uniqueStationId } from '../support/station-fixture';
import { describeEachDriver, openTestDatabase } from './support/hub-harness';
import type { TestDatabase } from './support/hub-harness';

interface CliRun {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}

describeEachDriver('tram city CLI', (driver) => {
  let dataDir: string;
  let database: TestDatabase | undefined;
  let env: Record<string, string | undefined>;

  beforeAll(async () => {
    if (driver === 'postgres') {
      database = await openTestDatabase('postgres');
      dataDir = database.dataDir;
      env = { DATABASE_URL: database.databaseUrl, LOG_LEVEL: 'silent' };
    } else {
      dataDir = await mkdtemp(join(tmpdir(), 'tram-city-cli-'));
      env = { LOG_LEVEL: 'silent' };
    }
  });
  afterAll(async () => {
    await database?.cleanup();
    await rm(dataDir, { recursive: true, force: true });
  });

  function io(stdin = '', signal?: AbortSignal, onOut?: (line: string) => void): { io: CliIo; out: string[]; err: string[] } {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      io: {
        stdout: (line) => {
          out.push(line);
          onOut?.(line);
        },
        stderr: (line) => err.push(line),
        stdin: Readable.from([stdin]),
        env,
        ...(signal === undefined ? {} : { signal }),
      },
    };
  }

  async function cli(args: string[], stdin = ''): Promise<CliRun> {
    const run = io(stdin);
    const code = await runCityCli(args, run.io);
    return { code, out: run.out, err: run.err };
  }

  async function signedFetch(base: string, station: StationFixture, method: 'GET' | 'POST', path: string, body?: unknown) {
    const signed = station.signed(method, path, body);
    const response = await fetch(`${base}${path}`, { method, headers: signed.headers, ...(signed.payload === undefined ? {} : { body: new Uint8Array(signed.payload) }) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('runs the whole life of a station through the CLI and a served hub', async () => {
    const station = new StationFixture(uniqueStationId('06688'));
    const issued = await cli(['issue-code', station.stationId, '--data', dataDir]);
    expect(issued.code).toBe(0);
    const code = issued.out.at(-1) ?? '';
    expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);

    const stop = new AbortController();
    let announce: (line: string) => void = () => undefined;
    const listening = new Promise<string>((resolve) => (announce = resolve));
    const served = io('', stop.signal, (line) => announce(line));
    const serving = runCityCli(['serve', '--data', dataDir, '--port', '0', '--province', '22'], served.io);
    const line = await listening;
    expect(line).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    const base = line.slice('listening on '.length);
    expect(existsSync(join(dataDir, SERVE_LOCK_FILE))).toBe(true);

    const enrolled = await fetch(`${base}/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(station.enrolBody(code)) });
    expect(enrolled.status).toBe(201);
    // While serving, commands reach the hub through its admin route.
    const second = await cli(['issue-code', uniqueStationId('06688'), '--data', dataDir]);
    expect(second.code).toBe(0);
    expect(second.out.at(-1)).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);

    station.appendMany(5);
    expect((await signedFetch(base, station, 'POST', `/v1/stations/${station.stationId}/events`, station.batch(1, 3))).status).toBe(200);
    const file = join(dataDir, `${station.stationId}-1-1-5.tram`);
    await writeFile(file, station.bundle(1, 5));
    const imported = await cli(['import', file, '--data', dataDir]);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.out.at(-1) ?? '{}')).toMatchObject({ acked_seq: 5, inserted: 2, duplicates: 3 });

    expect((await cli(['add-staff', 'can.bo', '--data', dataDir], 'một mật khẩu dài\n')).code).toBe(0);
    const mapped = await cli(['lesson-map', join(import.meta.dirname, '../../lessons'), '--data', dataDir]);
    expect(mapped.code).toBe(0);
    expect(mapped.out.at(-1)).toMatch(/^mapped [1-9]\d* lessons$/);
    const form = await fetch(`${base}/login`);
    const loginCookie = (form.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const login = await fetch(`${base}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
      body: new URLSearchParams({ name: 'can.bo', password: 'một mật khẩu dài', csrf }).toString(),
    });
    expect(login.status).toBe(303);

    stop.abort();
    expect(await serving).toBe(0);
    expect(existsSync(join(dataDir, SERVE_LOCK_FILE))).toBe(false);

    // Without a server: straight to the data folder. Importing twice changes nothing.
    const again = await cli(['import', file, '--data', dataDir]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out.at(-1) ?? '{}')).toMatchObject({ acked_seq: 5, inserted: 0, duplicates: 5 });
    expect((await cli(['revoke', station.stationId, '--data', dataDir])).code).toBe(0);
    const refused = await cli(['import', file, '--data', dataDir]);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.out.at(-1) ?? '{}')).toEqual({ error: 'unauthorized' });
  }, 180_000);

  it('refuses a tampered bundle with exit code 1', async () => {
    const station = new StationFixture(uniqueStationId('06688'));
    const code = (await cli(['issue-code', station.stationId, '--data', dataDir])).out.at(-1) ?? '';
    const stop = new AbortController();
    let announce: (line: string) => void = () => undefined;
    const listening = new Promise<string>((resolve) => (announce = resolve));
    const serving = runCityCli(['serve', '--data', dataDir, '--port', '0', '--province', '22'], io('', stop.signal, (line) => announce(line)).io);
    const base = (await listening).slice('listening on '.length);
    await fetch(`${base}/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(station.enrolBody(code)) });
    station.appendMany(2);
    const file = join(dataDir, 'tampered.tram');
    await writeFile(file, station.bundle(1, 2, (bundle) => (bundle.first_seq = 1)).subarray(0, 10));
    expect((await cli(['import', file, '--data', dataDir])).code).toBe(1);
    await writeFile(file, station.bundle(1, 2, (bundle) => ((bundle.events as Record<string, unknown>[])[0]!.wall_ms = 1)));
    const tampered = await cli(['import', file, '--data', dataDir]);
    expect(tampered.code).toBe(1);
    expect(JSON.parse(tampered.out.at(-1) ?? '{}')).toEqual({ error: 'unauthorized' });
    stop.abort();
    expect(await serving).toBe(0);
  });

  it('reports usage errors with exit code 2', async () => {
    expect((await cli(['issue-code', 'X'])).code).toBe(2);
    expect((await cli(['issue-code', 'lower-case', '--data', dataDir])).code).toBe(2);
    expect((await cli(['frobnicate', 'x', '--data', dataDir])).code).toBe(2);
    expect((await cli(['add-staff', 'a', '--data', dataDir], 'short\n')).code).toBe(2);
    expect((await cli(['import', join(dataDir, 'missing.tram'), '--data', dataDir])).code).toBe(2);
    expect((await cli(['serve', '--data', dataDir, '--port', 'abc'])).code).toBe(2);
    expect((await cli(['--help'])).code).toBe(0);
  });

  it('tram city units FILE: refuses a bad list whole, naming the file and the line; loads a good one', async () => {
    const header = 'commune_code,commune_name,commune_type,province_code,province_name\n';
    const cases: Array<[string, Buffer, RegExp]> = [
      ['trung-ma.csv', Buffer.from(`${header}06688,Phường Hạ Long,phuong,22,Tỉnh Quảng Ninh\n06688,Phường Khác,phuong,22,Tỉnh Quảng Ninh\n`), /trung-ma\.csv, dòng 3 · line 3: duplicate commune_code 06688/],
      ['thieu-cot.csv', Buffer.from('commune_code,commune_name,commune_type,province_code\n06688,Phường Hạ Long,phuong,22\n'), /thieu-cot\.csv, dòng 1 · line 1: missing column province_name/],
      ['windows-1258.csv', Buffer.concat([Buffer.from(header), Buffer.from('06688,Ph\xf0\xf4\xf2ng H\xe3 Long,phuong,22,T\xecnh\n', 'latin1')]), /windows-1258\.csv, dòng 2 · line 2: .*not UTF-8/],
    ];
    for (const [name, bytes, message] of cases) {
      const path = join(dataDir, name);
      await writeFile(path, bytes);
      const refused = await cli(['units', path, '--data', dataDir]);
      expect(refused.code, name).toBe(2);
      expect(refused.err.join('\n'), name).toMatch(message);
    }
    const shipped = await cli(['units', new URL('../../city/units/admin-units-2025.csv', import.meta.url).pathname, '--data', dataDir]);
    expect(shipped.code).toBe(0);
    expect(shipped.out.join('\n')).toMatch(/3[.,]?321/);
  });

  it('serves in a child process and shuts down cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/city/support/cli-child.ts', 'serve', '--data', dataDir, '--port', '0', '--province', '22'], {
      cwd: join(import.meta.dirname, '../..'),
      env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: database?.databaseUrl ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(buffer);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      child.once('exit', (status) => reject(new Error(`exited early with ${status}`)));
    });
    expect((await fetch(`${line}/v1/nowhere`)).status).toBe(404);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (status) => resolve(status)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(join(dataDir, SERVE_LOCK_FILE))).toBe(false);
  });
});
