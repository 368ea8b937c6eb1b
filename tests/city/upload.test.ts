// docs/PROTOCOL.md §5: every row of the answer table, the cursor, receipts and the one-transaction rule.
import { expect, it } from 'vitest';
import { ZERO_HASH } from '../../electron/core/sync/protocol/event-hash';
import { receiptText } from '../../electron/core/sync/protocol/signed-messages';
import { cursorAnswerSchema, uploadAnswerSchema } from '../../electron/core/sync/protocol/wire-schemas';
import { verifyText } from '../../city/crypto/ed25519';
import { buildHubApp } from '../../city/http/create-hub';
import { countEvents, readEvent } from '../../city/store/event-store';
import { findStation } from '../../city/store/station-store';
import { receiptShortForm as stationReceiptShort } from '../../electron/station/sync/station-crypto';
import { StationFixture, uniqueStationId } from '../support/station-fixture';
import { describeEachDriver, enrol, getCursor, openTestHub, upload, useTestHub } from './support/hub-harness';
import type { TestDatabase, TestHub } from './support/hub-harness';

describeEachDriver('upload', (driver) => {
  let database: TestDatabase;
  let hub: TestHub;
  useTestHub(driver, (opened) => ({ database, hub } = opened));

  async function enrolled(): Promise<StationFixture> {
    const station = new StationFixture(uniqueStationId('06688'));
    expect((await enrol(hub, station)).status).toBe(201);
    return station;
  }

  it('gives a fresh station the zero cursor with a verifiable receipt', async () => {
    const station = await enrolled();
    const cursor = await getCursor(hub, station);
    expect(cursor.status).toBe(200);
    const body = cursorAnswerSchema.parse(cursor.body);
    expect(body).toMatchObject({ epoch: 1, acked_seq: 0, head_hash: ZERO_HASH, server_time_ms: hub.clock.ms });
    expect(Object.keys(cursor.body).sort()).toEqual(['acked_seq', 'epoch', 'head_hash', 'nonce', 'receipt', 'server_time_ms']);
    const text = receiptText(station.stationId, 1, 0, ZERO_HASH, body.server_time_ms);
    expect(verifyText(hub.ctx.keys.publicKeyB64, text, body.receipt)).toBe(true);
  });

  it('stores a batch, answers 200 with a receipt, and advances the cursor', async () => {
    const station = await enrolled();
    station.appendMany(3);
    const answer = await upload(hub, station, station.batch(1, 3));
    expect(answer.status).toBe(200);
    const body = uploadAnswerSchema.parse(answer.body);
    const head = station.events[2]?.hash ?? '';
    expect(body).toMatchObject({ acked_seq: 3, head_hash: head, inserted: 3, duplicates: 0 });
    expect(verifyText(hub.ctx.keys.publicKeyB64, receiptText(station.stationId, 1, 3, head, body.server_time_ms), body.receipt)).toBe(true);
    expect((await getCursor(hub, station)).body).toMatchObject({ acked_seq: 3, head_hash: head });
    const stored = await readEvent(hub.ctx.db, { stationId: station.stationId, epoch: 1, seq: 2 });
    expect(stored).toMatchObject({ ...station.events[1], flags: [] });
  });

  it('keeps the short form of each upload receipt the station shows, stored with the batch', async () => {
    const station = await enrolled();
    station.appendMany(2);
    const first = uploadAnswerSchema.parse((await upload(hub, station, station.batch(1, 2))).body);
    const shownOnPage = async () => (await hub.ctx.db.query<{ r: string | null }>('SELECT last_receipt_short AS r FROM stations WHERE station_id = $1', [station.stationId]))[0]?.r;
    expect(await shownOnPage()).toBe(stationReceiptShort(first.receipt));
    hub.clock.advance(1_000);
    // A batch of duplicates gets a fresh receipt too, and the page follows it.
    const again = uploadAnswerSchema.parse((await upload(hub, station, station.batch(1, 2))).body);
    expect(again.receipt).not.toBe(first.receipt);
    expect(await shownOnPage()).toBe(stationReceiptShort(again.receipt));
  });

  it('answers all duplicates with 200, inserted 0, and the same head', async () => {
    const station = await enrolled();
    station.appendMany(4);
    const first = await upload(hub, station, station.batch(1, 4));
    const again = await upload(hub, station, station.batch(1, 4));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ acked_seq: 4, head_hash: first.body.head_hash, inserted: 0, duplicates: 4 });
    expect(await countEvents(hub.ctx.db, { stationId: station.stationId, epoch: 1 })).toBe(4);
  });

  it('stores the new part of an overlapping batch and counts the rest as duplicates', async () => {
    const station = await enrolled();
    station.appendMany(5);
    await upload(hub, station, station.batch(1, 3));
    const answer = await upload(hub, station, station.batch(2, 5));
    expect(answer.body).toMatchObject({ acked_seq: 5, inserted: 2, duplicates: 2 });
  });

  it('answers an old duplicate batch with the newer head the hub already has', async () => {
    const station = await enrolled();
    station.appendMany(6);
    await upload(hub, station, station.batch(1, 6));
    const answer = await upload(hub, station, station.batch(2, 3));
    expect(answer.body).toMatchObject({ acked_seq: 6, head_hash: station.events[5]?.hash, inserted: 0, duplicates: 2 });
  });

  it('refuses a gap with 409 gap and expected_seq', async () => {
    const station = await enrolled();
    station.appendMany(6);
    await upload(hub, station, station.batch(1, 2));
    const answer = await upload(hub, station, station.batch(4, 6));
    expect(answer).toMatchObject({ status: 409, body: { error: 'gap', expected_seq: 3 } });
    expect(await countEvents(hub.ctx.db, { stationId: station.stationId, epoch: 1 })).toBe(2);
  });

  it('refuses a wrong epoch with 409 epoch naming the current one', async () => {
    const station = await enrolled();
    station.appendMany(1);
    const answer = await upload(hub, station, { ...station.batch(1, 1), epoch: 2 });
    expect(answer).toMatchObject({ status: 409, body: { error: 'epoch', epoch: 1 } });
  });

  it('refuses a hash that does not recompute as a fork, stores nothing and marks the station', async () => {
    const station = await enrolled();
    station.appendMany(2);
    station.append('station.boot', '{"app_version":"0.1.0","config_version":1}', { hash: 'a'.repeat(64) });
    const answer = await upload(hub, station, station.batch(1, 3));
    expect(answer).toMatchObject({ status: 409, body: { error: 'fork', seq: 3 } });
    expect(await countEvents(hub.ctx.db, { stationId: station.stationId, epoch: 1 })).toBe(0);
    const row = await findStation(hub.ctx.db, station.stationId);
    expect(row?.needs_review).toBe(true);
    const audit = await hub.ctx.db.query<{ seq: number; reason: string }>('SELECT seq, reason FROM fork_reports WHERE station_id = $1', [station.stationId]);
    expect(audit).toEqual([{ seq: 3, reason: 'bad_hash' }]);
  });

  it('refuses a broken link (an edited payload re-hashed) as a fork', async () => {
    const station = await enrolled();
    station.appendMany(3);
    const body = station.batch(1, 3);
    body.events[1] = { ...body.events[1]!, prev_hash: 'b'.repeat(64) };
    const answer = await upload(hub, station, body);
    expect(answer).toMatchObject({ status: 409, body: { error: 'fork', seq: 2 } });
  });

  it('refuses a batch prev_hash that is not the stored head as a fork', async () => {
    const station = await enrolled();
    station.appendMany(4);
    await upload(hub, station, station.batch(1, 2));
    const answer = await upload(hub, station, { ...station.batch(3, 4), prev_hash: 'c'.repeat(64) });
    expect(answer).toMatchObject({ status: 409, body: { error: 'fork', seq: 3 } });
  });

  it('refuses the same seq with another hash as a fork, keeping the stored event', async () => {
    const station = await enrolled();
    station.appendMany(2);
    await upload(hub, station, station.batch(1, 2));
    const original = station.events[1];
    station.events = station.events.slice(0, 1);
    station.append('station.boot', '{"app_version":"9.9.9","config_version":2}');
    const answer = await upload(hub, station, station.batch(1, 2));
    expect(answer).toMatchObject({ status: 409, body: { error: 'fork', seq: 2 } });
    expect((await readEvent(hub.ctx.db, { stationId: station.stationId, epoch: 1, seq: 2 }))?.hash).toBe(original?.hash);
    expect((await findStation(hub.ctx.db, station.stationId))?.review_reason).toMatch(/seq 2/);
  });

  it('stores and flags a payload that is not valid for its kind', async () => {
    const station = await enrolled();
    station.append('attendance.checkin', '{"learner_key":"not-a-key","method":"telepathy"}');
    station.append('no.such.kind', 'not json at all');
    station.append('clock.jump', '{"to_ms":1, "from_ms":2}');
    const answer = await upload(hub, station, station.batch(1, 3));
    expect(answer).toMatchObject({ status: 200, body: { inserted: 3 } });
    const flags = async (seq: number) => (await readEvent(hub.ctx.db, { stationId: station.stationId, epoch: 1, seq }))?.flags;
    expect(await flags(1)).toEqual(expect.arrayContaining(['payload_invalid:learner_key', 'payload_invalid:visit_id', 'payload_invalid:method']));
    expect(await flags(2)).toEqual(['payload_not_json']);
    expect(await flags(3)).toEqual(['payload_not_canonical']);
    expect((await readEvent(hub.ctx.db, { stationId: station.stationId, epoch: 1, seq: 3 }))?.payload).toBe('{"to_ms":1, "from_ms":2}');
  });

  it('stores a payload whose unknown key holds NUL, tab, quotes and backslashes, flagged with the key percent-encoded', async () => {
    const station = await enrolled();
    const payload = '{"a\\u0000\\t\\"b\\\\ c":"x\\u0000y","from_ms":1,"to_ms":2}';
    station.append('clock.jump', payload);
    expect(await upload(hub, station, station.batch(1, 1))).toMatchObject({ status: 200, body: { inserted: 1 } });
    const stored = await readEvent(hub.ctx.db, { stationId: station.stationId, epoch: 1, seq: 1 });
    expect(stored?.payload).toBe(payload);
    expect(stored?.flags).toEqual(['payload_unknown_field:a%00%09%22b%5C%20c']);
  });

  it('refuses more than 500 events with 413 too_large', async () => {
    const station = await enrolled();
    station.appendMany(501);
    const answer = await upload(hub, station, station.batch(1, 501));
    expect(answer).toMatchObject({ status: 413, body: { error: 'too_large', max_events: 500 } });
    const ok = await upload(hub, station, station.batch(1, 500));
    expect(ok).toMatchObject({ status: 200, body: { inserted: 500, acked_seq: 500 } });
  });

  it('refuses events that are not exactly first_seq..last_seq with 400', async () => {
    const station = await enrolled();
    station.appendMany(3);
    const body = station.batch(1, 3);
    const answer = await upload(hub, station, { ...body, events: [body.events[0], body.events[2], body.events[1]] });
    expect(answer).toMatchObject({ status: 400, body: { error: 'bad_request' } });
    expect(String(answer.body.detail)).toMatch(/^events\.1\.seq: /);
    expect((await upload(hub, station, { ...body, last_seq: 4 })).status).toBe(400);
  });

  it('serialises concurrent deliveries of one batch: every answer 200, each event stored once', async () => {
    const station = await enrolled();
    station.appendMany(30);
    const answers = await Promise.all(Array.from({ length: 5 }, () => upload(hub, station, station.batch(1, 30))));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.map((a) => a.body.acked_seq)).toEqual([30, 30, 30, 30, 30]);
    expect(answers.reduce((sum, a) => sum + Number(a.body.inserted), 0)).toBe(30);
    expect(await countEvents(hub.ctx.db, { stationId: station.stationId, epoch: 1 })).toBe(30);
  });

  it('answers 503 with Retry-After when the database cannot be reached', async () => {
    const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const failing = { ...hub.ctx.db, query: () => Promise.reject(down), transaction: () => Promise.reject(down) };
    const app = buildHubApp({ ...hub.ctx, db: failing });
    const station = await enrolled();
    const path = `/v1/stations/${station.stationId}/cursor`;
    const answer = await app.inject({ method: 'GET', url: path, headers: station.signed('GET', path).headers });
    expect(answer.statusCode).toBe(503);
    expect(answer.json()).toEqual({ error: 'unavailable' });
    expect(answer.headers['retry-after']).toBe('10');
    await app.close();
  });

  it('answers 503 with Retry-After when overloaded', async () => {
    const busy = await openTestHub(database, { maxInFlight: 0, retryAfterSeconds: 7 });
    const station = await enrolled();
    const answer = await getCursor(busy, station);
    expect(answer).toMatchObject({ status: 503, body: { error: 'overloaded' } });
    expect(answer.headers['retry-after']).toBe('7');
    await busy.app.close();
  });
});
