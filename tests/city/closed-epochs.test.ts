// docs/PROTOCOL.md §9 on the hub: the cursor of a closed epoch, uploads into it with the same chain
// checks, epochs declared at enrolment; and §3's rule that a replayed request is answered but is not
// proof of life (last_seen_at).
import { expect, it } from 'vitest';
import { receiptText } from '../../electron/core/sync/protocol/signed-messages';
import { ZERO_HASH } from '../../electron/core/sync/protocol/event-hash';
import { verifyText } from '../../city/crypto/ed25519';
import { issueEnrolmentCode } from '../../city/ingest/enrolment';
import { findEpoch, findStation } from '../../city/store/station-store';
import { readEvent } from '../../city/store/event-store';
import { StationFixture, uniqueStationId } from '../support/station-fixture';
import { describeEachDriver, enrol, getCursor, injectRaw, postJson, upload, useTestHub } from './support/hub-harness';
import type { TestHub } from './support/hub-harness';

describeEachDriver('closed epochs and contact', (driver) => {
  let hub: TestHub;
  useTestHub(driver, (opened) => ({ hub } = opened));

  const cursorOf = (station: StationFixture, query: string, options: { nonce?: string; ts?: number } = {}) => {
    const path = `/v1/stations/${station.stationId}/cursor${query}`;
    return injectRaw(hub, 'GET', path, station.signed('GET', path, undefined, options).headers);
  };

  /** Epoch 1 with 3 uploaded and 2 more written, then re-enrolled into epoch 2. */
  async function reenrolledWithTail(): Promise<{ station: StationFixture; epochOne: StationFixture['events']; acked: string }> {
    const station = new StationFixture(uniqueStationId('06688'));
    expect((await enrol(hub, station)).status).toBe(201);
    station.appendMany(5);
    expect((await upload(hub, station, station.batch(1, 3))).status).toBe(200);
    const epochOne = [...station.events];
    const acked = epochOne[2]?.hash ?? '';
    station.rotateKey();
    expect((await enrol(hub, station)).body).toMatchObject({ epoch: 2 });
    return { station, epochOne, acked };
  }

  it('answers the cursor of a closed epoch with its own head and a receipt over that epoch', async () => {
    const { station, acked } = await reenrolledWithTail();
    const answer = await cursorOf(station, '?epoch=1');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ epoch: 1, acked_seq: 3, head_hash: acked });
    const text = receiptText(station.stationId, 1, 3, acked, Number(answer.body.server_time_ms));
    expect(verifyText(hub.ctx.keys.publicKeyB64, text, String(answer.body.receipt))).toBe(true);
    expect((await cursorOf(station, '?epoch=2')).body).toMatchObject({ epoch: 2, acked_seq: 0, head_hash: acked });
    expect((await getCursor(hub, station)).body).toMatchObject({ epoch: 2 });
  });

  it.each([
    ['?epoch=3', 409, { error: 'epoch', epoch: 2 }],
    ['?epoch=0', 400, { error: 'bad_request', detail: 'epoch: expected a positive integer' }],
    ['?epoch=1.5', 400, { error: 'bad_request' }],
    ['?epoch=abc', 400, { error: 'bad_request' }],
    ['?epoch=1&epoch=2', 400, { error: 'bad_request' }],
    ['?epoch=99999999999', 400, { error: 'bad_request' }],
  ])('refuses the cursor query %s with %i', async (query, status, body) => {
    const { station } = await reenrolledWithTail();
    const answer = await cursorOf(station, query);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject(body);
  });

  it('stores the tail of a closed epoch with the same chain checks: a broken link is a fork, a gap is a gap, a replay is duplicates', async () => {
    const { station, epochOne, acked } = await reenrolledWithTail();
    const offsetBefore = (await findStation(hub.ctx.db, station.stationId))?.last_offset_ms;
    const tail = (first: number, last: number, prev: string) => ({ epoch: 1, first_seq: first, last_seq: last, prev_hash: prev, events: epochOne.slice(first - 1, last), app_version: 't' });
    expect(await upload(hub, station, tail(5, 5, epochOne[3]?.hash ?? ''))).toMatchObject({ status: 409, body: { error: 'gap', expected_seq: 4 } });
    expect(await upload(hub, station, tail(4, 5, 'f'.repeat(64)))).toMatchObject({ status: 409, body: { error: 'fork', seq: 4 } });
    const stored = await upload(hub, station, tail(4, 5, acked));
    expect(stored).toMatchObject({ status: 200, body: { acked_seq: 5, inserted: 2, duplicates: 0 } });
    const text = receiptText(station.stationId, 1, 5, epochOne[4]?.hash ?? '', Number(stored.body.server_time_ms));
    expect(verifyText(hub.ctx.keys.publicKeyB64, text, String(stored.body.receipt))).toBe(true);
    expect(await upload(hub, station, tail(1, 5, ZERO_HASH))).toMatchObject({ status: 200, body: { acked_seq: 5, inserted: 0, duplicates: 5 } });
    expect(await findEpoch(hub.ctx.db, station.stationId, 1)).toMatchObject({ acked_seq: 5 });
    // The current epoch is untouched and its clock offset not taken from old events.
    expect(await findEpoch(hub.ctx.db, station.stationId, 2)).toMatchObject({ acked_seq: 0 });
    expect((await findStation(hub.ctx.db, station.stationId))?.last_offset_ms).toBe(offsetBefore);
  });

  it('adopts epochs declared at enrolment (a restore on the station), and refuses a conflicting one with nothing changed', async () => {
    const station = new StationFixture(uniqueStationId('06688'));
    expect((await enrol(hub, station)).status).toBe(201);
    station.appendMany(4);
    expect((await upload(hub, station, station.batch(1, 4))).status).toBe(200);
    const second = station.events[1]?.hash ?? '';
    // The station restored an old backup that knew seq 2 acknowledged: its epoch 2 hangs from there.
    station.rotateKey();
    const declared = [{ epoch: 1, start_hash: ZERO_HASH }, { epoch: 2, start_hash: second }];
    const code = (await issueEnrolmentCode(hub.ctx, station.stationId)).code;
    expect(await postJson(hub, '/v1/enrol', { ...station.enrolBody(code), epochs: declared })).toMatchObject({ status: 201, body: { epoch: 2 } });
    expect(await findEpoch(hub.ctx.db, station.stationId, 2)).toMatchObject({ start_hash: second, acked_seq: 0 });
    expect((await findStation(hub.ctx.db, station.stationId))?.needs_review).toBe(false);
    station.startEpoch(2, second);
    station.appendMany(2);
    expect(await upload(hub, station, station.batch(1, 2))).toMatchObject({ status: 200, body: { acked_seq: 2 } });

    // Declaring the same epochs again opens 3 as usual; declaring another history for epoch 2 is refused.
    const conflict = await postJson(hub, '/v1/enrol', { ...station.enrolBody((await issueEnrolmentCode(hub.ctx, station.stationId)).code), epochs: [{ epoch: 2, start_hash: 'e'.repeat(64) }] });
    expect(conflict).toMatchObject({ status: 409, body: { error: 'epoch_conflict', epoch: 2 } });
    expect((await findStation(hub.ctx.db, station.stationId))?.current_epoch).toBe(2);
    // The refused attempt did not use up its code: the same code still enrols.
    const retryCode = (await issueEnrolmentCode(hub.ctx, station.stationId)).code;
    const bad = await postJson(hub, '/v1/enrol', { ...station.enrolBody(retryCode), epochs: [{ epoch: 2, start_hash: 'e'.repeat(64) }] });
    expect(bad.status).toBe(409);
    expect(await postJson(hub, '/v1/enrol', station.enrolBody(retryCode))).toMatchObject({ status: 201, body: { epoch: 3 } });
    // A declared epoch hanging from a hash the hub does not hold is kept, and the station marked for review.
    const odd = await postJson(hub, '/v1/enrol', { ...station.enrolBody((await issueEnrolmentCode(hub.ctx, station.stationId)).code), epochs: [{ epoch: 9, start_hash: 'd'.repeat(64) }] });
    expect(odd).toMatchObject({ status: 201, body: { epoch: 9 } });
    expect(await findStation(hub.ctx.db, station.stationId)).toMatchObject({ current_epoch: 9, needs_review: true, review_reason: expect.stringContaining('epoch 9') });
  });

  it.each([
    [[{ epoch: 2, start_hash: ZERO_HASH }, { epoch: 1, start_hash: ZERO_HASH }], 'epochs'],
    [[{ epoch: 0, start_hash: ZERO_HASH }], 'epochs.0.epoch'],
    [[{ epoch: 1, start_hash: 'xyz' }], 'epochs.0.start_hash'],
    [Array.from({ length: 65 }, (_, i) => ({ epoch: i + 1, start_hash: ZERO_HASH })), 'epochs'],
  ])('refuses a malformed epochs declaration (%#) with 400 naming the field', async (epochs, field) => {
    const station = new StationFixture(uniqueStationId('06688'));
    const code = (await issueEnrolmentCode(hub.ctx, station.stationId)).code;
    const answer = await postJson(hub, '/v1/enrol', { ...station.enrolBody(code), epochs });
    expect(answer).toMatchObject({ status: 400, body: { error: 'bad_request', detail: expect.stringMatching(new RegExp(`^${field.replace(/\./g, '\\.')}`)) } });
    expect(await findStation(hub.ctx.db, station.stationId)).toBeNull();
  });

  // Found by trying it: a captured cursor request replayed later moved last_seen_at, so a dead
  // station could be made to look alive from anywhere.
  it('answers a replayed signed request but does not count it as the station being alive', async () => {
    const station = new StationFixture(uniqueStationId('06688'));
    expect((await enrol(hub, station)).status).toBe(201);
    const path = `/v1/stations/${station.stationId}/cursor`;
    const captured = station.signed('GET', path, undefined, { ts: 1_000 }).headers;
    expect((await injectRaw(hub, 'GET', path, captured)).status).toBe(200);
    const first = await findStation(hub.ctx.db, station.stationId);
    hub.clock.advance(3 * 86_400_000);
    const replay = await injectRaw(hub, 'GET', path, captured);
    expect(replay.status).toBe(200);
    expect(replay.body.nonce).toBe(first?.last_nonce);
    expect(await findStation(hub.ctx.db, station.stationId)).toMatchObject({ last_seen_at: first?.last_seen_at, last_nonce: first?.last_nonce });
    // The station itself: the nonce it was given is fresh, whatever its clock says.
    const genuine = await cursorOf(station, '', { nonce: String(first?.last_nonce), ts: 500 });
    expect(genuine.status).toBe(200);
    expect((await findStation(hub.ctx.db, station.stationId))?.last_seen_at).toBe(hub.clock.ms);
    // A replayed upload stores nothing new and does not count either.
    station.appendMany(1);
    const body = station.batch(1, 1);
    const uploadPath = `/v1/stations/${station.stationId}/events`;
    const signedUpload = station.signed('POST', uploadPath, body, { ts: 2_000 });
    expect((await injectRaw(hub, 'POST', uploadPath, signedUpload.headers, signedUpload.payload)).status).toBe(200);
    const seen = (await findStation(hub.ctx.db, station.stationId))?.last_seen_at;
    hub.clock.advance(86_400_000);
    expect((await injectRaw(hub, 'POST', uploadPath, signedUpload.headers, signedUpload.payload)).body).toMatchObject({ inserted: 0, duplicates: 1 });
    expect((await findStation(hub.ctx.db, station.stationId))?.last_seen_at).toBe(seen);
  });

  // Found by trying it: 200,000 nested arrays in one payload made the hub answer 500 to that batch on
  // every retry, so the station retried without end and nothing after it ever arrived.
  it('stores and flags a payload nested too deep instead of answering 500', async () => {
    const station = new StationFixture(uniqueStationId('06688'));
    expect((await enrol(hub, station)).status).toBe(201);
    station.append('attendance.checkin', '['.repeat(200_000) + ']'.repeat(200_000));
    station.append();
    const answer = await upload(hub, station, station.batch(1, 2));
    expect(answer).toMatchObject({ status: 200, body: { acked_seq: 2, inserted: 2 } });
    expect(await readEvent(hub.ctx.db, { stationId: station.stationId, epoch: 1, seq: 1 })).toMatchObject({ flags: ['payload_too_deep'] });
  });
});
