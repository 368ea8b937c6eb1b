/**
 * The station-facing API of docs/PROTOCOL.md §2–§5: enrol, cursor, events, with the closed-epoch cursor
 * `?epoch=N` of docs/PROTOCOL.md §9. Order of checks for an upload: body size (413) → signature (401)
 * → content type (415) → JSON (400) → batch size (413) → schema (400) → the §5 transaction (see
 * city/ingest/apply-batch.ts).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_BATCH_EVENTS } from '../../electron/core/sync/protocol/limits';
import { parseEventsBatch } from '../../electron/core/sync/protocol/events-batch-parse';
import { enrolRequestSchema, parseWire } from '../../electron/core/sync/protocol/wire-schemas';
import type { HubContext } from '../hub-context';
import { applyBatch, receiptShortForm, TOO_LARGE, UNAUTHORIZED } from '../ingest/apply-batch';
import type { HubAnswer } from '../ingest/apply-batch';
import { enrolStation } from '../ingest/enrolment';
import { findEpoch, recordReceipt, touchStation } from '../store/station-store';
import type { StationRow } from '../store/station-store';
import { badRequest, parseJsonObject, readBodyBytes } from './request-body';
import { authenticateStation } from './station-auth';
import type { WorkSlots } from './station-admission';

const isHubAnswer = (value: unknown): value is HubAnswer => typeof value === 'object' && value !== null && 'status' in value && 'body' in value && typeof (value as HubAnswer).status === 'number';

type StationParams = { Params: { stationId: string } };
type CursorRequest = StationParams & { Querystring: Record<string, string | string[] | undefined> };

/** The `?epoch=N` of a closed-epoch cursor: absent (the current epoch), a number, or a 400. */
export function cursorEpochParam(query: Record<string, string | string[] | undefined>): { ok: true; epoch: number | null } | { ok: false; answer: HubAnswer } {
  const raw = query.epoch;
  if (raw === undefined) return { ok: true, epoch: null };
  if (typeof raw !== 'string' || !/^[1-9][0-9]{0,8}$/.test(raw)) return { ok: false, answer: badRequest('epoch: expected a positive integer') };
  return { ok: true, epoch: Number(raw) };
}

/** The cursor answer of one epoch (§5; a closed epoch per §9), receipt over that epoch. */
async function cursorAnswer(ctx: HubContext, station: StationRow, epoch: number, nonce: string): Promise<HubAnswer> {
  const head = await findEpoch(ctx.db, station.station_id, epoch);
  if (head === null) {
    if (epoch === station.current_epoch) throw new Error(`station ${station.station_id} has no current epoch row`);
    return { status: 409, body: { error: 'epoch', epoch: station.current_epoch } };
  }
  const serverTimeMs = ctx.now();
  return {
    status: 200,
    body: {
      epoch: head.epoch,
      acked_seq: head.acked_seq,
      head_hash: head.head_hash,
      server_time_ms: serverTimeMs,
      nonce,
      receipt: ctx.keys.signReceipt(station.station_id, head.epoch, head.acked_seq, head.head_hash, serverTimeMs),
    },
  };
}

function send(reply: FastifyReply, answer: HubAnswer): FastifyReply {
  return reply.code(answer.status).type('application/json; charset=utf-8').send(answer.body);
}

/**
 * Registers /v1/enrol, /v1/stations/:stationId/cursor and /v1/stations/:stationId/events. Database
 * work runs in a work slot taken only after the request is authenticated (station-admission.ts).
 */
export function registerStationRoutes(app: FastifyInstance, ctx: HubContext, slots: WorkSlots): void {
  app.post('/v1/enrol', async (request, reply) => {
    const bytes = await readBodyBytes(request);
    if (!bytes.ok) return send(reply, bytes.answer);
    const json = parseJsonObject(request, bytes.value);
    if (!json.ok) return send(reply, json.answer);
    const body = parseWire(enrolRequestSchema, json.value);
    if (!body.ok) return send(reply, badRequest(body.detail));
    const answer = await slots.run(reply, () => enrolStation(ctx, body.value));
    if (!isHubAnswer(answer)) return answer;
    request.log.info({ station_id: body.value.station_id, status: answer.status, app_version: body.value.app_version }, 'enrolment');
    return send(reply, answer);
  });

  app.get<CursorRequest>('/v1/stations/:stationId/cursor', async (request, reply) => {
    const param = cursorEpochParam(request.query);
    const answer = await slots.run(reply, async (): Promise<HubAnswer> => {
      const auth = await authenticateStation(ctx, request, request.params.stationId, Buffer.alloc(0));
      if (auth === null) return UNAUTHORIZED;
      const { station } = auth;
      if (!param.ok) return param.answer;
      const epoch = param.epoch ?? station.current_epoch;
      if (epoch > station.current_epoch) return { status: 409, body: { error: 'epoch', epoch: station.current_epoch } };
      // A replayed request gets the nonce already handed out; only a fresh one rotates it and counts as contact.
      const nonce = auth.fresh || station.last_nonce === null ? randomBytes(16).toString('hex') : station.last_nonce;
      if (auth.fresh || station.last_nonce === null) await touchStation(ctx.db, { stationId: station.station_id, now: ctx.now(), ts: auth.ts, nonce });
      return withReceiptRecorded(ctx, station.station_id, await cursorAnswer(ctx, station, epoch, nonce));
    });
    return isHubAnswer(answer) ? send(reply, answer) : answer;
  });

  app.post<StationParams>('/v1/stations/:stationId/events', async (request: FastifyRequest<StationParams>, reply) => {
    const bytes = await readBodyBytes(request);
    if (!bytes.ok) return send(reply, bytes.answer);
    const answer = await slots.run(reply, async (): Promise<HubAnswer> => {
      const auth = await authenticateStation(ctx, request, request.params.stationId, bytes.value);
      if (auth === null) return UNAUTHORIZED;
      const contactTs = auth.fresh ? auth.ts : null;
      const result = await answerUpload(ctx, request, auth.station.station_id, bytes.value, contactTs);
      // A stored batch already moved last_seen_at in its transaction; any other fresh answer records the contact here.
      if (result.status !== 200 && contactTs !== null) await touchStation(ctx.db, { stationId: auth.station.station_id, now: ctx.now(), ts: contactTs });
      // A 200 recorded its receipt in the batch's transaction (apply-batch.ts).
      return result;
    });
    return isHubAnswer(answer) ? send(reply, answer) : answer;
  });
}

/** Keeps the short form of a 200's receipt on the station row (the stations page shows it). */
export async function withReceiptRecorded(ctx: HubContext, stationId: string, answer: HubAnswer): Promise<HubAnswer> {
  const receipt = answer.body.receipt;
  if (answer.status === 200 && typeof receipt === 'string') await recordReceipt(ctx.db, { stationId, receiptShort: receiptShortForm(receipt) });
  return answer;
}

/** Parses and applies one authenticated upload (the checks after the signature, in §5's order). */
async function answerUpload(ctx: HubContext, request: FastifyRequest, stationId: string, bytes: Buffer, contactTs: number | null): Promise<HubAnswer> {
  const json = parseJsonObject(request, bytes);
  if (!json.ok) return json.answer;
  // Count before validating every event: a 5,000-event batch is "too large", not "bad".
  if (Array.isArray(json.value.events) && json.value.events.length > MAX_BATCH_EVENTS) return TOO_LARGE;
  const batch = parseEventsBatch(json.value);
  if (!batch.ok) return badRequest(batch.detail);
  const answer = await applyBatch(ctx, stationId, batch.value, { source: 'upload', contactTs });
  request.log.info(
    { station_id: stationId, epoch: batch.value.epoch, first_seq: batch.value.first_seq, last_seq: batch.value.last_seq, status: answer.status, answer: answer.status === 200 ? undefined : answer.body },
    'upload',
  );
  return answer;
}
