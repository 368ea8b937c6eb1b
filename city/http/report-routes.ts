/**
 * Staff side (PROTOCOL.md §8): sign-in, the progress JSON, the HTML report page, CSV export and the
 * target-population form. Everything but the sign-in page needs a staff session.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ReportSource } from '../db/report-reader';
import type { HubContext } from '../hub-context';
import { csvCell, progressCsv } from '../reports/csv';
import { PAGE_CSP } from '../reports/html';
import { loginPage } from '../reports/login-page';
import { buildProgress, progressJson } from '../reports/progress';
import { reportPage } from '../reports/report-page';
import { setWardTarget, stationReport } from '../store/report-store';
import { badRequest } from './request-body';
import { currentStaff, isSameOrigin, signIn, signOut } from './staff-session';

const WARD_PATTERN = /^[A-Za-z0-9-]{1,40}$/;
type WardQuery = { Querystring: { ward?: string | string[] } };

/** Form or JSON fields of a staff POST body. */
function formFields(request: FastifyRequest): Map<string, string> {
  const raw = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('application/json')) {
    try {
      const value = JSON.parse(raw) as unknown;
      if (value !== null && typeof value === 'object') {
        return new Map(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string' || typeof entry[1] === 'number').map(([k, v]) => [k, String(v)]));
      }
    } catch {
      return new Map();
    }
    return new Map();
  }
  return new Map(new URLSearchParams(raw));
}

function wardParam(value: string | string[] | undefined): { ok: true; ward: string | null } | { ok: false } {
  if (value === undefined || value === '') return { ok: true, ward: null };
  if (typeof value !== 'string' || !WARD_PATTERN.test(value)) return { ok: false };
  return { ok: true, ward: value };
}

function html(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).header('content-security-policy', PAGE_CSP).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
}

/** Which database answered and how old its figures are, for scripts (the §8 body keeps its keys). */
function sourceHeaders(reply: FastifyReply, source: ReportSource): FastifyReply {
  reply.header('x-report-source', source.source).header('x-report-as-of', new Date(source.asOfMs).toISOString());
  if (source.fallback !== null) reply.header('x-report-fallback', source.fallback.replace(/[^\x20-\x7e]/g, '?').slice(0, 200));
  return reply;
}

export function registerReportRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/', async (_request, reply) => reply.redirect('/reports', 303));
  app.get('/login', async (_request, reply) => html(reply, 200, loginPage(null)));

  app.post('/login', async (request, reply) => {
    if (!isSameOrigin(request)) return reply.code(403).send({ error: 'forbidden' });
    const fields = formFields(request);
    const ok = await signIn(ctx, request, reply, fields.get('name') ?? '', fields.get('password') ?? '');
    if (!ok) return html(reply, 401, loginPage('Sai tên đăng nhập hoặc mật khẩu · Wrong user name or password'));
    return reply.redirect('/reports', 303);
  });

  app.post('/logout', async (request, reply) => {
    if (!isSameOrigin(request)) return reply.code(403).send({ error: 'forbidden' });
    await signOut(ctx, request, reply);
    return reply.redirect('/login', 303);
  });

  app.get<WardQuery>('/v1/reports/progress', async (request, reply) => {
    if ((await currentStaff(ctx, request)) === null) return reply.code(401).send({ error: 'unauthorized' });
    const ward = wardParam(request.query.ward);
    if (!ward.ok || ward.ward === null) {
      const answer = badRequest(ward.ok ? 'ward: required' : 'ward: expected a ward code');
      return reply.code(answer.status).send(answer.body);
    }
    const nowMs = ctx.now();
    const source = await ctx.reports.source(nowMs);
    const [progress] = await buildProgress(source.db, { ward: ward.ward, nowMs });
    return sourceHeaders(reply, source).send(progress === undefined ? {} : progressJson(progress));
  });

  app.get<WardQuery>('/reports', async (request, reply) => {
    const staff = await currentStaff(ctx, request);
    if (staff === null) return reply.redirect('/login', 303);
    const ward = wardParam(request.query.ward);
    const selected = ward.ok ? ward.ward : null;
    const nowMs = ctx.now();
    const source = await ctx.reports.source(nowMs);
    const [wards, stations] = await Promise.all([buildProgress(source.db, { ward: selected, nowMs }), stationReport(source.db, { ward: selected })]);
    return html(sourceHeaders(reply, source), 200, reportPage({ staffName: staff, nowMs, source, ward: selected, wards, stations }));
  });

  app.get<WardQuery>('/reports/export.csv', async (request, reply) => {
    if ((await currentStaff(ctx, request)) === null) return reply.code(401).send({ error: 'unauthorized' });
    const ward = wardParam(request.query.ward);
    const nowMs = ctx.now();
    const source = await ctx.reports.source(nowMs);
    const wards = await buildProgress(source.db, { ward: ward.ok ? ward.ward : null, nowMs });
    const name = `tram-hoc-so-progress-${new Date(ctx.now()).toISOString().slice(0, 10)}.csv`;
    return sourceHeaders(reply, source)
      .header('content-disposition', `attachment; filename=${csvCell(name)}`)
      .header('cache-control', 'no-store')
      .type('text/csv; charset=utf-8')
      .send(progressCsv(wards));
  });

  app.post('/reports/targets', async (request, reply) => {
    const staff = await currentStaff(ctx, request);
    if (staff === null) return reply.code(401).send({ error: 'unauthorized' });
    if (!isSameOrigin(request)) return reply.code(403).send({ error: 'forbidden' });
    const fields = formFields(request);
    const ward = fields.get('ward') ?? '';
    const population = Number(fields.get('population') ?? '');
    if (!WARD_PATTERN.test(ward)) return reply.code(400).send(badRequest('ward: expected a ward code').body);
    if (!Number.isSafeInteger(population) || population < 0 || population > 100_000_000) {
      return reply.code(400).send(badRequest('population: expected a whole number ≥ 0').body);
    }
    await setWardTarget(ctx.db, { ward, population, staffName: staff, now: ctx.now() });
    return reply.redirect(`/reports?ward=${encodeURIComponent(ward)}`, 303);
  });
}
