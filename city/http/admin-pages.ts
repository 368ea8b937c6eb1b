/**
 * The administration pages (province administrators only; issue #17 item 3): stations, staff, target
 * populations and the audit log. Each form POST goes through requireForm (session, CSRF token, Origin)
 * and one shared action of city/admin/admin-actions.ts — the same code the CLI runs.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { formatEnrolQr, originOf } from '../../electron/core/sync/protocol/enrol-qr';
import type { StaffRole } from '../access/ward-scope';
import { addStaff, issueCode, markForkReviewed, resetPassword, revoke, setAccess, setDisabled, setTarget, signOutEverywhere } from '../admin/admin-actions';
import type { ActionResult } from '../admin/admin-actions';
import type { HubContext } from '../hub-context';
import { escapeHtml, formatTime } from '../reports/html';
import type { PageChrome } from '../reports/html';
import { issuedCodePage, stationsPage } from '../reports/stations-view';
import { staffListPage, staffMemberPage } from '../reports/staff-view';
import { auditPage, targetsPage } from '../reports/targets-view';
import { listAudit } from '../store/audit-store';
import { stationReport, targetHistory, wardTargets } from '../store/report-store';
import { findStaff, listStaff } from '../store/staff-store';
import { readHubSettings } from '../store/unit-store';
import { requireForm, requireStaff, sendHtml, webActor } from './staff-guard';
import type { StaffSessions } from './staff-session';

export interface AdminPagesOptions {
  /** The hub's public origin for the enrolment QR (`--public-url`); else the origin the browser used. */
  readonly publicUrl?: string | undefined;
}

type NameParams = { Params: { name: string } };
const AUDIT_PAGE = 200;

const statusOf = (result: ActionResult<unknown>) => (result.ok ? 200 : result.status);
const flash = (result: ActionResult<unknown>) => ({ ok: result.ok, text: result.message });

function roleOf(value: string | null): StaffRole {
  return value === 'admin' ? 'admin' : 'ward_officer';
}

export function registerAdminPages(app: FastifyInstance, ctx: HubContext, sessions: StaffSessions, options: AdminPagesOptions = {}): void {
  const chromeOf = (who: { staff: PageChrome['staff']; csrf: string | null }, current: PageChrome['current']): PageChrome => ({ ...who, current });

  const showStations = async (reply: FastifyReply, who: { staff: PageChrome['staff']; csrf: string | null }, message: { ok: boolean; text: string } | null, status = 200) => {
    const [directory, stations, settings] = await Promise.all([ctx.wards(), stationReport(ctx.db, {}), readHubSettings(ctx.db)]);
    const unitsNote = `Danh mục đơn vị hành chính: ${directory.size} đơn vị, nguồn ${settings.unitsSource ?? '—'}, nạp lúc ${formatTime(settings.unitsLoadedAt)} · units list: ${directory.size} units`;
    return sendHtml(reply, status, stationsPage({ chrome: chromeOf(who, 'stations'), directory, stations, nowMs: ctx.now(), message, unitsNote }));
  };

  app.get('/admin/stations', async (request, reply) => {
    const who = await requireStaff(sessions, request, reply, { kind: 'page', admin: true });
    return who === null ? reply : showStations(reply, who, null);
  });

  app.post('/admin/stations/issue', async (request, reply) => {
    const form = await requireForm(sessions, request, reply, { admin: true });
    if (form === null) return reply;
    const { fields, who } = form;
    const stationId = fields.get('station_id') ?? `${fields.get('ward') ?? ''}-${(fields.get('number') ?? '').toUpperCase()}`;
    const result = await issueCode(ctx, webActor(request, who), stationId);
    if (!result.ok) return showStations(reply, who, flash(result), statusOf(result));
    const origin = originOf(options.publicUrl ?? `${request.protocol}://${request.host}`) ?? `${request.protocol}://${request.host}`;
    const payload = formatEnrolQr({ origin, stationId, code: result.value.code });
    const svg = (await QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })).replace('<svg ', `<svg role="img" aria-label="${escapeHtml(`Mã QR ghi danh trạm ${stationId}`)}" `);
    return sendHtml(reply, 200, issuedCodePage({ chrome: chromeOf(who, 'stations'), directory: await ctx.wards(), stationId, code: result.value.code, expiresAt: result.value.expiresAt, origin, qrSvg: svg }));
  });

  const stationAction = (path: string, run: (request: FastifyRequest, stationId: string, fields: URLSearchParams, who: { staff: PageChrome['staff']; csrf: string | null }) => Promise<ActionResult<unknown>>) => {
    app.post(path, async (request, reply) => {
      const form = await requireForm(sessions, request, reply, { admin: true });
      if (form === null) return reply;
      const result = await run(request, form.fields.get('station_id') ?? '', form.fields, form.who);
      return showStations(reply, form.who, flash(result), statusOf(result));
    });
  };
  stationAction('/admin/stations/revoke', async (request, id, fields, who) =>
    fields.get('confirm') === 'yes' ? revoke(ctx, webActor(request, who), id) : { ok: false, status: 400, message: 'Hãy đánh dấu "Chắc chắn" để thu hồi · tick "sure" to revoke' },
  );
  stationAction('/admin/stations/reviewed', (request, id, _fields, who) => markForkReviewed(ctx, webActor(request, who), id));

  const showStaffList = async (reply: FastifyReply, who: { staff: PageChrome['staff']; csrf: string | null }, message: { ok: boolean; text: string } | null, status = 200, form = { name: '', role: 'ward_officer', wards: [] as string[] }) => {
    const [directory, staff] = await Promise.all([ctx.wards(), listStaff(ctx.db)]);
    return sendHtml(reply, status, staffListPage({ chrome: chromeOf(who, 'staff'), directory, staff, message, form }));
  };
  app.get('/admin/staff', async (request, reply) => {
    const who = await requireStaff(sessions, request, reply, { kind: 'page', admin: true });
    return who === null ? reply : showStaffList(reply, who, null);
  });
  app.post('/admin/staff/add', async (request, reply) => {
    const form = await requireForm(sessions, request, reply, { admin: true });
    if (form === null) return reply;
    const { fields, who } = form;
    const entry = { name: (fields.get('name') ?? '').trim(), role: roleOf(fields.get('role')), wards: fields.getAll('wards') };
    const result = await addStaff(ctx, webActor(request, who), { ...entry, password: fields.get('password') ?? '' });
    return showStaffList(reply, who, flash(result), statusOf(result), result.ok ? { name: '', role: 'ward_officer', wards: [] } : entry);
  });

  const showMember = async (reply: FastifyReply, who: { staff: PageChrome['staff']; csrf: string | null }, name: string, message: { ok: boolean; text: string } | null, status = 200) => {
    const [directory, account] = await Promise.all([ctx.wards(), findStaff(ctx.db, name)]);
    if (account === null) return showStaffList(reply, who, { ok: false, text: `Không có cán bộ ${name} · unknown staff ${name}` }, 404);
    return sendHtml(reply, status, staffMemberPage({ chrome: chromeOf(who, 'staff'), directory, account, message }));
  };
  app.get<NameParams>('/admin/staff/:name', async (request, reply) => {
    const who = await requireStaff(sessions, request, reply, { kind: 'page', admin: true });
    return who === null ? reply : showMember(reply, who, request.params.name, null);
  });
  const memberAction = (suffix: string, run: (request: FastifyRequest<NameParams>, fields: URLSearchParams, actorOf: ReturnType<typeof webActor>) => Promise<ActionResult<unknown>>) => {
    app.post<NameParams>(`/admin/staff/:name/${suffix}`, async (request, reply) => {
      const form = await requireForm(sessions, request, reply, { admin: true });
      if (form === null) return reply;
      const result = await run(request, form.fields, webActor(request, form.who));
      // Signing oneself out everywhere (or disabling oneself) ends this session too.
      if (result.ok && request.params.name === form.who.staff.name && (suffix === 'sign-out' || suffix === 'password')) return reply.redirect('/login', 303);
      return showMember(reply, form.who, request.params.name, flash(result), statusOf(result));
    });
  };
  memberAction('access', (request, fields, actor) => setAccess(ctx, actor, { name: request.params.name, role: roleOf(fields.get('role')), wards: fields.getAll('wards') }));
  memberAction('password', (request, fields, actor) => resetPassword(ctx, actor, { name: request.params.name, password: fields.get('password') ?? '' }));
  memberAction('sign-out', (request, _fields, actor) => signOutEverywhere(ctx, actor, request.params.name));
  memberAction('disable', (request, _fields, actor) => setDisabled(ctx, actor, { name: request.params.name, disabled: true }));
  memberAction('enable', (request, _fields, actor) => setDisabled(ctx, actor, { name: request.params.name, disabled: false }));

  const showTargets = async (reply: FastifyReply, who: { staff: PageChrome['staff']; csrf: string | null }, message: { ok: boolean; text: string } | null, status = 200, form = { ward: '', population: '' }) => {
    const [directory, targets, history] = await Promise.all([ctx.wards(), wardTargets(ctx.db), targetHistory(ctx.db, {})]);
    return sendHtml(reply, status, targetsPage({ chrome: chromeOf(who, 'targets'), directory, targets, history, message, form }));
  };
  app.get('/admin/targets', async (request, reply) => {
    const who = await requireStaff(sessions, request, reply, { kind: 'page', admin: true });
    return who === null ? reply : showTargets(reply, who, null);
  });
  const postTarget = async (request: FastifyRequest, reply: FastifyReply) => {
    const form = await requireForm(sessions, request, reply, { admin: true });
    if (form === null) return reply;
    const entry = { ward: form.fields.get('ward') ?? '', population: form.fields.get('population') ?? '' };
    const result = await setTarget(ctx, webActor(request, form.who), entry);
    return showTargets(reply, form.who, flash(result), statusOf(result), result.ok ? { ward: entry.ward, population: '' } : entry);
  };
  app.post('/admin/targets', postTarget);
  // The address of the earlier report page's form.
  app.post('/reports/targets', postTarget);

  app.get<{ Querystring: { before?: string } }>('/admin/audit', async (request, reply) => {
    const who = await requireStaff(sessions, request, reply, { kind: 'page', admin: true });
    if (who === null) return reply;
    const before = /^\d{1,15}$/.test(request.query.before ?? '') ? Number(request.query.before) : null;
    const entries = await listAudit(ctx.db, { limit: AUDIT_PAGE, before });
    return sendHtml(reply, 200, auditPage({ chrome: chromeOf(who, 'audit'), entries, pageSize: AUDIT_PAGE }));
  });
}
