/**
 * The door of every staff route: who is asking (session, or HTTP Basic on GET), whether they may
 * (administrator-only routes), and for forms the CSRF token and Origin. Routes get a StaffRequest only
 * from here, and ward scopes only from `scopeFor` (city/access/ward-scope.ts).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../store/audit-store';
import { escapeHtml, label, page, PAGE_CSP } from '../reports/html';
import { isSameOrigin, sameSecret } from './staff-session';
import type { StaffRequest, StaffSessions } from './staff-session';

export const WARD_PATTERN = /^[A-Za-z0-9-]{1,40}$/;

export function sendHtml(reply: FastifyReply, status: number, body: string, csp = PAGE_CSP): FastifyReply {
  return reply.code(status).header('content-security-policy', csp).header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').type('text/html; charset=utf-8').send(body);
}

function forbiddenPage(): string {
  return page('Không có quyền · Forbidden', `<h1>${label('Không có quyền xem trang này', 'You may not see this page')}</h1><p>${label('Trang này dành cho người quản trị tỉnh hoặc cho phường/xã khác.', 'This page is for province administrators or for another ward.')}</p><p><a href="/dashboard">${label('Về trang tổng quan', 'Back to the dashboard')}</a></p>`);
}

/** Answers 403 in the route's own kind (a page or JSON). */
export function forbidden(reply: FastifyReply, kind: 'page' | 'api'): FastifyReply {
  return kind === 'page' ? sendHtml(reply, 403, forbiddenPage()) : reply.code(403).send({ error: 'forbidden' });
}

/**
 * The staff member behind a request, or null after answering: a page redirects to sign-in, an API
 * answers 401, a throttled HTTP Basic sign-in 429; `admin` routes answer 403 to a ward officer.
 */
export async function requireStaff(sessions: StaffSessions, request: FastifyRequest, reply: FastifyReply, options: { kind: 'page' | 'api'; admin?: boolean }): Promise<StaffRequest | null> {
  const current = await sessions.current(request);
  if (current !== null && 'throttled' in current) {
    reply.code(429).header('retry-after', String(current.throttled)).send({ error: 'too_many_attempts' });
    return null;
  }
  if (current === null) {
    if (options.kind === 'page') reply.redirect('/login', 303);
    else reply.code(401).send({ error: 'unauthorized' });
    return null;
  }
  if (options.admin === true && current.staff.role !== 'admin') {
    forbidden(reply, options.kind);
    return null;
  }
  return current;
}

/** The fields of a form POST (urlencoded; JSON objects of strings are accepted for scripts and tests). */
export function formFields(request: FastifyRequest): URLSearchParams {
  const raw = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
  if ((request.headers['content-type'] ?? '').startsWith('application/json')) {
    const fields = new URLSearchParams();
    try {
      const value = JSON.parse(raw) as unknown;
      if (value !== null && typeof value === 'object') {
        for (const [key, item] of Object.entries(value)) {
          for (const one of Array.isArray(item) ? item : [item]) if (typeof one === 'string' || typeof one === 'number') fields.append(key, String(one));
        }
      }
    } catch {
      // not JSON: no fields
    }
    return fields;
  }
  return new URLSearchParams(raw);
}

/**
 * A staff form POST: signed in with a session (not HTTP Basic), same origin, and the session's CSRF
 * token in the `csrf` field (read by `fieldsOf`: urlencoded or JSON unless told otherwise). Null
 * after answering 401/403.
 */
export async function requireForm(
  sessions: StaffSessions,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { admin?: boolean; fieldsOf?: (request: FastifyRequest) => URLSearchParams } = {},
): Promise<{ who: StaffRequest; fields: URLSearchParams } | null> {
  const who = await requireStaff(sessions, request, reply, { kind: 'page', admin: options.admin ?? false });
  if (who === null) return null;
  const fields = (options.fieldsOf ?? formFields)(request);
  const given = fields.get('csrf') ?? '';
  if (who.csrf === null || !isSameOrigin(request) || !sameSecret(given, who.csrf)) {
    sendHtml(reply, 403, page('Không hợp lệ · Refused', `<h1>${label('Biểu mẫu không hợp lệ hoặc đã hết hạn', 'The form is not valid or has expired')}</h1><p><a href="${escapeHtml(request.url.split('?')[0] ?? '/')}">${label('Mở lại trang và thử lại', 'Open the page again and retry')}</a></p>`));
    return null;
  }
  return { who, fields };
}

/** The audit actor of a web request: the staff member and the client address (through trusted proxies). */
export function webActor(request: FastifyRequest, who: StaffRequest): Actor {
  return { name: who.staff.name, address: request.ip, via: 'web' };
}
