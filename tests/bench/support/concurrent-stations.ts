/**
 * The many-stations part of the hub-scale bench: two `tram city serve` processes (each its own data
 * folder holding a copy of the same key file, both on one PostgreSQL schema) and N simulated stations
 * uploading at once over HTTP on loopback, each from its own source address (127.1.x.y). Each station
 * sends its two batches (gzipped, as stations send them) to alternating hubs, then its second batch
 * again to the other hub (a lost answer, retried elsewhere). A 503/429 is retried after its
 * Retry-After, as stations do. Counts what the database holds afterwards.
 */
import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import type { ChildProcess } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import { formatAuthorization } from '../../../electron/core/sync/protocol/authorization-header';
import type { ChainedEvent } from '../../../electron/core/sync/protocol/event-hash';
import { requestSigningText } from '../../../electron/core/sync/protocol/signed-messages';
import { CITY_KEY_FILE } from '../../../city/crypto/city-keys';
import { CONTENT_KEY_FILE, loadOrCreateContentKey } from '../../../city/crypto/content-key';
import type { HubContext } from '../../../city/hub-context';
import { issueEnrolmentCode } from '../../../city/ingest/enrolment';
import { percentiles } from './report-latency';
import { chainStart, learnerEvents, newStation, sha256Hex, signText, WARDS } from './scale-stations';
import type { ScaleStation } from './scale-stations';

export interface ConcurrentResult {
  readonly stations: number;
  readonly events: number;
  readonly events_per_s: number;
  readonly p50_ms: number;
  readonly p99_ms: number;
  /** p99 from a batch's first try to its acknowledgement, the waits after 503 included. */
  readonly delivered_p99_ms: number;
  readonly retried_503: number;
  readonly lost: number;
  readonly duplicated: number;
}

interface ServedHub {
  readonly url: string;
  readonly child: ChildProcess;
}

/** Starts `tram city serve` in a child process and waits for its address. */
async function serve(dataDir: string, env: NodeJS.ProcessEnv, maxInFlight: number): Promise<ServedHub> {
  const child = spawn(process.execPath, ['bin/tram.mjs', 'city', 'serve', '--data', dataDir, '--port', '0', '--max-in-flight', String(maxInFlight)], {
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout ?? process.stdin });
  for await (const line of lines) {
    const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
    if (url !== undefined) return { url, child };
  }
  throw new Error(`hub in ${dataDir} exited before listening`);
}

async function stop(hub: ServedHub): Promise<void> {
  if (hub.child.exitCode !== null) return;
  const exited = new Promise((resolve) => hub.child.once('exit', resolve));
  hub.child.kill('SIGTERM');
  await exited;
}

/**
 * Station i's own source address on the loopback network (all of 127.0.0.0/8 is this machine): real
 * stations come from 200 different addresses, and the hub caps requests per address, so 200 stations
 * from 127.0.0.1 alone would measure that cap, not the hub.
 */
/** What one run measures: every request's time, apart by answer, and each batch's time to its 200. */
interface Timings {
  readonly requests: number[];
  readonly accepted: number[];
  readonly refused: number[];
  /** From a batch's first try to its 200, the waits a 503 asked for included: what the station lives through. */
  readonly delivered: number[];
  retries: number;
}

/** Nearest-rank quantile (0–1) of unsorted values, rounded to a millisecond; NaN for none. */
const quantile = (values: readonly number[], at: number) => Math.round([...values].sort((x, y) => x - y)[Math.max(0, Math.ceil(at * values.length) - 1)] ?? Number.NaN);

const sourceAddress = (i: number) => `127.1.${Math.floor(i / 250)}.${(i % 250) + 1}`;

/** One HTTP POST from `localAddress` (node:http, which can bind the source address; fetch cannot). */
function postFrom(localAddress: string, url: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; retryAfter: string | null; answer: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', localAddress, headers: { ...headers, 'content-length': body.length } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        try {
          const retryAfter = response.headers['retry-after'];
          resolve({ status: response.statusCode ?? 0, retryAfter: typeof retryAfter === 'string' ? retryAfter : null, answer: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> });
        } catch (error) {
          reject(error as Error);
        }
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** A batch as a station's transport prepares it once for all its tries: gzipped, its plain text hashed. */
interface PreparedBody {
  readonly gzipped: Buffer;
  readonly plainHash: string;
}

const prepare = (json: string): PreparedBody => ({ gzipped: gzipSync(json), plainHash: sha256Hex(json) });

async function post(hub: ServedHub, station: ScaleStation, path: string, body: PreparedBody, timings: Timings): Promise<Record<string, unknown>> {
  const firstTry = performance.now();
  for (;;) {
    const ts = Date.now();
    const text = requestSigningText('POST', path, body.plainHash, ts, '-');
    const authorization = formatAuthorization({ stationId: station.stationId, ts, nonce: '-', sig: signText(station, text) });
    const start = performance.now();
    const headers = { authorization, 'content-type': 'application/json', 'content-encoding': 'gzip' };
    const { status, retryAfter, answer } = await postFrom(sourceAddress(station.index), `${hub.url}${path}`, headers, body.gzipped);
    const took = performance.now() - start;
    timings.requests.push(took);
    (status === 200 ? timings.accepted : timings.refused).push(took);
    if (status === 200) {
      timings.delivered.push(performance.now() - firstTry);
      return answer;
    }
    if (status !== 503 && status !== 429) throw new Error(`${station.stationId}: ${status} ${JSON.stringify(answer)}`);
    timings.retries += 1;
    await new Promise((resolve) => setTimeout(resolve, Number(retryAfter ?? '1') * 1000));
  }
}

/** Runs the concurrent-upload phase; `ctx` is an in-process hub context on the same database. */
export async function runConcurrentStations(
  ctx: HubContext,
  p: { stations: number; learnersPerStation: number; stateDir: string; databaseUrl: string; runId: string; maxInFlight: number; say: (line: string) => void },
): Promise<ConcurrentResult> {
  const dirs = [join(p.stateDir, 'hub-a'), join(p.stateDir, 'hub-b')];
  // Every hub process on one database holds the same key files: the city keys and the content key.
  await loadOrCreateContentKey(ctx.dataDir);
  for (const dir of dirs) {
    await mkdir(dir, { recursive: true });
    for (const file of [CITY_KEY_FILE, CONTENT_KEY_FILE]) await copyFile(join(ctx.dataDir, file), join(dir, file));
  }
  const hubs: [ServedHub, ServedHub] = [await serve(dirs[0] ?? '', { DATABASE_URL: p.databaseUrl }, p.maxInFlight), await serve(dirs[1] ?? '', { DATABASE_URL: p.databaseUrl }, p.maxInFlight)];
  const hubFor = (i: number): ServedHub => hubs[i % 2 === 0 ? 0 : 1];
  try {
    const stations = Array.from({ length: p.stations }, (_v, i) => newStation(`${WARDS[i % WARDS.length] ?? '22000'}-C${p.runId}${String(i).padStart(3, '0')}`, WARDS[i % WARDS.length] ?? '22000', i));
    for (const station of stations) {
      const { code } = await issueEnrolmentCode(ctx, station.stationId);
      const response = await fetch(`${hubFor(station.index).url}/v1/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ station_id: station.stationId, public_key: station.publicKeyB64, enrolment_code: code, app_version: 'bench' }),
      });
      if (response.status !== 201) throw new Error(`enrolment of ${station.stationId}: ${response.status}`);
    }
    // Two batches per station, built (hashed, serialised, gzipped as stations send them) before the clock starts.
    const half = Math.floor(p.learnersPerStation / 2);
    const bodies = stations.map((station) => {
      const head = chainStart();
      const numbers = Array.from({ length: p.learnersPerStation }, (_v, k) => station.index + p.stations * k);
      const all: ChainedEvent[] = learnerEvents(station, head, numbers, { totalLearners: p.stations * p.learnersPerStation, prefix: `concurrent-${p.runId}`, wards: WARDS });
      const cut = half * 6;
      const batch = (events: ChainedEvent[], prev: string) =>
        JSON.stringify({ epoch: 1, first_seq: events[0]?.seq ?? 1, last_seq: events.at(-1)?.seq ?? 0, prev_hash: prev, events, app_version: 'bench' });
      return [prepare(batch(all.slice(0, cut), '0'.repeat(64))), prepare(batch(all.slice(cut), all[cut - 1]?.hash ?? ''))] as const;
    });
    const events = stations.length * p.learnersPerStation * 6;
    p.say(`  ${stations.length} stations enrolled on two hub processes (${hubs[0].url}, ${hubs[1].url}); uploading ${events.toLocaleString('en')} events at once`);
    const timings: Timings = { requests: [], accepted: [], refused: [], delivered: [], retries: 0 };
    let inserted = 0;
    const start = performance.now();
    await Promise.all(
      stations.map(async (station, i) => {
        const path = `/v1/stations/${station.stationId}/events`;
        const [first, second] = bodies[i] ?? [];
        if (first === undefined || second === undefined) throw new Error(`no batches for station ${i}`);
        const a = await post(hubFor(i), station, path, first, timings);
        const b = await post(hubFor(i + 1), station, path, second, timings);
        const again = await post(hubFor(i), station, path, second, timings);
        inserted += Number(a.inserted) + Number(b.inserted) + Number(again.inserted);
      }),
    );
    const ms = performance.now() - start;
    const stored = await ctx.db.query<{ n: number }>('SELECT count(*)::bigint AS n FROM events WHERE station_id = ANY($1::text[])', [stations.map((s) => s.stationId)]);
    const storedEvents = stored[0]?.n ?? 0;
    const { accepted, refused } = timings;
    p.say(`  request times: 200 p50 ${quantile(accepted, 0.5)} / p99 ${quantile(accepted, 0.99)} ms (${accepted.length}); 503 p50 ${quantile(refused, 0.5)} / p99 ${quantile(refused, 0.99)} ms (${refused.length})`);
    return {
      stations: stations.length,
      events,
      events_per_s: Math.round(events / (ms / 1000)),
      p50_ms: percentiles(timings.requests).p50,
      p99_ms: quantile(timings.requests, 0.99),
      delivered_p99_ms: quantile(timings.delivered, 0.99),
      retried_503: timings.retries,
      lost: events - storedEvents,
      duplicated: inserted - storedEvents,
    };
  } finally {
    await Promise.all(hubs.map(stop));
  }
}
