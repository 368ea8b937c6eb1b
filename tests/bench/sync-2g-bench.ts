/**
 * 2G sync benchmark (issue #7 item 6): drain the 6-week backlog (21,000 events) through a link shaped
 * as 2G — 800 ± 400 ms one-way latency in each direction, 8,000 bytes/s each way — and show that the
 * station's event loop stays responsive meanwhile (perf_hooks.monitorEventLoopDelay over the drain).
 *
 * The hub and the shaping proxy run in a child process (support/hub-child.ts), so this process holds
 * only the station: its SQLite database, the sync service and the measurement. In the kiosk the
 * renderer is another process again; what could block it is IPC from this (main) process stalling,
 * which is what the loop delay shows. Takes several minutes; not run in CI.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { enrolStation } from '../../electron/station/sync/enrol';
import { createSyncService } from '../../electron/station/sync/sync-service';
import { BENCH_APP_VERSION, BENCH_STATION_ID, copyStation, realClock, seedTemplate } from './support/bench-station';
import { watchLoopDelay } from './support/loop-delay';
import type { LinkStats } from './support/shaping-proxy';
import { BACKLOG_EVENTS } from './sync-bench';

const LINK = { latencyMs: 800, jitterMs: 400, bytesPerSecond: 8_000 } as const;
const GOAL_MS = 10 * 60_000;
/** A generous stop for a drain that would otherwise never end (a bug, a hung child). */
const GIVE_UP_MS = 20 * 60_000;
const CHILD_ANSWER_MS = 60_000;
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

interface HubChild {
  readonly process: ChildProcessWithoutNullStreams;
  /** The child's next stdout line, or an error after CHILD_ANSWER_MS. */
  nextLine(): Promise<string>;
  stop(): Promise<void>;
}

function startHubChild(stationId: string): HubChild {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/bench/support/hub-child.ts', stationId, String(LINK.latencyMs), String(LINK.jitterMs), String(LINK.bytesPerSecond)],
    { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(`[hub] ${chunk.toString()}`));
  const lines: string[] = [];
  const waiters: Array<(line: string) => void> = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const waiter = waiters.shift();
    if (waiter) waiter(line);
    else lines.push(line);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    nextLine() {
      const ready = lines.shift();
      if (ready !== undefined) return Promise.resolve(ready);
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the hub child did not answer in time')), CHILD_ANSWER_MS);
        waiters.push((line) => {
          clearTimeout(timer);
          resolve(line);
        });
        void exited.then(() => reject(new Error(`the hub child exited (code ${child.exitCode})`)));
      });
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.stdin.end('close\n');
      const timer = setTimeout(() => child.kill(), CHILD_ANSWER_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * What the link alone costs: every byte at the link rate, plus per request one uplink and one downlink
 * latency (mean), plus the handshake of each connection. Hub and station time come on top.
 */
function linkFloorMs(link: LinkStats, requests: number): number {
  const wireBytes = link.upBytes + Math.ceil(link.upBytes / 1460) * 40;
  return (wireBytes / LINK.bytesPerSecond) * 1000 + requests * 2 * LINK.latencyMs + link.connections * 2 * LINK.latencyMs;
}

export async function runSync2gBench(): Promise<Record<string, unknown>> {
  const template = seedTemplate(BACKLOG_EVENTS);
  say(`seeded ${template.events} events in ${(template.seedMs / 1000).toFixed(1)} s (not timed)`);
  const station = copyStation(template);
  const hub = startHubChild(BENCH_STATION_ID);
  try {
    const { proxyUrl, code } = JSON.parse(await hub.nextLine()) as { proxyUrl: string; code: string };
    say(`link: ${LINK.latencyMs} ± ${LINK.jitterMs} ms one way each direction, ${LINK.bytesPerSecond} bytes/s each way; hub (PGlite) and proxy in child pid ${hub.process.pid}`);
    const enrolStart = performance.now();
    await enrolStation({ dataDir: station.dataDir, hubUrl: proxyUrl, stationId: station.stationId, code, appVersion: BENCH_APP_VERSION, open: { db: station.db, log: station.log } });
    say(`enrolled through the shaped link in ${((performance.now() - enrolStart) / 1000).toFixed(1)} s (not timed)`);

    // The link's counters from here on: enrolment's bytes and connection are not part of the drain.
    hub.process.stdin.write('count\n');
    const before = (JSON.parse(await hub.nextLine()) as { link: LinkStats }).link;
    const sync = createSyncService({ db: station.db, keysPath: station.keysPath, appVersion: BENCH_APP_VERSION, clock: realClock });
    // Started before the clock: spawning the control process is not part of the drain.
    const loop = await watchLoopDelay();
    let lastProgress = performance.now();
    const start = performance.now();
    sync.onChange((status) => {
      // A progress line every 30 s; the listener itself must stay cheap, it runs on the loop we measure.
      if (performance.now() - lastProgress < 30_000) return;
      lastProgress = performance.now();
      say(`  ${((lastProgress - start) / 1000).toFixed(0)} s: ${status.waitingEvents} events waiting`);
    });
    const giveUp = setTimeout(() => sync.stop(), GIVE_UP_MS);
    const result = await sync.runOnce({ maxFailures: 10 });
    const ms = performance.now() - start;
    clearTimeout(giveUp);
    const { station: delay, control } = await loop.stop();

    hub.process.stdin.write('count\n');
    const { stored, link: after } = JSON.parse(await hub.nextLine()) as { stored: number; link: LinkStats };
    const link: LinkStats = { connections: after.connections - before.connections, upBytes: after.upBytes - before.upBytes, downBytes: after.downBytes - before.downBytes };
    if (!result.ok || result.ackedSeq !== template.events || stored !== template.events) {
      throw new Error(`drain incomplete after ${Math.round(ms)} ms: ${JSON.stringify({ ...result, stored })}`);
    }
    const floor = linkFloorMs(link, result.requests);
    say(`drained ${template.events} events in ${(ms / 1000).toFixed(1)} s with ${result.requests} requests over ${link.connections} new connection(s)`);
    say(`sent ${link.upBytes} bytes up (${(link.upBytes / template.events).toFixed(1)} per event, gzip'd batches), ${link.downBytes} bytes down`);
    say(`link floor (bytes at the rate + 2 × latency per request and handshake): ${(floor / 1000).toFixed(1)} s; the rest is hub, station and jitter`);
    say(`station event loop during the drain (10 ms sampling): max ${delay.maxMs} ms, p99 ${delay.p99Ms} ms, mean ${delay.meanMs} ms; longest GC pause ${delay.maxGcMs} ms`);
    say(`idle control process over the same time (scheduler noise): ${control ? `max ${control.maxMs} ms, p99 ${control.p99Ms} ms` : 'not measured'}`);
    say(`goal < ${GOAL_MS / 60_000} min: ${ms < GOAL_MS ? 'met' : 'NOT met'}`);
    return {
      events: template.events,
      ms: Math.round(ms),
      requests: result.requests,
      max_loop_delay_ms: delay.maxMs,
      p99_loop_delay_ms: delay.p99Ms,
      control_max_loop_delay_ms: control?.maxMs ?? null,
      up_bytes: link.upBytes,
      link_floor_ms: Math.round(floor),
    };
  } finally {
    await hub.stop();
    station.cleanup();
    template.cleanup();
  }
}
