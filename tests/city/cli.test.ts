// `tram city …` (runCityCli): serve with clean shutdown, issue-code, add-staff, revoke and import,
// both against the data folder directly and through a serving hub's admin route.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCityCli } from '../../city/cli/city-cli';
import type { CliIo } from '../../city/cli/city-cli';
import { SERVE_LOCK_FILE } from '../../city/cli/serve-lock';
import { StationFixture, uniqueStationId } from '../support/station-fixture';
import { DRIVERS, openTestDatabase } from './support/hub-harness';
import type { TestDatabase } from './support/hub-harness';

interface CliRun {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}

describe.each(DRIVERS)('tram city CLI (%s)', (driver) => {
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
    const serving = runCityCli(['serve', '--data', dataDir, '--port', '0'], served.io);
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
    // The lesson packs carry both frameworks, so every lesson gets its QĐ 757 codes too.
    const [, lessons, withQd] = /^mapped (\d+) lessons \((\d+) with QĐ 757 codes\)$/.exec(mapped.out.at(-1) ?? '') ?? [];
    expect(Number(lessons)).toBeGreaterThanOrEqual(20);
    expect(withQd).toBe(lessons);
    const login = await fetch(`${base}/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'can.bo', password: 'một mật khẩu dài' }) });
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
  });

  it('refuses a tampered bundle with exit code 1', async () => {
    const station = new StationFixture(uniqueStationId('06688'));
    const code = (await cli(['issue-code', station.stationId, '--data', dataDir])).out.at(-1) ?? '';
    const stop = new AbortController();
    let announce: (line: string) => void = () => undefined;
    const listening = new Promise<string>((resolve) => (announce = resolve));
    const serving = runCityCli(['serve', '--data', dataDir, '--port', '0'], io('', stop.signal, (line) => announce(line)).io);
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

  it('serves in a child process and shuts down cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/city/support/cli-child.ts', 'serve', '--data', dataDir, '--port', '0'], {
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
