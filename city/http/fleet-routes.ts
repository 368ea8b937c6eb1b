/**
 * Version 1.3 station routes (docs/PROTOCOL.md §11): the lesson channel, its files (HTTP Range),
 * signed config, health reports, the app-update answer, and the electron-updater feed. Station routes
 * are signed per §3 and answered 401 alike for every failure; the feed is addressed by a per-station
 * token instead, because electron-updater cannot sign requests. A fresh signed request counts as
 * contact (§9.5). Every error body has an `error` code.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_HEALTH_BYTES, parseHealthReport } from '../../electron/core/sync/protocol/fleet/health-report';
import { UPDATE_PLATFORMS } from '../../electron/core/sync/protocol/fleet/fleet-wire';
import type { UpdatePlatform } from '../../electron/core/sync/protocol/fleet/fleet-wire';
import { HEX64_PATTERN, STATION_ID_PATTERN } from '../../electron/core/sync/protocol/limits';
import { CHANNEL_FILES, channelFileText, isFeedToken } from '../fleet/app-feed';
import { appUpdateAnswer, offeredAppRelease } from '../fleet/app-releases';
import { ContentKeyMismatchError, contentKeyFields, fleetContext } from '../fleet/fleet-context';
import { configAnswer, lessonChannelAnswer } from '../fleet/lesson-channel';
import type { HubContext } from '../hub-context';
import type { HubAnswer } from '../ingest/apply-batch';
import { UNAUTHORIZED } from '../ingest/apply-batch';
import { findBlob, readBlobRange } from '../store/fleet-blob-store';
import type { BlobInfo } from '../store/fleet-blob-store';
import { recordHealth } from '../store/fleet-health-store';
import { findStation, touchStation } from '../store/station-store';
import type { StationRow } from '../store/station-store';
import { decideRange } from './byte-range';
import { registerFleetAdminRoutes, registerFleetStaffRoutes } from './fleet-admin-routes';
import { badRequest, parseJsonObject, readBodyBytes } from './request-body';
import { authenticateStation } from './station-auth';
import type { StaffSessions } from './staff-session';
import type { WorkSlots } from './station-admission';

type StationRoute = { Params: { stationId: string; sha256?: string }; Querystring: Record<string, string | string[] | undefined> };
type StationRequest = FastifyRequest<StationRoute>;
const NOT_FOUND: HubAnswer = { status: 404, body: { error: 'not_found' } };
const isAnswer = (value: unknown): value is HubAnswer => typeof value === 'object' && value !== null && 'status' in value && 'body' in value;

function send(reply: FastifyReply, answer: HubAnswer): FastifyReply {
  return reply.code(answer.status).type('application/json; charset=utf-8').send(answer.body);
}

/** A query value that must be absent or appear once; `undefined` when absent, null when malformed. */
function single(query: Record<string, string | string[] | undefined>, name: string, pattern: RegExp): string | undefined | null {
  const raw = query[name];
  if (raw === undefined) return undefined;
  return typeof raw === 'string' && pattern.test(raw) ? raw : null;
}

/** Streams `start..end` of a blob with the download headers. */
function sendBlob(ctx: HubContext, request: FastifyRequest, reply: FastifyReply, blob: BlobInfo, type: string): FastifyReply {
  const range = decideRange(typeof request.headers.range === 'string' ? request.headers.range : undefined, blob.size);
  reply.header('accept-ranges', 'bytes').header('etag', `"${blob.sha256}"`).header('cache-control', 'private, max-age=31536000, immutable');
  if (range.kind === 'unsatisfiable') return reply.code(416).header('content-range', `bytes */${blob.size}`).type('application/json; charset=utf-8').send({ error: 'range_not_satisfiable', size: blob.size });
  const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, blob.size - 1];
  reply.code(range.kind === 'partial' ? 206 : 200).type(type).header('content-length', String(Math.max(0, end - start + 1)));
  if (range.kind === 'partial') reply.header('content-range', `bytes ${start}-${end}/${blob.size}`);
  return reply.send(Readable.from(readBlobRange(ctx.db, blob, start, end)));
}

/**
 * Registers the §10 routes (database work of signed routes runs in a work slot, station-admission.ts),
 * the staff routes of the stations page, and with an admin token the loopback admin routes.
 */
export function registerFleetRoutes(app: FastifyInstance, ctx: HubContext, slots: WorkSlots, sessions: StaffSessions, adminToken?: string): void {
  registerFleetStaffRoutes(app, ctx, sessions);
  if (adminToken !== undefined) registerFleetAdminRoutes(app, ctx, adminToken);
  // Fails the hub's start when the content key file is not the one this database knows.
  app.addHook('onReady', async () => {
    // A key file that does not match the database stops the start; a database that cannot be reached
    // yet does not (stations get 503 until it is back, and the fleet context loads on first use).
    await fleetContext(ctx).catch((error: unknown) => {
      if (error instanceof ContentKeyMismatchError) throw error;
      app.log.warn({ err: error }, 'fleet context not loaded at start; it loads on first use');
    });
  });

  /** Authenticates (401 otherwise), records fresh contact, and runs `answer` for the station. */
  const signed = async (request: StationRequest, reply: FastifyReply, body: Buffer, answer: (station: StationRow) => Promise<HubAnswer | { stream: BlobInfo }>) => {
    const outcome = await slots.run(reply, async () => {
      const auth = await authenticateStation(ctx, request, request.params.stationId, body);
      if (auth === null) return UNAUTHORIZED;
      if (auth.fresh) await touchStation(ctx.db, { stationId: auth.station.station_id, now: ctx.now(), ts: auth.ts });
      return answer(auth.station);
    });
    if (isAnswer(outcome)) return send(reply, outcome);
    if (typeof outcome === 'object' && outcome !== null && 'stream' in outcome) return sendBlob(ctx, request, reply, outcome.stream, 'application/octet-stream');
    return outcome;
  };

  app.get<StationRoute>('/v1/stations/:stationId/lessons', async (request, reply) =>
    signed(request, reply, Buffer.alloc(0), async () => {
      const have = single(request.query, 'have', /^(0|[1-9]\d{0,9})$/);
      const appVersion = single(request.query, 'app', /^[0-9A-Za-z.+-]{1,64}$/);
      if (have === null || appVersion === null) return badRequest(have === null ? 'have: expected a whole number' : 'app: expected an app version');
      return { status: 200, body: await lessonChannelAnswer(ctx, { have: have === undefined ? null : Number(have), appVersion: appVersion ?? null }) };
    }),
  );

  app.get<StationRoute>('/v1/stations/:stationId/files/:sha256', async (request, reply) =>
    signed(request, reply, Buffer.alloc(0), async () => {
      const sha256 = request.params.sha256 ?? '';
      if (!HEX64_PATTERN.test(sha256)) return badRequest('sha256: expected 64 lowercase hex digits');
      const blob = await findBlob(ctx.db, sha256);
      return blob === null ? NOT_FOUND : { stream: blob };
    }),
  );

  app.get<StationRoute>('/v1/stations/:stationId/config', async (request, reply) =>
    signed(request, reply, Buffer.alloc(0), async (station) => ({ status: 200, body: await configAnswer(ctx, { stationId: station.station_id, wardCode: station.ward_code }) })),
  );

  app.get<StationRoute>('/v1/stations/:stationId/app-update', async (request, reply) =>
    signed(request, reply, Buffer.alloc(0), async (station) => {
      const platform = single(request.query, 'platform', /^[a-z0-9]{1,20}$/);
      if (platform === undefined || platform === null || !(UPDATE_PLATFORMS as readonly string[]).includes(platform)) return badRequest(`platform: expected one of ${UPDATE_PLATFORMS.join(', ')}`);
      const answer = await appUpdateAnswer(ctx, { stationId: station.station_id, wardCode: station.ward_code }, platform as UpdatePlatform);
      return { status: 200, body: { ...contentKeyFields(await fleetContext(ctx)), ...answer } };
    }),
  );

  app.post<StationRoute>('/v1/stations/:stationId/health', async (request, reply) => {
    const bytes = await readBodyBytes(request);
    if (!bytes.ok) return send(reply, bytes.answer);
    return signed(request, reply, bytes.value, async (station) => {
      if (bytes.value.length > MAX_HEALTH_BYTES) return { status: 413, body: { error: 'too_large', max_bytes: MAX_HEALTH_BYTES } };
      const json = parseJsonObject(request, bytes.value);
      if (!json.ok) return json.answer;
      const report = parseHealthReport(json.value);
      if (!report.ok) return badRequest(report.detail);
      const now = ctx.now();
      await recordHealth(ctx.db, { stationId: station.station_id, receivedAt: now, report: report.value });
      return { status: 200, body: { ...contentKeyFields(await fleetContext(ctx)), stored: true, server_time_ms: now } };
    });
  });

  // The electron-updater generic feed: /v1/app-feed/<station>/<token>/<latest.yml | installer>.
  app.get<{ Params: { stationId: string; token: string; file: string } }>('/v1/app-feed/:stationId/:token/:file', async (request, reply) => {
    const { stationId, token, file } = request.params;
    if (!STATION_ID_PATTERN.test(stationId) || !/^[0-9a-f]{32}$/.test(token)) return send(reply, NOT_FOUND);
    const fleet = await fleetContext(ctx);
    const station = isFeedToken(fleet.feedSecret, stationId, token) ? await findStation(ctx.db, stationId) : null;
    if (station === null || station.status !== 'active') return send(reply, NOT_FOUND);
    const platform = (Object.keys(CHANNEL_FILES) as UpdatePlatform[]).find((name) => CHANNEL_FILES[name] === file);
    if (platform !== undefined) {
      const release = await offeredAppRelease(ctx, { stationId, wardCode: station.ward_code }, platform);
      if (release === null) return send(reply, NOT_FOUND);
      return reply.code(200).type('text/yaml; charset=utf-8').header('cache-control', 'no-store').send(channelFileText(release));
    }
    for (const candidate of Object.keys(CHANNEL_FILES) as UpdatePlatform[]) {
      const release = await offeredAppRelease(ctx, { stationId, wardCode: station.ward_code }, candidate);
      if (release === null || release.file !== file) continue;
      const blob = await findBlob(ctx.db, release.blob_sha256);
      if (blob !== null) return sendBlob(ctx, request, reply, blob, 'application/octet-stream');
    }
    return send(reply, NOT_FOUND);
  });
}
