// Reading the next upload batch while the current one is on the wire: used only when the engine asks
// for exactly that batch in the same generation, never past the head, and a problem with the next rows
// surfaces when they are really asked for, not in the background.
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../electron/station/crypto/node-hash';
import { createBatchReadAhead } from '../../../electron/station/sync/batch-read-ahead';
import { readBatch } from '../../../electron/station/sync/batch-reader';
import { seededStationFolders } from './support/live-hub';
import type { StationFolder } from './support/live-hub';

describe('batch read-ahead', () => {
  const folders = seededStationFolders(11);
  const seeded = (events: number) => folders.seeded(events);
  afterEach(() => folders.cleanupAll());
  const request = (folder: StationFolder, fromSeq: number, maxCount = 10) => ({ stationId: folder.stationId, epoch: 1, fromSeq, maxCount, appVersion: '0.1.0', sha256Hex });
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

  /** Sends batch 1..10 and lets the read-ahead run; returns what it prepared. */
  async function afterFirstBatch(folder: StationFolder, options: { moveOnBeforeItRuns?: boolean } = {}) {
    const service = { generation: 1 };
    const readAhead = createBatchReadAhead(folder.db, () => service.generation);
    const first = readAhead.take(request(folder, 1));
    const prepared: string[] = [];
    readAhead.readAfter(first, request(folder, 1), (json) => prepared.push(json));
    expect(prepared).toEqual([]);
    if (options.moveOnBeforeItRuns === true) service.generation += 1;
    await nextTurn();
    return { readAhead, first: first.json, prepared, service };
  }

  it('reads the batch after the one sent, on the next turn, and hands out that very text', async () => {
    const folder = seeded(25);
    const { readAhead, first, prepared } = await afterFirstBatch(folder);
    expect(first).toBe(readBatch(folder.db, request(folder, 1)).json);
    expect(prepared).toHaveLength(1);
    expect(prepared[0]).toBe(readBatch(folder.db, request(folder, 11)).json);
    expect(readAhead.take(request(folder, 11)).json).toBe(prepared[0]);
  });

  it('is used once, and not for another start, size or generation', async () => {
    const folder = seeded(25);
    for (const other of [request(folder, 12), request(folder, 11, 5)]) {
      const { readAhead } = await afterFirstBatch(folder);
      expect(readAhead.take(other).json).toBe(readBatch(folder.db, other).json);
    }
    const { readAhead, service } = await afterFirstBatch(folder);
    service.generation = 2;
    expect(readAhead.take(request(folder, 11)).json).toBe(readBatch(folder.db, request(folder, 11)).json);
    const { readAhead: once, prepared } = await afterFirstBatch(folder);
    once.take(request(folder, 11));
    expect(once.take(request(folder, 11)).json).toBe(readBatch(folder.db, request(folder, 11)).json);
    expect(prepared).toHaveLength(1);
  });

  it('does nothing past the head or once the service has moved on', async () => {
    expect((await afterFirstBatch(seeded(10))).prepared).toEqual([]);
    expect((await afterFirstBatch(seeded(25), { moveOnBeforeItRuns: true })).prepared).toEqual([]);
  });

  it('keeps quiet about a tampered next row; the real read reports it', async () => {
    const folder = seeded(25);
    folder.db.exec('DROP TRIGGER events_no_update');
    folder.db.prepare('UPDATE events SET wall_ms = wall_ms + 1 WHERE seq = 14').run();
    const { readAhead, prepared } = await afterFirstBatch(folder);
    expect(prepared).toEqual([]);
    expect(() => readAhead.take(request(folder, 11))).toThrow(expect.objectContaining({ code: 'chain_broken' }));
  });
});
