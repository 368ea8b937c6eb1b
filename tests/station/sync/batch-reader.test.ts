// Batches in wire form: ≤ 500 events and ≤ 1 MiB, re-verified before they leave the station.
import { afterEach, describe, expect, it } from 'vitest';
import { verifyChainSegment } from '../../../electron/core/sync/protocol/event-hash';
import { eventsBatchSchema } from '../../../electron/core/sync/protocol/wire-schemas';
import { sha256Hex } from '../../../electron/station/crypto/node-hash';
import { readBatch, readLocalHead } from '../../../electron/station/sync/batch-reader';
import { seededStationFolders } from './support/live-hub';
import type { StationFolder } from './support/live-hub';

describe('batch reader', () => {
  const folders = seededStationFolders(5);
  const seeded = (events: number) => folders.seeded(events);
  afterEach(() => folders.cleanupAll());
  const request = (folder: StationFolder, fromSeq: number, maxCount: number, maxBytes?: number) => ({
    stationId: folder.stationId,
    epoch: 1,
    fromSeq,
    maxCount,
    appVersion: '0.1.0',
    sha256Hex,
    ...(maxBytes === undefined ? {} : { maxBytes }),
  });

  it('reads a wire batch the hub schema accepts, chained from the previous event', () => {
    const folder = seeded(40);
    const { body, json } = readBatch(folder.db, request(folder, 11, 20));
    expect(eventsBatchSchema.parse(JSON.parse(json))).toMatchObject({ epoch: 1, first_seq: 11, last_seq: 30, app_version: '0.1.0' });
    const tenth = folder.db.prepare<[], { hash: string }>('SELECT hash FROM events WHERE seq = 10').get();
    expect(body.prev_hash).toBe(tenth?.hash);
    expect(verifyChainSegment(sha256Hex, folder.stationId, 1, 10, body.prev_hash, body.events).problem).toBeNull();
    expect(Object.keys(body.events[0] ?? {}).sort()).toEqual(['boot_id', 'event_id', 'hash', 'hlc', 'kind', 'mono_ms', 'payload', 'prev_hash', 'seq', 'wall_ms']);
  });

  it('never passes 500 events or the head', () => {
    const folder = seeded(620);
    expect(readBatch(folder.db, request(folder, 1, 10_000)).body.events).toHaveLength(500);
    expect(readBatch(folder.db, request(folder, 600, 500)).body).toMatchObject({ first_seq: 600, last_seq: 620 });
  });

  it('cuts the batch before the byte limit, but always sends at least one event', () => {
    const folder = seeded(100);
    const { json, body } = readBatch(folder.db, request(folder, 1, 500, 8_000));
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(8_000);
    expect(body.events.length).toBeGreaterThan(5);
    expect(body.events.length).toBeLessThan(100);
    expect(body.last_seq).toBe(body.events.at(-1)?.seq);
    expect(readBatch(folder.db, request(folder, 1, 500, 10)).body.events).toHaveLength(1);
  });

  it('writes exactly JSON.stringify of the body, and a limit equal to a batch size still fits that batch', () => {
    const folder = seeded(120);
    for (const [from, count] of [[1, 1], [1, 37], [90, 500], [7, 100]] as const) {
      const { json, body } = readBatch(folder.db, request(folder, from, count));
      expect(json).toBe(JSON.stringify(body));
      const exact = Buffer.byteLength(json);
      expect(readBatch(folder.db, request(folder, from, count, exact)).json).toBe(json);
      expect(readBatch(folder.db, request(folder, from, count, exact - 1)).body.events.length).toBeLessThan(body.events.length === 1 ? 2 : body.events.length);
    }
  });

  it('refuses a tampered row, a missing range and another station id with typed errors', () => {
    const folder = seeded(12);
    expect(() => readBatch(folder.db, request(folder, 13, 5))).toThrow(expect.objectContaining({ code: 'events_missing' }));
    expect(() => readBatch(folder.db, { ...request(folder, 1, 5), stationId: '06688-77' })).toThrow(expect.objectContaining({ code: 'station_mismatch' }));
    folder.db.exec('DROP TRIGGER events_no_update');
    folder.db.prepare("UPDATE events SET wall_ms = wall_ms + 1 WHERE seq = 7").run();
    expect(() => readBatch(folder.db, request(folder, 1, 50))).toThrow(expect.objectContaining({ code: 'chain_broken', message: expect.stringContaining('1:7') }));
    expect(readBatch(folder.db, request(folder, 1, 6)).body.last_seq).toBe(6);
    expect(readLocalHead(folder.db)).toMatchObject({ epoch: 1, seq: 12, stationId: folder.stationId });
  });
});
