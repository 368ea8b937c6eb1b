// Network faults between a real station and a real hub (reference/sync.md §5 #1, #2, #8, #9, #20):
// the station enrols through the fault proxy, so every sync request crosses it.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countEvents } from '../../city/store/event-store';
import { readAcknowledgement } from '../../electron/station/store/sync-state';
import { seededRandom } from '../../electron/core/seeded-random';
import { readBatch } from '../../electron/station/sync/batch-reader';
import { sha256Hex } from '../../electron/station/crypto/node-hash';
import { startFaultProxy } from '../support/fault-proxy';
import type { FaultProxy } from '../support/fault-proxy';
import { faultHubForFile } from './fault-suite';
import type { FaultStation } from './fault-station';
import { FAST_ENGINE } from './fault-station';
import { expectInvariants, stationInput } from './invariants';

const UPLOAD = 'POST /v1/stations/';

describe('network faults', () => {
  const faults = faultHubForFile({ resetAfterEach: () => proxy.heal() });
  let proxy: FaultProxy;

  beforeAll(async () => {
    proxy = await startFaultProxy({ targetPort: faults.hub.port, random: seededRandom(8) });
  });
  afterAll(async () => {
    await proxy.close();
  });

  const station = (events: number): Promise<FaultStation> => faults.enrolled(events, { hubUrl: proxy.url });
  const stored = (s: FaultStation) => countEvents(faults.hub.ctx.db, { stationId: s.stationId, epoch: 1 });

  it('#1 answer lost after the hub committed: hub holds the batch, station re-reads the cursor, a replay is all duplicates', async () => {
    const s = await station(120);
    proxy.set({ cuts: [{ direction: 'downstream', trigger: UPLOAD, afterBytes: 0, times: 1 }] });
    const sync = s.service({ engine: { ...FAST_ENGINE, maxBatch: 50 } });
    const lost = await sync.runOnce({ maxFailures: 1 });
    expect(lost).toMatchObject({ ok: false, state: 'offline' });
    expect(proxy.stats().cuts).toBe(1);
    // Committed at the hub, unknown to the station: the watermark did not move from the answer.
    expect(await stored(s)).toBe(50);
    expect(readAcknowledgement(s.db, 1)?.ackedSeq ?? 0).toBe(0);

    expect(await sync.runOnce()).toMatchObject({ ok: true, ackedSeq: 120 });
    // The exact batch whose answer was lost, sent again: 200, nothing inserted, all duplicates.
    const replay = await s.transport(proxy.url).uploadBatch(s.batchJson(1, 50));
    expect(replay.result).toMatchObject({ ok: true, value: { acked_seq: 120, inserted: 0, duplicates: 50 } });
    expect(await stored(s)).toBe(120);
    await expectInvariants(stationInput(s, faults.hub.ctx.db));
  });

  it('#2 connection cut mid-request at random byte counts (and reset mid-stream): never a partial batch', async () => {
    const s = await station(0);
    const sync = s.service({ engine: { ...FAST_ENGINE, maxBatch: 40 } });
    const random = seededRandom(2);
    for (let round = 0; round < 5; round += 1) {
      s.record(40);
      // Anywhere from inside the headers (≥ 300 bytes) to the last byte of the gzip body.
      const body = gzipSync(s.batchJson(s.log.head().seq - 39, 40)).length;
      const cutAt = Math.floor(random() * (body + 300));
      proxy.set({ cuts: [{ direction: 'upstream', trigger: UPLOAD, afterBytes: cutAt, times: 1, how: round % 2 === 0 ? 'reset' : 'close' }] });
      const before = await stored(s);
      expect(await sync.runOnce({ maxFailures: 1 })).toMatchObject({ ok: false });
      expect(await stored(s)).toBe(before);
      expect(await sync.runOnce()).toMatchObject({ ok: true, ackedSeq: s.log.head().seq });
    }
    // A sliced, slow upload reset mid-flight.
    s.record(200);
    const before = await stored(s);
    proxy.set({ bytesPerSecond: 8 * 1024 });
    const slow = s.service({ engine: { ...FAST_ENGINE, maxBatch: 200 } }).runOnce({ maxFailures: 1 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(proxy.resetAll()).toBeGreaterThan(0);
    expect(await slow).toMatchObject({ ok: false });
    expect(await stored(s)).toBe(before);
    proxy.heal();
    expect(await sync.runOnce()).toMatchObject({ ok: true, ackedSeq: s.log.head().seq });
    expect(proxy.stats().cuts).toBeGreaterThanOrEqual(5);
    await expectInvariants(stationInput(s, faults.hub.ctx.db));
  });

  it('#8 2G-shaped link (800 ± 400 ms, 6 KB/s): the first batch times out, batches shrink, the backlog drains', async () => {
    // Sized so a 300-event batch (~26 KB gzip: ≥ 4.3 s of bytes + ≥ 0.4 s latency) can never reach
    // the hub before the 4.5 s deadline, so the first attempt is a real timeout, not a lost answer.
    const s = await station(300);
    proxy.set({ latencyMs: 800, jitterMs: 400, bytesPerSecond: 6 * 1024 });
    const sync = s.service({ requestTimeoutMs: 4_500, engine: { ...FAST_ENGINE, maxBatch: 300 } });
    const started = performance.now();
    const result = await sync.runOnce({ maxFailures: 6 });
    const seconds = (performance.now() - started) / 1000;
    expect(result).toMatchObject({ ok: true, ackedSeq: 300 });
    const uploads = s.answers.filter((answer) => answer.kind === 'upload');
    // Timeouts never reach the tap (no answer); they show as requests without an answer.
    expect(result.requests).toBeGreaterThan(s.answers.length);
    expect(uploads.every((answer) => answer.status === 200)).toBe(true);
    // The 300 events reached the hub in smaller batches than the one that timed out (a later one may
    // itself commit and lose its answer to the jitter: the next cursor then covers it, as in #1).
    const committed = faults.hub.requests.filter((request) => request.method === 'POST' && request.path.includes(s.stationId) && request.status === 200);
    expect(committed.length).toBeGreaterThanOrEqual(2);
    expect(seconds).toBeLessThan(60);
    // The station's own synchronous work per batch stays far below a frame budget (50 ms).
    const readStart = performance.now();
    readBatch(s.db, { stationId: s.stationId, epoch: 1, fromSeq: 1, maxCount: 300, appVersion: 'x', sha256Hex });
    expect(performance.now() - readStart).toBeLessThan(50);
    await expectInvariants(stationInput(s, faults.hub.ctx.db));
  }, 90_000);

  it('#9 hung hub (accepts, never answers): each request ends at the deadline, no stuck "syncing" after a restart', async () => {
    const s = await station(60);
    proxy.set({ hang: true });
    const sync = s.service({ requestTimeoutMs: 300 });
    const started = performance.now();
    const hung = await sync.runOnce({ maxFailures: 2 });
    const took = performance.now() - started;
    expect(hung).toMatchObject({ ok: false, state: 'offline', requests: 2 });
    expect(sync.engineState().lastFailure).toEqual({ type: 'timeout' });
    expect(took).toBeGreaterThanOrEqual(600);
    expect(took).toBeLessThan(3_000);
    expect(proxy.stats().hung).toBeGreaterThanOrEqual(1);

    // Hung mid-request on a live connection (the answer never comes), then the station restarts.
    proxy.heal();
    s.record(30);
    proxy.set({ cuts: [], latencyMs: 3_600_000 });
    expect(await s.service({ requestTimeoutMs: 300 }).runOnce({ maxFailures: 1 })).toMatchObject({ ok: false, state: 'offline' });
    proxy.heal();
    proxy.resetAll();
    s.restart();
    // The restarted station syncs in the background against a hub that still hangs: it must reach
    // "offline" at the deadline (not stay "syncing"), and online() must bring it to idle once healed.
    proxy.set({ hang: true });
    const after = s.service({ requestTimeoutMs: 300, engine: { ...FAST_ENGINE, backoff: { baseMs: 60_000, capMs: 60_000 } } });
    after.start();
    try {
      expect(after.status().state).toBe('syncing');
      await waitUntil(() => after.status().state === 'offline', 3_000);
      // A timeout at the deadline, or a reset of a connection the healing proxy dropped: either way offline.
      expect(['timeout', 'network_error']).toContain(after.engineState().lastFailure?.type);
      proxy.heal();
      proxy.resetAll();
      after.online();
      await waitUntil(() => after.status().state === 'idle', 5_000);
      expect(after.engineState().acked?.seq).toBe(s.log.head().seq);
    } finally {
      after.stop();
    }
    await expectInvariants(stationInput(s, faults.hub.ctx.db));
  });

  it('#20 long offline, scaled: 6 weeks × 500 events/day = 21,000 events drain in 42 full batches over a shaped link', async () => {
    const s = await station(0);
    // Seeding speed only: the write path is the real one, durability is not what is measured here.
    s.db.pragma('synchronous = OFF');
    s.record(21_000);
    s.db.pragma('synchronous = FULL');
    proxy.set({ latencyMs: 100, jitterMs: 50, bytesPerSecond: 2 * 1024 * 1024 });
    const sync = s.service();
    const started = performance.now();
    const result = await sync.runOnce({ maxFailures: 3 });
    const seconds = (performance.now() - started) / 1000;
    const uploads = s.answers.filter((answer) => answer.kind === 'upload' && answer.status === 200);
    expect(result).toMatchObject({ ok: true, ackedSeq: 21_000 });
    expect(uploads).toHaveLength(42);
    expect(seconds).toBeLessThan(90);
    process.stdout.write(`[faults #20] 21000 events drained in ${uploads.length} batches, ${seconds.toFixed(1)} s (100±50 ms, 2 MiB/s)\n`);
    await expectInvariants(stationInput(s, faults.hub.ctx.db));
  }, 150_000);
});

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
