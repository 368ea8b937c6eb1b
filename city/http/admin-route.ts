/**
 * `POST /admin/v1/command`: how `tram city …` reaches a hub that is already serving a PGlite data
 * folder (one process may own it). Only from loopback, only with the random token the serving
 * process wrote to `<data>/serve.json` (mode 0600), so it is as private as the data folder itself.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { adminCommandSchema, runAdminCommand } from '../admin/admin-commands';
import type { HubContext } from '../hub-context';
import { IMPORT_MAX_BYTES } from '../ingest/bundle-import';

export const ADMIN_TOKEN_HEADER = 'x-tram-admin-token';
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function registerAdminRoute(app: FastifyInstance, ctx: HubContext, adminToken: string): void {
  app.post('/admin/v1/command', { bodyLimit: Math.ceil((IMPORT_MAX_BYTES * 4) / 3) + 1024 }, async (request, reply) => {
    const token = request.headers[ADMIN_TOKEN_HEADER];
    // The socket's own peer must be loopback, and nothing may have forwarded the request: a TLS proxy
    // on the same machine connects from loopback, so without this an internet client it forwards
    // would look local (whether or not the proxy is listed as trusted).
    const forwarded = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined || request.headers['x-real-ip'] !== undefined;
    if (forwarded || !LOOPBACK.has(request.socket.remoteAddress ?? '') || !LOOPBACK.has(request.ip) || typeof token !== 'string' || !sameToken(token, adminToken)) {
      return reply.code(401).send({ error: 'unauthorized' });
    }
    let value: unknown;
    try {
      value = JSON.parse(Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '');
    } catch {
      return reply.code(400).send({ error: 'bad_request', detail: 'body: not valid JSON' });
    }
    const command = adminCommandSchema.safeParse(value);
    if (!command.success) return reply.code(400).send({ error: 'bad_request', detail: 'command: unknown or malformed' });
    return reply.send(await runAdminCommand(ctx, command.data));
  });
}
