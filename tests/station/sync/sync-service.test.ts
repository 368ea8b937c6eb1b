// The station side of docs/PROTOCOL.md §5 against a real hub (city/ on PGlite over HTTP): delivery,
// idempotent re-runs, a hub restart mid-way, auth stop, a tampered local row, and a clock in 2005.
import { describe, expect, it } from 'vitest';
import { countEvents } from '../../../city/store/event-store';
import { findEpoch, revokeStation } from '../../../city/store/station-store';
import { receiptText } from '../../../electron/core/sync/protocol/signed-messages';
import type { StopReason } from '../../../electron/core/sync/engine/engine-types';
import { seedEvents } from '../../../electron/station/db/seed';
import { readAcknowledgement } from '../../../electron/station/store/sync-state';
import { enrolStation } from '../../../electron/station/sync/enrol';
import { verifySignature } from '../../../electron/station/sync/station-crypto';
import { createSyncService } from '../../../electron/station/sync/sync-service';
import type { SyncServiceOptions } from '../../../electron/station/sync/sync-service';
import { FAST_ENGINE, liveHubForFile } from './support/live-hub';
import type { StationFolder } from './support/live-hub';

describe('sync service against a real hub', () => {
  const live = liveHubForFile();

  async function enrolledStation(events: number): Promise<StationFolder> {
    const station = live.openFolder();
    const code = await live.hub.issueCode(station.stationId);
    await enrolStation({ dataDir: station.dataDir, hubUrl: live.hub.url, stationId: station.stationId, code, appVersion: '0.1.0-test', open: { db: station.db, log: station.log } });
    if (events > 0) seedEvents(station.log, events, 7);
    return station;
  }

  function service(station: StationFolder, extra: Partial<SyncServiceOptions> = {}) {
    return createSyncService({ db: station.db, keysPath: station.keysPath, appVersion: '0.1.0-test', clock: station.clock, engine: FAST_ENGINE, random: () => 0.5, ...extra });
  }

  it('delivers the whole log in batches of 500; the hub head equals the station head and the receipt verifies', async () => {
    const station = await enrolledStation(1_234);
    const sync = service(station);
    const result = await sync.runOnce();
    const head = station.log.head();
    expect(result).toMatchObject({ ok: true, ackedSeq: 1_234, headHash: head.hash, requests: 4, state: 'idle', stopReason: null });
    expect(await countEvents(live.hub.ctx.db, { stationId: station.stationId, epoch: 1 })).toBe(1_234);
    expect(await findEpoch(live.hub.ctx.db, station.stationId, 1)).toMatchObject({ acked_seq: 1_234, head_hash: head.hash });
    const ack = readAcknowledgement(station.db, 1);
    expect(ack).toMatchObject({ ackedSeq: 1_234, ackedHash: head.hash });
    const text = receiptText(station.stationId, 1, 1_234, head.hash, ack?.serverTimeMs ?? 0);
    expect(verifySignature(live.hub.ctx.keys.publicKeyB64, text, ack?.receipt ?? '')).toBe(true);
    expect(sync.status()).toMatchObject({ state: 'idle', waitingEvents: 0, receiptShort: expect.stringMatching(/^[0-9a-f]{8}$/) });
  });

  it('a second run sends nothing but the cursor; new events go in the next run', async () => {
    const station = await enrolledStation(30);
    expect((await service(station).runOnce()).requests).toBe(2);
    const again = await service(station).runOnce();
    expect(again).toMatchObject({ ok: true, ackedSeq: 30, requests: 1 });
    seedEvents(station.log, 5, 9);
    const more = await service(station).runOnce();
    expect(more).toMatchObject({ ok: true, ackedSeq: 35, requests: 2 });
    expect(await countEvents(live.hub.ctx.db, { stationId: station.stationId, epoch: 1 })).toBe(35);
  });

  it('rides through a hub restart mid-way and converges without duplicates', async () => {
    const station = await enrolledStation(2_000);
    let restarting: Promise<void> | null = null;
    const sync = service(station);
    const unsubscribe = sync.onChange((status) => {
      if (restarting === null && status.waitingEvents <= 1_500) {
        restarting = (async () => {
          await live.hub.stop();
          await new Promise((resolve) => setTimeout(resolve, 150));
          await live.hub.restart();
        })();
      }
    });
    const result = await sync.runOnce({ maxFailures: 50 });
    unsubscribe();
    await restarting;
    expect(restarting).not.toBeNull();
    expect(result).toMatchObject({ ok: true, ackedSeq: 2_000, headHash: station.log.head().hash });
    expect(result.requests).toBeGreaterThan(5);
    expect(await countEvents(live.hub.ctx.db, { stationId: station.stationId, epoch: 1 })).toBe(2_000);
  });

  it('stops with an alert on 401 (revoked station) and keeps every event', async () => {
    const station = await enrolledStation(10);
    await revokeStation(live.hub.ctx.db, station.stationId);
    const alerts: StopReason[] = [];
    const result = await service(station, { onAlert: (reason) => alerts.push(reason) }).runOnce();
    expect(result).toMatchObject({ ok: false, state: 'stopped', stopReason: { code: 'unauthorized' }, requests: 1 });
    expect(alerts).toEqual([{ code: 'unauthorized' }]);
    expect(station.db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 10 });
  });

  it('refuses to upload a tampered local event and never sends it to the city', async () => {
    const station = await enrolledStation(12);
    station.db.exec('DROP TRIGGER events_no_update');
    station.db.prepare('UPDATE events SET payload = ? WHERE epoch = 1 AND seq = 5').run('{"app_version":"forged","config_version":1}');
    const result = await service(station).runOnce();
    expect(result).toMatchObject({ ok: false, state: 'stopped', stopReason: { code: 'local_log' } });
    expect(result.stopReason?.code === 'local_log' && result.stopReason.detail).toContain('1:5');
    expect(await countEvents(live.hub.ctx.db, { stationId: station.stationId, epoch: 1 })).toBe(0);
  });

  it('a station whose clock says 2005 syncs and reports its offset', async () => {
    const station = await enrolledStation(8);
    station.clock.wall = Date.UTC(2005, 0, 1);
    const sync = service(station);
    const result = await sync.runOnce();
    expect(result).toMatchObject({ ok: true, ackedSeq: 8 });
    expect(sync.status().clockOffsetMs).toBeLessThan(-20 * 365 * 24 * 3_600_000);
  });

  it('is not enrolled without an enrolment and sends nothing', async () => {
    const station = live.openFolder();
    seedEvents(station.log, 3);
    const sync = service(station);
    expect(await sync.runOnce()).toMatchObject({ ok: false, state: 'not_enrolled', requests: 0 });
    expect(sync.status()).toMatchObject({ state: 'not_enrolled', waitingEvents: 3 });
  });

  it('keeps syncing in the background: start(), new events, online(), stop()', async () => {
    const station = await enrolledStation(4);
    const sync = service(station, { engine: { ...FAST_ENGINE, idlePollMs: 30 } });
    const states: string[] = [];
    sync.onChange((status) => states.push(status.state));
    sync.start();
    await waitFor(() => readAcknowledgement(station.db, 1)?.ackedSeq === 4);
    seedEvents(station.log, 3, 11);
    sync.online();
    await waitFor(() => readAcknowledgement(station.db, 1)?.ackedSeq === 7);
    sync.stop();
    expect(sync.status().state).toBe('stopped');
    expect(states).toContain('syncing');
    expect(states).toContain('idle');
  });

  it('uploads new events soon after they are written, not at the next idle poll', async () => {
    const station = await enrolledStation(4);
    const sync = service(station, { engine: { ...FAST_ENGINE, idlePollMs: 3_600_000, newEventsDelayMs: 50 } });
    const unsubscribe = station.log.onAppended(() => sync.logAdvanced());
    sync.start();
    await waitFor(() => readAcknowledgement(station.db, 1)?.ackedSeq === 4 && sync.engineState().phase === 'idle');
    const started = Date.now();
    seedEvents(station.log, 3, 12);
    await waitFor(() => readAcknowledgement(station.db, 1)?.ackedSeq === 7, 5_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await countEvents(live.hub.ctx.db, { stationId: station.stationId, epoch: 1 })).toBe(7);
    // Stopped: a new event still reaches logAdvanced, and wakes nothing.
    sync.stop();
    seedEvents(station.log, 1, 13);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(readAcknowledgement(station.db, 1)?.ackedSeq).toBe(7);
    unsubscribe();
  });
});

describe('sync service: every failure path ends in back-off or a stop, never a hang', () => {
  const live = liveHubForFile();

  // Found by trying it: recording the acknowledgement threw inside the answer handler after the next
  // phase had been saved; the rejection went unhandled and the engine sat in "uploading" for a batch
  // it never sent, and online() did not wake it.
  it('an acknowledgement that cannot be written (disk full) backs off visibly; online() resumes after space returns', async () => {
    const station = live.openFolder();
    const code = await live.hub.issueCode(station.stationId);
    await enrolStation({ dataDir: station.dataDir, hubUrl: live.hub.url, stationId: station.stationId, code, appVersion: '0.1.0-test', open: { db: station.db, log: station.log } });
    seedEvents(station.log, 20, 3);
    let diskFull = false;
    station.db.function('test_disk_full', () => (diskFull ? 1 : 0));
    for (const when of ['INSERT', 'UPDATE']) {
      station.db.exec(`CREATE TEMP TRIGGER test_full_${when.toLowerCase()} BEFORE ${when} ON main.sync_state WHEN test_disk_full() BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    }
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const sync = createSyncService({ db: station.db, keysPath: station.keysPath, appVersion: '0.1.0-test', clock: station.clock, random: () => 0.5, engine: { ...FAST_ENGINE, maxBatch: 7, backoff: { baseMs: 60_000, capMs: 60_000 } } });
    try {
      diskFull = true;
      sync.start();
      await waitFor(() => sync.status().state === 'offline');
      expect(sync.engineState()).toMatchObject({ phase: 'backing_off', inFlight: null, lastFailure: { type: 'local_error', detail: expect.stringContaining('disk is full') } });
      expect(sync.status().detail).toContain('ổ đĩa đầy');
      expect(readAcknowledgement(station.db, 1)).toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);

      diskFull = false;
      sync.online();
      await waitFor(() => readAcknowledgement(station.db, 1)?.ackedSeq === 20 && sync.status().state === 'idle');
      expect(await countEvents(live.hub.ctx.db, { stationId: station.stationId, epoch: 1 })).toBe(20);
      expect(unhandled).toEqual([]);
    } finally {
      sync.stop();
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
