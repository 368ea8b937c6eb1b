/**
 * Staff side (docs/PROTOCOL.md §8 and issue #17): sign-in, the progress JSON, the dashboard, CSV export and
 * the monthly report (printable page and XLSX). Every report reads through the signed-in staff
 * member's ward scope: a ward officer asking for another ward gets 403, on every page, JSON and file.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { scopeFor } from '../access/ward-scope';
import type { StaffMember, WardScope } from '../access/ward-scope';
import type { ReportSource } from '../db/report-reader';
import type { HubContext } from '../hub-context';
import { csvCell, progressCsv } from '../reports/csv';
import { buildDashboard } from '../reports/dashboard-data';
import { dashboardPage, SORT_KEYS } from '../reports/dashboard-page';
import type { SortKey } from '../reports/dashboard-page';
import { PRINT_PAGE_CSP } from '../reports/html';
import { loginPage } from '../reports/login-page';
import { buildMonthlyReport, currentMonth, parseMonth } from '../reports/monthly-data';
import { monthlyPage } from '../reports/monthly-page';
import { monthlyXlsx } from '../reports/monthly-xlsx';
import { buildProgress, progressJson } from '../reports/progress';
import type { WardDirectory } from '../units/ward-directory';
import { badRequest } from './request-body';
import { forbidden, formFields, requireStaff, sendHtml, WARD_PATTERN } from './staff-guard';
import { isSameOrigin } from './staff-session';
import type { StaffSessions } from './staff-session';

type ReportQuery = { Querystring: { ward?: string | string[]; sort?: string; dir?: string; month?: string } };

function wardParam(value: string | string[] | undefined): { ok: true; ward: string | null } | { ok: false } {
  if (value === undefined || value === '') return { ok: true, ward: null };
  if (typeof value !== 'string' || !WARD_PATTERN.test(value)) return { ok: false };
  return { ok: true, ward: value };
}

/** Which database answered and how old its figures are, for scripts (the §8 body keeps its keys). */
function sourceHeaders(reply: FastifyReply, source: ReportSource): FastifyReply {
  reply.header('x-report-source', source.source).header('x-report-as-of', new Date(source.asOfMs).toISOString());
  if (source.fallback !== null) reply.header('x-report-fallback', source.fallback.replace(/[^\x20-\x7e]/g, '?').slice(0, 200));
  return reply;
}

/** What a view is called: the ward, the province, or the wards of a ward officer. */
export function unitLabel(directory: WardDirectory, staff: StaffMember, ward: string | null): string {
  if (ward !== null) return directory.label(ward);
  if (staff.role === 'admin') return directory.provinceName ?? 'Toàn bộ các phường/xã';
  return staff.wards.length === 1 ? directory.label(staff.wards[0] ?? '') : `Các phường/xã được giao (${staff.wards.length})`;
}

/** The body that signs the report: "UBND Phường Hạ Long", "UBND Tỉnh Quảng Ninh". */
function issuer(directory: WardDirectory, staff: StaffMember, ward: string | null): string {
  const code = ward ?? (staff.role === 'ward_officer' && staff.wards.length === 1 ? (staff.wards[0] ?? null) : null);
  if (code !== null) return `UBND ${directory.name(code)}`;
  return `UBND ${directory.provinceName ?? 'tỉnh'}`;
}

export function registerReportRoutes(app: FastifyInstance, ctx: HubContext, sessions: StaffSessions): void {
  app.get('/', async (_request, reply) => reply.redirect('/dashboard', 303));
  app.get('/reports', async (request, reply) => reply.redirect(`/dashboard${request.url.slice('/reports'.length)}`, 303));
  app.get('/login', async (request, reply) => sendHtml(reply, 200, loginPage(null, sessions.loginCsrf(request, reply))));

  app.post('/login', async (request, reply) => {
    const fields = formFields(request);
    if (!isSameOrigin(request) || !sessions.loginCsrfOk(request, fields.get('csrf') ?? undefined)) {
      return sendHtml(reply, 403, loginPage('Biểu mẫu đã hết hạn, hãy đăng nhập lại · The form expired; sign in again', sessions.loginCsrf(request, reply)));
    }
    const result = await sessions.signIn(request, reply, fields.get('name') ?? '', fields.get('password') ?? '');
    if (result.kind === 'ok') return reply.redirect('/dashboard', 303);
    const csrf = sessions.loginCsrf(request, reply);
    if (result.kind === 'locked') {
      reply.header('retry-after', String(result.retryAfterS));
      return sendHtml(reply, 429, loginPage(`Đăng nhập sai quá nhiều lần. Hãy thử lại sau ${Math.ceil(result.retryAfterS / 60)} phút · Too many failed sign-ins; try again in ${Math.ceil(result.retryAfterS / 60)} min`, csrf));
    }
    if (result.kind === 'busy') {
      reply.header('retry-after', '2');
      return sendHtml(reply, 429, loginPage('Máy chủ đang bận, hãy thử lại sau ít giây · The hub is busy; try again in a few seconds', csrf));
    }
    return sendHtml(reply, 401, loginPage('Sai tên đăng nhập hoặc mật khẩu · Wrong user name or password', csrf));
  });

  app.post('/logout', async (request, reply) => {
    const who = await sessions.current(request);
    const fields = formFields(request);
    if (!isSameOrigin(request) || who === null || 'throttled' in who || who.csrf === null || fields.get('csrf') !== who.csrf) return reply.code(403).send({ error: 'forbidden' });
    await sessions.signOut(request, reply);
    return reply.redirect('/login', 303);
  });

  app.get<ReportQuery>('/v1/reports/progress', async (request, reply) => {
    const who = await requireStaff(sessions, request, reply, { kind: 'api' });
    if (who === null) return reply;
    const ward = wardParam(request.query.ward);
    if (!ward.ok || ward.ward === null) {
      const answer = badRequest(ward.ok ? 'ward: required' : 'ward: expected a ward code');
      return reply.code(answer.status).send(answer.body);
    }
    const scope = scopeFor(who.staff, ward.ward);
    if (!scope.ok) return forbidden(reply, 'api');
    const nowMs = ctx.now();
    const source = await ctx.reports.source(nowMs);
    const [progress] = await buildProgress(source.db, { scope: scope.scope, ward: ward.ward, nowMs });
    return sourceHeaders(reply, source).send(progress === undefined ? {} : progressJson(progress));
  });

  app.get<ReportQuery>('/dashboard', async (request, reply) => {
    const who = await requireStaff(sessions, request, reply, { kind: 'page' });
    if (who === null) return reply;
    const ward = wardParam(request.query.ward);
    const scope = scopeFor(who.staff, ward.ok ? ward.ward : null);
    if (!scope.ok) return forbidden(reply, 'page');
    const nowMs = ctx.now();
    const [source, directory] = await Promise.all([ctx.reports.source(nowMs), ctx.wards()]);
    const dashboard = await buildDashboard(source.db, { scope: scope.scope, directory, nowMs });
    const sort: SortKey = (SORT_KEYS as readonly string[]).includes(request.query.sort ?? '') ? (request.query.sort as SortKey) : 'ward';
    return sendHtml(
      sourceHeaders(reply, source),
      200,
      dashboardPage({ chrome: { ...who, current: 'dashboard' }, nowMs, source, unitLabel: unitLabel(directory, who.staff, scope.ward), ward: scope.ward, dashboard, sort, descending: request.query.dir === 'desc' }),
    );
  });

  app.get<ReportQuery>('/reports/export.csv', async (request, reply) => {
    const who = await requireStaff(sessions, request, reply, { kind: 'api' });
    if (who === null) return reply;
    const ward = wardParam(request.query.ward);
    const scope = scopeFor(who.staff, ward.ok ? ward.ward : null);
    if (!scope.ok) return forbidden(reply, 'api');
    const nowMs = ctx.now();
    const [source, directory] = await Promise.all([ctx.reports.source(nowMs), ctx.wards()]);
    const wards = await buildProgress(source.db, { scope: scope.scope, ward: scope.ward, nowMs });
    const name = `tram-hoc-so-progress-${new Date(nowMs).toISOString().slice(0, 10)}.csv`;
    return sourceHeaders(reply, source)
      .header('content-disposition', `attachment; filename=${csvCell(name)}`)
      .header('cache-control', 'no-store')
      .type('text/csv; charset=utf-8')
      .send(progressCsv(wards, directory));
  });

  const monthly = async (request: FastifyRequest<ReportQuery>, reply: FastifyReply, kind: 'page' | 'xlsx') => {
    const who = await requireStaff(sessions, request, reply, { kind: kind === 'page' ? 'page' : 'api' });
    if (who === null) return reply;
    const ward = wardParam(request.query.ward);
    const month = request.query.month === undefined || request.query.month === '' ? currentMonth(ctx.now()) : parseMonth(request.query.month);
    if (!ward.ok || month === null) return reply.code(400).send(badRequest(month === null ? 'month: expected YYYY-MM' : 'ward: expected a ward code').body);
    const scope = scopeFor(who.staff, ward.ward);
    if (!scope.ok) return forbidden(reply, kind === 'page' ? 'page' : 'api');
    const nowMs = ctx.now();
    const [source, directory] = await Promise.all([ctx.reports.source(nowMs), ctx.wards()]);
    const label = unitLabel(directory, who.staff, scope.ward);
    const report = await buildMonthlyReport(source.db, { scope: scope.scope, directory, month, nowMs, unitLabel: label });
    if (kind === 'xlsx') {
      const file = `bao-cao-${month.year}-${String(month.month).padStart(2, '0')}${scope.ward === null ? '' : `-${scope.ward}`}.xlsx`;
      const bytes = await monthlyXlsx(report, { source: source.source === 'primary' ? 'máy chủ chính' : 'bản sao chỉ đọc' });
      return sourceHeaders(reply, source).header('content-disposition', `attachment; filename=${file}`).header('cache-control', 'no-store').type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(bytes);
    }
    const choices = (who.staff.role === 'admin' ? directory.provinceWards().map((unit) => unit.code) : who.staff.wards).map((code) => ({ code, label: directory.label(code) }));
    return sendHtml(sourceHeaders(reply, source), 200, monthlyPage({ chrome: { ...who, current: 'monthly' }, report, ward: scope.ward, wardChoices: choices, issuer: issuer(directory, who.staff, scope.ward) }), PRINT_PAGE_CSP);
  };
  app.get<ReportQuery>('/reports/monthly', (request, reply) => monthly(request, reply, 'page'));
  app.get<ReportQuery>('/reports/monthly.xlsx', (request, reply) => monthly(request, reply, 'xlsx'));
}

export type { WardScope };
