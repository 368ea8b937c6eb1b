/**
 * Hub-scale benchmark (issue #16 item 6), PostgreSQL only:
 *
 *   npm run bench -- hub-scale [--sizes 100000,1000000] [--fresh] [--no-concurrent] [--stations 200]
 *
 * 1. Seeds a province — 54 wards, two stations each — through the real ingest path (signed batches
 *    into applyBatch) up to each size in turn (learners, six events each), and prints ingest events/s.
 *    The seed lives in schema `hub_scale` and the folder TRAM_BENCH_DIR (default <tmp>/tram-hub-scale)
 *    and resumes where an interrupted run stopped; --fresh starts again.
 * 2. At each size, times the report endpoints over HTTP: ward progress JSON, /reports, CSV (p50/p95).
 * 3. Then N stations upload at once over HTTP into two `tram city serve` processes.
 * Last line: {"learners","ingest_per_s","report_p95_ms":{"100k","1m"},"concurrent":{…}} plus details.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { parseArgs } from 'node:util';
import { runAdminCommand } from '../../city/admin/admin-commands';
import { openHubDatabase } from '../../city/db/hub-database';
import { buildHubApp } from '../../city/http/create-hub';
import { openHubContext } from '../../city/hub-context';
import type { HubContext } from '../../city/hub-context';
import { enrolStation, issueEnrolmentCode } from '../../city/ingest/enrolment';
import { benchDatabaseUrl } from './support/bench-hub';
import { DEFAULT_WORK_SLOTS } from '../../city/http/station-admission';
import { runConcurrentStations } from './support/concurrent-stations';
import type { ConcurrentResult } from './support/concurrent-stations';
import { measureReports } from './support/report-latency';
import type { ReportLatency } from './support/report-latency';
import { seedLearners, storedLearners } from './support/scale-seed';
import { BENCH_PROVINCE, checkPayloadTemplates, newStation, WARDS } from './support/scale-stations';
import type { ScaleStation } from './support/scale-stations';

const SCHEMA = 'hub_scale';
const STATIONS_PER_WARD = 2;
const STAFF = { user: 'bench', password: 'bench password 1234' };
const GOAL_P95_MS = 200;

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function label(size: number): string {
  return size >= 1_000_000 ? `${size / 1_000_000}m` : `${Math.round(size / 1000)}k`;
}

/** The province's stations: loaded from the state folder, or made and enrolled through the hub. */
async function provinceStations(ctx: HubContext, stateDir: string): Promise<ScaleStation[]> {
  const file = join(stateDir, 'stations.json');
  try {
    const saved = JSON.parse(await readFile(file, 'utf8')) as { stationId: string; ward: string; index: number; pem: string }[];
    return saved.map((s) => {
      const privateKey = createPrivateKey(s.pem);
      const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
      return { stationId: s.stationId, ward: s.ward, index: s.index, privateKey, publicKeyB64: Buffer.from(String(jwk.x), 'base64url').toString('base64') };
    });
  } catch {
    const stations = WARDS.flatMap((ward, w) => Array.from({ length: STATIONS_PER_WARD }, (_v, k) => newStation(`${ward}-0${k + 1}`, ward, w * STATIONS_PER_WARD + k)));
    for (const station of stations) {
      const { code } = await issueEnrolmentCode(ctx, station.stationId);
      const answer = await enrolStation(ctx, { station_id: station.stationId, public_key: station.publicKeyB64, enrolment_code: code, app_version: 'bench' });
      if (answer.status !== 201) throw new Error(`enrolment of ${station.stationId} refused`);
    }
    const saved = stations.map((s) => ({ stationId: s.stationId, ward: s.ward, index: s.index, pem: s.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() }));
    await writeFile(file, JSON.stringify(saved), { mode: 0o600 });
    return stations;
  }
}

export async function runHubScaleBench(args: string[] = []): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args,
    options: { sizes: { type: 'string' }, fresh: { type: 'boolean' }, 'no-concurrent': { type: 'boolean' }, stations: { type: 'string' }, 'max-in-flight': { type: 'string' }, workers: { type: 'string' } },
  });
  const sizes = (values.sizes ?? '100000,1000000').split(',').map(Number).sort((a, b) => a - b);
  const maxSize = sizes.at(-1) ?? 0;
  checkPayloadTemplates();
  const stateDir = process.env.TRAM_BENCH_DIR || join(tmpdir(), 'tram-hub-scale');
  const baseUrl = benchDatabaseUrl();
  const admin = await openHubDatabase({ dataDir: stateDir, databaseUrl: baseUrl });
  if (values.fresh === true) {
    await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await rm(stateDir, { recursive: true, force: true });
  }
  await mkdir(join(stateDir, 'hub'), { recursive: true });
  await admin.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
  await admin.close();
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${SCHEMA}`);
  const databaseUrl = url.toString();
  const ctx = await openHubContext({ dataDir: join(stateDir, 'hub'), databaseUrl, province: BENCH_PROVINCE });
  const app = buildHubApp(ctx);
  try {
    await runAdminCommand(ctx, { command: 'add-staff', name: STAFF.user, password: STAFF.password });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const hubUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const stations = await provinceStations(ctx, stateDir);
    say(`PostgreSQL ${url.host}, schema ${SCHEMA}, state ${stateDir}; ${stations.length} stations in ${WARDS.length} wards; sizes ${sizes.join(', ')} learners`);

    const ingestRates: number[] = [];
    const reports: Record<string, ReportLatency> = {};
    for (const size of sizes) {
      const before = await storedLearners(ctx);
      say(`seeding to ${size.toLocaleString('en')} learners (${before.toLocaleString('en')} stored)`);
      const seeded = await seedLearners(ctx, stations, { target: size, totalLearners: maxSize, prefix: 'province', workers: Number(values.workers ?? '4'), say });
      if (seeded.events > 0) {
        const rate = Math.round(seeded.events / (seeded.ms / 1000));
        ingestRates.push(rate);
        say(`  ingest: ${seeded.events.toLocaleString('en')} events in ${(seeded.ms / 1000).toFixed(1)} s = ${rate} events/s`);
      }
      await ctx.db.query('ANALYZE');
      const latency = await measureReports(hubUrl, { ...STAFF, wards: WARDS, rounds: 40 });
      reports[label(size)] = latency;
      say(`  ${label(size)} reports (ms p50/p95): progress ${latency.progress.p50}/${latency.progress.p95}, /reports ${latency.reports.p50}/${latency.reports.p95}, csv ${latency.csv.p50}/${latency.csv.p95}`);
    }
    const p95 = (key: string) => {
      const r = reports[key];
      return r === undefined ? null : Math.max(r.progress.p95, r.reports.p95, r.csv.p95);
    };
    const small = p95(label(sizes[0] ?? 0));
    const large = p95(label(maxSize));
    if (large !== null) say(`goal p95 ≤ ${GOAL_P95_MS} ms at ${label(maxSize)}: ${large <= GOAL_P95_MS ? 'met' : 'NOT met'} (${large} ms)`);
    if (small !== null && large !== null && sizes.length > 1) say(`goal ≤ 1.5× the ${label(sizes[0] ?? 0)} figure: ${large <= 1.5 * small ? 'met' : 'NOT met'} (${(large / small).toFixed(2)}×)`);

    const learners = await storedLearners(ctx);
    let concurrent: ConcurrentResult | null = null;
    if (values['no-concurrent'] !== true) {
      concurrent = await runConcurrentStations(ctx, {
        stations: Number(values.stations ?? '200'),
        learnersPerStation: 166,
        stateDir,
        databaseUrl,
        runId: Date.now().toString(36).slice(-4).toUpperCase(),
        maxInFlight: Number(values['max-in-flight'] ?? String(DEFAULT_WORK_SLOTS)),
        say,
      });
      say(`  concurrent: ${concurrent.events_per_s} events/s, upload p50 ${concurrent.p50_ms} ms, p99 ${concurrent.p99_ms} ms, first try → acknowledged p99 ${concurrent.delivered_p99_ms} ms, 503 retries ${concurrent.retried_503}, lost ${concurrent.lost}, duplicated ${concurrent.duplicated}`);
      say(`goal ≥ 10,000 events/s, p99 ≤ 2,000 ms, 0 lost: ${concurrent.events_per_s >= 10_000 && concurrent.p99_ms <= 2000 && concurrent.lost === 0 && concurrent.duplicated === 0 ? 'met' : 'NOT met'}`);
    }
    const reportP95: Record<string, number | null> = { '100k': p95('100k'), '1m': p95('1m') };
    for (const key of Object.keys(reports)) reportP95[key] = p95(key);
    return {
      learners,
      ingest_per_s: ingestRates.length === 0 ? null : Math.round(ingestRates.reduce((a, b) => a + b) / ingestRates.length),
      report_p95_ms: reportP95,
      concurrent: concurrent === null ? null : { stations: concurrent.stations, events_per_s: concurrent.events_per_s, p99_ms: concurrent.p99_ms, delivered_p99_ms: concurrent.delivered_p99_ms, lost: concurrent.lost, duplicated: concurrent.duplicated },
      reports_ms: reports,
    };
  } finally {
    await app.close();
    await ctx.db.close();
  }
}
