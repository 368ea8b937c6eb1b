/**
 * Sync benchmark (issue #6 item 7): drain a 6-week backlog (21,000 events) from a station database to
 * the city hub over HTTP on 127.0.0.1 — once with the hub on PGlite, once on PostgreSQL — and, in
 * the same process, replicate the same records with PouchDB to an express-pouchdb server, the peer a
 * developer would otherwise pick.
 *
 * What is timed is the station's own runOnce() (createSyncService with its default engine: batches
 * of 500, read from SQLite, chain re-verified, signed, gzip'd, receipt checked, acknowledgement
 * written) against the real hub (signature check, chain check, inserts, signed receipt). Seeding and
 * enrolment happen before the clock starts, and one untimed drain warms the JIT before the first
 * peer. Station and hub share this process, as the PouchDB client and server do, so peak RSS covers
 * both sides of each peer.
 */
import { enrolStation } from '../../electron/station/sync/enrol';
import { createSyncService } from '../../electron/station/sync/sync-service';
import { benchDatabaseUrl, openPostgresSchema, startBenchHub } from './support/bench-hub';
import { BENCH_APP_VERSION, copyStation, readWholeLog, realClock, seedTemplate } from './support/bench-station';
import type { SeededTemplate } from './support/bench-station';
import { loadPouchModules, POUCH_PACKAGES, startPouchPeer } from './support/pouch-peer';
import { processPeakRssMb, watchRss } from './support/rss-peak';

/** Six weeks of a busy station: ~500 events a day. */
export const BACKLOG_EVENTS = 21_000;
/** Runs per peer; the median is reported, because single runs on a shared 2-core machine vary by ±25 %. */
const RUNS = 5;
const GOAL_DRAIN_MS = 2_000;
const GOAL_RATIO = 3;

interface Run {
  readonly ms: number;
  readonly requests: number;
  readonly rssMb: number;
}

interface Measured {
  readonly ms: number;
  readonly per_s: number;
  readonly runs: readonly Run[];
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Runs `once` RUNS times in a row, printing each, and keeps the median time. */
async function measure(name: string, events: number, once: () => Promise<Run>): Promise<Measured> {
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await once();
    runs.push(run);
    say(`${name.padEnd(16)} run ${i + 1}: ${String(Math.round(run.ms)).padStart(6)} ms  ${String(Math.round(events / (run.ms / 1000))).padStart(6)} events/s  ${String(run.requests).padStart(5)} requests  peak RSS ${run.rssMb} MiB`);
  }
  const ms = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(RUNS / 2)]?.ms ?? Number.NaN;
  return { ms: Math.round(ms), per_s: Math.round(events / (ms / 1000)), runs };
}

/** One full drain of a fresh copy of the backlog to a fresh hub; throws unless every event landed. */
async function drainToHub(template: SeededTemplate, databaseUrl: string | undefined): Promise<Run> {
  const hub = await startBenchHub(databaseUrl === undefined ? {} : { databaseUrl });
  const station = copyStation(template);
  try {
    const code = await hub.issueCode(station.stationId);
    await enrolStation({ dataDir: station.dataDir, hubUrl: hub.url, stationId: station.stationId, code, appVersion: BENCH_APP_VERSION, open: { db: station.db, log: station.log } });
    const sync = createSyncService({ db: station.db, keysPath: station.keysPath, appVersion: BENCH_APP_VERSION, clock: realClock });
    const rss = watchRss();
    const start = performance.now();
    const result = await sync.runOnce();
    const ms = performance.now() - start;
    const rssMb = rss.stop();
    const stored = await hub.countEvents(station.stationId);
    if (!result.ok || result.ackedSeq !== template.events || stored !== template.events) {
      throw new Error(`drain incomplete: ${JSON.stringify({ ...result, stored })}`);
    }
    return { ms, requests: result.requests, rssMb };
  } finally {
    station.cleanup();
    await hub.close();
  }
}

/**
 * PouchDB with its default replication settings (what a developer gets), then once with batches of
 * 500 like the hub protocol's, printed for comparison only. Each run goes to a fresh server database.
 */
async function replicateWithPouch(template: SeededTemplate): Promise<{ defaults: Measured; tuned: Measured } | { skipped: string }> {
  const modules = loadPouchModules();
  if ('missing' in modules) return { skipped: `PouchDB packages not installed (${POUCH_PACKAGES.join(', ')}): ${modules.missing}` };
  const source = copyStation(template);
  const events = readWholeLog(source.db);
  source.cleanup();
  const peer = await startPouchPeer(modules, events, 1);
  const once = async (options: Record<string, unknown>): Promise<Run> => {
    const rss = watchRss();
    const run = await peer.replicate(options);
    const rssMb = rss.stop();
    if (run.docsWritten !== events.length || run.serverDocs !== events.length) throw new Error(`PouchDB replication incomplete: ${JSON.stringify(run)}`);
    return { ms: run.ms, requests: run.requests, rssMb };
  };
  try {
    // PouchDB's defaults (batch_size 100) and the same batch size as ours (500): both medians are
    // reported, so the ratio is never flattered by comparing against a smaller batch.
    const defaults = await measure('pouchdb', events.length, () => once({}));
    const tuned = await measure('pouchdb batch_size=500', events.length, () => once({ batch_size: 500 }));
    return { defaults, tuned };
  } finally {
    await peer.close();
  }
}

export async function runSyncBench(): Promise<Record<string, unknown>> {
  const template = seedTemplate(BACKLOG_EVENTS);
  const events = template.events;
  say(`seeded ${events} events through EventLog.append in ${(template.seedMs / 1000).toFixed(1)} s (not timed); ${RUNS} runs per peer, median reported`);
  try {
    // One untimed drain first, so that JIT warm-up of the shared code (HTTP, hashing, validation) is
    // not charged to whichever peer happens to run first.
    const warmUp = await drainToHub(template, undefined);
    say(`warm-up drain (PGlite, not counted): ${Math.round(warmUp.ms)} ms`);
    const pglite = await measure('pglite', events, () => drainToHub(template, undefined));

    let postgres: Measured | null = null;
    const databaseUrl = benchDatabaseUrl();
    const probe = await openPostgresSchema(databaseUrl);
    if ('unreachable' in probe) {
      say(`postgres SKIPPED: ${new URL(databaseUrl).host} unreachable (${probe.unreachable}); set DATABASE_URL to a reachable server`);
    } else {
      await probe.drop();
      postgres = await measure('postgres', events, () => drainToHub(template, databaseUrl));
    }

    const pouch = await replicateWithPouch(template);
    if ('skipped' in pouch) say(`pouchdb SKIPPED: ${pouch.skipped}`);
    const pouchdb = 'skipped' in pouch ? null : pouch.defaults;
    const pouchdb500 = 'skipped' in pouch ? null : pouch.tuned;

    const ratio = (run: Measured | null, base: number | null) => (run && base ? Number((run.per_s / base).toFixed(2)) : null);
    const ratioPostgres = ratio(postgres, pouchdb?.per_s ?? null);
    const ratioPostgres500 = ratio(postgres, pouchdb500?.per_s ?? null);
    if (!('skipped' in pouch)) {
      say(`median ms: pglite ${pglite.ms}, postgres ${postgres?.ms ?? 'n/a'}, pouchdb ${pouch.defaults.ms}, pouchdb batch_size=500 ${pouch.tuned.ms}`);
      say(`ratio to PouchDB defaults: pglite ${ratio(pglite, pouch.defaults.per_s)}×, postgres ${ratioPostgres ?? 'n/a'}×; to PouchDB batch_size=500: pglite ${ratio(pglite, pouch.tuned.per_s)}×, postgres ${ratioPostgres500 ?? 'n/a'}×`);
    }
    const slowest = Math.max(pglite.ms, postgres?.ms ?? 0);
    say(`goal PostgreSQL ≥ ${GOAL_RATIO}× PouchDB: ${ratioPostgres === null ? 'not measured' : ratioPostgres >= GOAL_RATIO ? 'met' : 'NOT met'}`);
    say(`goal whole drain ≤ ${GOAL_DRAIN_MS} ms: postgres ${postgres === null ? 'not measured' : postgres.ms <= GOAL_DRAIN_MS ? 'met' : 'NOT met'}, pglite ${pglite.ms <= GOAL_DRAIN_MS ? 'met' : 'NOT met'} (slowest median ${slowest} ms)`);
    const pick = (run: Measured | null) => (run ? { ms: run.ms, per_s: run.per_s } : null);
    return {
      events,
      pglite: pick(pglite),
      postgres: pick(postgres),
      pouchdb: pick(pouchdb),
      pouchdb_batch500: pick(pouchdb500),
      ratio_postgres_vs_pouchdb: ratioPostgres,
      ratio_postgres_vs_pouchdb_batch500: ratioPostgres500,
      peak_rss_mb: processPeakRssMb(),
    };
  } finally {
    template.cleanup();
  }
}
