/**
 * Fleet routes for people, not stations:
 * - the loopback admin routes `tram city publish-lessons | export-lessons | sign-config | publish-app
 *   | rollout | fleet-status` use while a hub serves the data folder (the admin token of serve.json,
 *   loopback only, as admin-route.ts): a command, blob chunks up, blobs down;
 * - staff JSON and HTML for the officials' stations page: the overview with flags, the fragment,
 *   and the rollout change (a staff session; POST also checks Origin).
 */
import { timingSafeEqual } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fleetCommandSchema, runFleetCommand } from '../fleet/fleet-commands';
import { fleetOverview } from '../fleet/fleet-overview';
import { fleetFragment } from '../fleet/fleet-page';
import type { HubContext } from '../hub-context';
import { BLOB_CHUNK_BYTES, findBlob, putBlobChunk, readBlobRange } from '../store/fleet-blob-store';
import { ADMIN_TOKEN_HEADER } from './admin-route';
import { scopeFor } from '../access/ward-scope';
import { forbidden, requireStaff } from './staff-guard';
import { isSameOrigin, sameSecret, type StaffSessions } from './staff-session';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function isAdmin(request: FastifyRequest, adminToken: string): boolean {
  const token = request.headers[ADMIN_TOKEN_HEADER];
  if (!LOOPBACK.has(request.ip) || typeof token !== 'string') return false;
  const a = Buffer.from(token);
  const b = Buffer.from(adminToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

function parseBody(request: FastifyRequest): unknown {
  try {
    return JSON.parse(Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '');
  } catch {
    return undefined;
  }
}

type WardQuery = { Querystring: { ward?: string } };
const wardOf = (request: FastifyRequest<WardQuery>): string | null | undefined => {
  const ward = request.query.ward;
  if (ward === undefined || ward === '') return null;
  return /^\d{5}$/.test(ward) ? ward : undefined;
};

/** The loopback admin routes (only registered when the hub serves with an admin token). */
export function registerFleetAdminRoutes(app: FastifyInstance, ctx: HubContext, adminToken: string): void {
  const refuse = (reply: FastifyReply) => reply.code(401).send({ error: 'unauthorized' });
  app.post('/admin/v1/fleet/command', async (request, reply) => {
    if (!isAdmin(request, adminToken)) return refuse(reply);
    const command = fleetCommandSchema.safeParse(parseBody(request));
    if (!command.success) return reply.code(400).send({ error: 'bad_request', detail: `command: ${command.error.issues[0]?.path.join('.') ?? ''} ${command.error.issues[0]?.message ?? 'malformed'}` });
    return reply.send(await runFleetCommand(ctx, command.data));
  });
  app.put<{ Params: { sha256: string; idx: string } }>('/admin/v1/fleet/blob/:sha256/:idx', { bodyLimit: BLOB_CHUNK_BYTES + 1024 }, async (request, reply) => {
    if (!isAdmin(request, adminToken)) return refuse(reply);
    const { sha256, idx } = request.params;
    if (!/^[0-9a-f]{64}$/.test(sha256) || !/^\d{1,7}$/.test(idx) || !Buffer.isBuffer(request.body) || request.body.length > BLOB_CHUNK_BYTES) {
      return reply.code(400).send({ error: 'bad_request', detail: 'a chunk is PUT /admin/v1/fleet/blob/<sha256>/<index> with at most 256 KiB' });
    }
    await putBlobChunk(ctx.db, sha256, Number(idx), request.body);
    return reply.send({ ok: true });
  });
  app.get<{ Params: { sha256: string } }>('/admin/v1/fleet/blob/:sha256', async (request, reply) => {
    if (!isAdmin(request, adminToken)) return refuse(reply);
    const blob = /^[0-9a-f]{64}$/.test(request.params.sha256) ? await findBlob(ctx.db, request.params.sha256) : null;
    if (blob === null) return reply.code(404).send({ error: 'not_found' });
    return reply.type('application/octet-stream').header('content-length', String(blob.size)).send(Readable.from(readBlobRange(ctx.db, blob, 0, blob.size - 1)));
  });
}

/**
 * Staff routes for the stations page, through the staff door (staff-guard.ts): a ward officer sees
 * only their wards (one ward at a time, or their only ward), the rollout is an administrator's, and a
 * POST needs a session (not HTTP Basic), the same Origin and the session's CSRF token.
 */
export function registerFleetStaffRoutes(app: FastifyInstance, ctx: HubContext, sessions: StaffSessions): void {
  const scopedWard = async (request: FastifyRequest<WardQuery>, reply: FastifyReply, kind: 'page' | 'api'): Promise<{ ward: string | null } | null> => {
    const who = await requireStaff(sessions, request, reply, { kind: 'api' });
    if (who === null) return null;
    const ward = wardOf(request);
    if (ward === undefined) {
      reply.code(400).send({ error: 'bad_request', detail: 'ward: expected a 5-digit ward code' });
      return null;
    }
    const only = who.staff.role !== 'admin' && ward === null && who.staff.wards.length === 1 ? (who.staff.wards[0] ?? null) : ward;
    const decision = scopeFor(who.staff, only);
    if (!decision.ok || (who.staff.role !== 'admin' && decision.ward === null)) {
      forbidden(reply, kind);
      return null;
    }
    return { ward: decision.ward };
  };
  app.get<WardQuery>('/v1/fleet/overview', async (request, reply) => {
    const scoped = await scopedWard(request, reply, 'api');
    if (scoped === null) return reply;
    return reply.header('cache-control', 'no-store').send(await fleetOverview(ctx, scoped.ward));
  });
  app.get<WardQuery>('/fleet/fragment', async (request, reply) => {
    const scoped = await scopedWard(request, reply, 'page');
    if (scoped === null) return reply;
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(fleetFragment(await fleetOverview(ctx, scoped.ward)));
  });
  app.post('/v1/fleet/rollout', async (request, reply) => {
    const who = await requireStaff(sessions, request, reply, { kind: 'api', admin: true });
    if (who === null) return reply;
    const body = parseBody(request) as { version?: unknown; percent?: unknown; wards?: unknown; csrf?: unknown } | undefined;
    if (who.csrf === null || !isSameOrigin(request) || typeof body?.csrf !== 'string' || !sameSecret(body.csrf, who.csrf)) return reply.code(403).send({ error: 'forbidden', detail: 'origin or csrf' });
    const wards = Array.isArray(body.wards) ? body.wards.filter((ward): ward is string => typeof ward === 'string') : [];
    if (typeof body.version !== 'string' || typeof body.percent !== 'number') return reply.code(400).send({ error: 'bad_request', detail: 'body: {"version", "percent", "wards", "csrf"} expected' });
    const result = await runFleetCommand(ctx, { command: 'rollout', version: body.version, percent: body.percent, wards, by: who.staff.name });
    return result.ok ? reply.send(result.value) : reply.code(400).send({ error: result.code, detail: result.message });
  });
}
