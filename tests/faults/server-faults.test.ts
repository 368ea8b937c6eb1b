// Server-side faults (reference/sync.md §5 #3–#7, #12, #13) against a real hub whose database is
// wrapped by the test (fault-faults.hub.ts): duplicate and concurrent delivery, two uploaders, batches out of
// order, random 5xx and 429, 500 after COMMIT, database down, and a restore from backup.
import { describe, expect, it } from 'vitest';
import { countEvents } from '../../city/store/event-store';
import { seededRandom } from '../../electron/core/seeded-random';
import { readAcknowledgement } from '../../electron/station/store/sync-state';
import type { FetchFn } from '../../electron/station/sync/http-transport';
import { rewindStation } from './fault-hub';
import { faultHubForFile } from './fault-suite';
import type { FaultStation } from './fault-station';
import { FAST_ENGINE } from './fault-station';
import { expectInvariants, stationInput } from './invariants';

describe('server faults', () => {
  const faults = faultHubForFile({
    random: seededRandom(6),
    resetAfterEach: (hub) => {
      hub.db.heal();
      hub.http.tooManyRequests = 0;
    },
  });
  const station = (events: number): Promise<FaultStation> => faults.enrolled(events);
  const stored = (s: FaultStation) => countEvents(faults.hub.ctx.db, { stationId: s.stationId, epoch: 1 });
  const requestsOf = (s: FaultStation) => faults.hub.requests.filter((request) => request.path.includes(s.stationId));

  it('#3 duplicate delivery, sequential and concurrent: identical acks, rows unchanged, no deadlock', async () => {
    const s = await station(90);
    const wire = s.transport(faults.hub.url);
    const first = s.batchJson(1, 30);
    const sequential = [];
    for (let i = 0; i < 3; i += 1) sequential.push((await wire.uploadBatch(first)).result);
    expect(sequential.map((answer) => answer.ok && [answer.value.acked_seq, answer.value.inserted, answer.value.duplicates])).toEqual([
      [30, 30, 0],
      [30, 0, 30],
      [30, 0, 30],
    ]);
    // Five copies of the next batch at once, plus an overlapping one (31..90) racing them.
    const second = s.batchJson(31, 30);
    const racing = await Promise.all([...Array.from({ length: 5 }, () => wire.uploadBatch(second)), wire.uploadBatch(s.batchJson(31, 60))]);
    const answers = racing.map((outcome) => (outcome.result.ok ? outcome.result.value : null));
    expect(answers.every((answer) => answer !== null)).toBe(true);
    const copies = answers.slice(0, 5);
    expect(copies.reduce((sum, answer) => sum + (answer?.inserted ?? 0), 0) + (answers[5]?.inserted ?? 0)).toBe(60);
    for (const answer of copies) expect(answer?.acked_seq === 60 || answer?.acked_seq === 90).toBe(true);
    expect(await stored(s)).toBe(90);
    // The station itself then only needs the cursor.
    expect(await s.service().runOnce()).toMatchObject({ ok: true, ackedSeq: 90, requests: 1 });
    await expectInvariants(stationInput(s, faults.hub.ctx.db));
  });

  it('#4 two uploaders of one station at once (old and new app instance, one process): each seq stored once', async () => {
    const s = await station(300);
    const engine = { ...FAST_ENGINE, maxBatch: 25 };
    const [a, b] = await Promise.all([s.service({ engine }).runOnce(), s.service({ engine, random: () => 0.1 }).runOnce()]);
    expect(a).toMatchObject({ ok: true, ackedSeq: 300 });
    expect(b).toMatchObject({ ok: true, ackedSeq: 300 });
    expect(await stored(s)).toBe(300);
    const uploads = s.answers.filter((answer) => answer.kind === 'upload');
    const duplicates = uploads.reduce((sum, answer) => sum + Number(answer.body?.duplicates ?? 0), 0);
    const gaps = uploads.filter((answer) => answer.body?.error === 'gap').length;
    expect(duplicates + gaps).toBeGreaterThan(0);
    await expectInvariants(stationInput(s, faults.hub.ctx.db));
  });

  it('#5 batch k+1 before batch k: 409 gap with expected_seq; the engine rewinds and converges', async () => {
    const s = await station(60);
    const wire = s.transport(faults.hub.url);
    expect((await wire.uploadBatch(s.batchJson(31, 30))).result).toEqual({ ok: false, failure: { type: 'gap', expectedSeq: 1 } });
    expect(await stored(s)).toBe(0);
    expect(await s.service().runOnce()).toMatchObject({ ok: true, ackedSeq: 60 });

    // The hub loses rows between the cursor and the upload, so the station's next batch arrives
    // ahead of what the hub holds: the engine must follow expected_seq back.
    s.record(30);
    let rewound = false;
    const rewinding: FetchFn = async (input, init) => {
      const response = await s.fetch(input, init);
      if (!rewound && String(input).endsWith('/cursor')) {
        rewound = true;
        await rewindStation(faults.hub.db, s.stationId, 1, 10);
      }
      return response;
    };
    expect(await s.service({ fetch: rewinding }).runOnce()).toMatchObject({ ok: true, ackedSeq: 90 });
    expect(s.answers.some((answer) => answer.body?.error === 'gap' && answer.body.expected_seq === 11)).toBe(true);
    await expectInvariants(stationInput(s, faults.hub.ctx.db));
  });

  it('#6 30% random 5xx (before and after COMMIT) and 429 Retry-After: full delivery, Retry-After honoured, attempts bounded', async () => {
    const s = await station(200);
    faults.hub.db.faults.randomFailRate = 0.3;
    faults.hub.http.tooManyRequests = 2;
    const result = await s.service({ engine: { ...FAST_ENGINE, maxBatch: 20 } }).runOnce({ maxFailures: 12 });
    expect(result).toMatchObject({ ok: true, ackedSeq: 200 });
    const mine = requestsOf(s);
    const failures = mine.filter((request) => request.status >= 429);
    expect(failures.filter((request) => request.status === 429)).toHaveLength(2);
    expect(faults.hub.db.counts.failedBeforeCommit + faults.hub.db.counts.failedAfterCommit).toBeGreaterThan(0);
    for (const refused of failures.filter((request) => request.status === 429)) {
      const next = mine.find((request) => request.atMs > refused.atMs);
      expect((next?.atMs ?? Number.POSITIVE_INFINITY) - refused.atMs).toBeGreaterThanOrEqual(950);
    }
    // One cursor read after each failure, one upload per batch: nothing more.
    expect(mine.length - 1).toBeLessThanOrEqual(10 + 2 * failures.length + 1);
    await expectInvariants(stationInput(s, faults.hub.ctx.db));
  });

  it('#7 500 after COMMIT: the hub holds the batch the station was told failed; no duplicates after the retry', async () => {
    const s = await station(50);
    faults.hub.db.faults.failAfterCommit = 1;
    const sync = s.service({ engine: { ...FAST_ENGINE, maxBatch: 25 } });
    expect(await sync.runOnce({ maxFailures: 1 })).toMatchObject({ ok: false, state: 'offline' });
    expect(s.answers.at(-1)).toMatchObject({ kind: 'upload', status: 500 });
    expect(await stored(s)).toBe(25);
    expect(readAcknowledgement(s.db, 1)?.ackedSeq).toBe(0);
    expect(await sync.runOnce()).toMatchObject({ ok: true, ackedSeq: 50 });
    expect((await s.transport(faults.hub.url).uploadBatch(s.batchJson(1, 25))).result).toMatchObject({ ok: true, value: { inserted: 0, duplicates: 25 } });
    await expectInvariants(stationInput(s, faults.hub.ctx.db));
  });

  it('#12 hub database down: 503 with Retry-After, no acknowledgement, events kept; full delivery after recovery', async () => {
    const s = await station(40);
    const acksBefore = s.acks.length;
    faults.hub.db.faults.down = true;
    const started = performance.now();
    const down = await s.service().runOnce({ maxFailures: 2 });
    expect(down).toMatchObject({ ok: false, state: 'offline' });
    expect(s.answers.map((answer) => answer.status)).toEqual([503, 503]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(s.acks.length).toBe(acksBefore);
    expect(s.db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 40 });
    faults.hub.db.faults.down = false;
    expect(await s.service().runOnce()).toMatchObject({ ok: true, ackedSeq: 40 });
    await expectInvariants(stationInput(s, faults.hub.ctx.db));
  });

  it('#13 hub restored from a backup (whole PGlite database): cursor goes back, station re-sends, nothing lost', async () => {
    const s = await station(100);
    expect(await s.service().runOnce()).toMatchObject({ ok: true, ackedSeq: 100 });
    const backup = await faults.hub.backup();
    s.record(100);
    expect(await s.service().runOnce()).toMatchObject({ ok: true, ackedSeq: 200 });
    await faults.hub.restore(backup);
    expect(await stored(s)).toBe(100);
    // The station still holds everything (retention > the hub's RPO), so the re-send closes the hole.
    expect(await s.service().runOnce()).toMatchObject({ ok: true, ackedSeq: 200 });
    expect(s.acks.map((ack) => ack.ackedSeq)).toContain(100);
    expect(s.acks.at(-1)?.ackedSeq).toBe(200);
    await expectInvariants(stationInput(s, faults.hub.ctx.db));
  }, 60_000);
});
