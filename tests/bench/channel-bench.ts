/**
 * `npm run bench -- channel` (issue #18 item 7): publish the 12-lesson pack with ~20 MB of audio on a
 * hub, sync a fresh station (no bundled lessons, so every byte crosses), then correct one lesson and
 * sync again. Prints the bytes each sync moved, the time the update took to verify, install and
 * switch (loopback link, so this is the station's own work), and the station's event-loop delay
 * while it downloads through a 2G-shaped link (800 ± 400 ms latency, 8,000 bytes/s) for a fixed
 * window. The hub runs in this process too (tests/station/sync/support/live-hub.ts), so the loop
 * figure also carries the hub's and the shaping proxy's work: an upper bound for the station alone.
 */
import { join } from 'node:path';
import { createHubSource } from '../../electron/station/fleet/hub-source';
import { checkLessonChannel } from '../../electron/station/fleet/lesson-channel';
import { loadPack } from '../../electron/station/fleet/fleet-boot';
import { openPackStore } from '../../electron/station/fleet/pack-store';
import { createPackSwitcher } from '../../electron/station/fleet/pack-switch';
import { loadOrCreateKeys } from '../../electron/station/keys/key-store';
import { stationSigner } from '../../electron/station/sync/station-crypto';
import { startFaultProxy } from '../support/fault-proxy';
import { startLiveHub } from '../station/sync/support/live-hub';
import { addNarration, correctLesson, enrolledStation, packFolder, publishFolder } from '../station/fleet/support/fleet-harness';
import { watchLoopDelay } from './support/loop-delay';

const AUDIO_PER_LESSON = 1_250_000;
const SHAPED_WINDOW_MS = 30_000;

export async function runChannelBench(): Promise<Record<string, unknown>> {
  const hub = await startLiveHub();
  const pack = packFolder();
  const lessonIds = (await import('node:fs')).readdirSync(pack.dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  lessonIds.forEach((id, index) => addNarration(pack.dir, id, AUDIO_PER_LESSON, index + 1));
  const station = await enrolledStation(hub);
  const shaped = await enrolledStation(hub);
  try {
    const v1 = await publishFolder(hub.ctx, pack.dir);
    process.stdout.write(`published version ${v1.version}: ${lessonIds.length} lessons\n`);
    const sync = async (dataDir: string, stationId: string, url: string, signal = new AbortController().signal) => {
      let bytes = 0;
      const store = openPackStore(dataDir, null);
      const source = createHubSource({ hubUrl: url, stationId, sign: stationSigner(loadOrCreateKeys(join(dataDir, 'keys.json'))), wallMs: Date.now });
      const result = await checkLessonChannel({ dataDir, store, source, appVersion: '0.1.0', validate: (dir) => loadPack(dir).problems, wallMs: Date.now, signal, onBytes: (n) => (bytes += n) });
      return { result, bytes, store };
    };

    const first = await sync(station.dataDir, station.stationId, hub.url);
    const live = loadPack(first.store.currentDir()).lessons;
    const switcher = createPackSwitcher({ store: first.store, isBusy: () => false, load: loadPack, liveLessons: live, wallMs: Date.now, timers: { setTimeout: (callback, ms) => setTimeout(callback, ms).unref(), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) } });
    if (first.result.state === 'installed') switcher.request(first.result.version);
    const packBytes = first.bytes;
    process.stdout.write(`first sync: ${packBytes} bytes, running version ${first.store.currentVersion()}\n`);

    correctLesson(pack.dir, lessonIds[0]!, '(sửa)');
    const v2 = await publishFolder(hub.ctx, pack.dir);
    const started = performance.now();
    const update = await sync(station.dataDir, station.stationId, hub.url);
    if (update.result.state === 'installed') switcher.request(update.result.version);
    const verifySwitchMs = performance.now() - started;
    if (update.store.currentVersion() !== v2.version) throw new Error(`update did not switch (running ${update.store.currentVersion()})`);
    process.stdout.write(`update: ${update.bytes} bytes (${((100 * update.bytes) / packBytes).toFixed(2)} % of the pack), verified, installed and switched in ${verifySwitchMs.toFixed(0)} ms\n`);

    // The loop while a fresh station downloads through a 2G-shaped link, for a fixed window.
    const proxy = await startFaultProxy({ targetPort: hub.port, settings: { latencyMs: 800, jitterMs: 400, bytesPerSecond: 8_000 } });
    const abort = new AbortController();
    const watch = await watchLoopDelay();
    const timer = setTimeout(() => abort.abort(), SHAPED_WINDOW_MS);
    const shapedRun = await sync(shaped.dataDir, shaped.stationId, proxy.url, abort.signal).catch(() => null);
    clearTimeout(timer);
    const loop = await watch.stop();
    await proxy.close();
    process.stdout.write(`2G window ${SHAPED_WINDOW_MS / 1000} s: station loop p99 ${loop.station.p99Ms} ms (max ${loop.station.maxMs}), idle control p99 ${loop.control?.p99Ms ?? 'n/a'} ms${shapedRun === null ? '' : ' (finished early)'}\n`);
    switcher.stop();
    return { first_bytes: packBytes, update_bytes: update.bytes, verify_switch_ms: Math.round(verifySwitchMs), p99_loop_delay_ms: loop.station.p99Ms };
  } finally {
    station.cleanup();
    shaped.cleanup();
    pack.cleanup();
    await hub.close();
  }
}
