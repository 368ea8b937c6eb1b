/**
 * The administrators' lesson pack page (issue #18 item 1): `GET /admin/lesson-packs` lists the
 * published releases; `POST /admin/lesson-packs/publish` takes a lesson folder as
 * multipart/form-data (at most MAX_PACK_UPLOAD_BYTES) and publishes it through the same checks as
 * `tram city publish-lessons` (fleet/publish-upload.ts). Administrators only, and the session is
 * checked before the body is read, so nobody else can make the hub buffer an upload; the form then
 * needs the session's CSRF token and the same Origin, like every other staff form.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_PACK_FILES } from '../../electron/core/sync/protocol/fleet/lesson-manifest';
import { MAX_PACK_UPLOAD_BYTES, publishUploadedPack } from '../fleet/publish-upload';
import type { PackValidator } from '../fleet/publish-upload';
import type { HubContext } from '../hub-context';
import { label, page } from '../reports/html';
import { lessonPacksPage } from '../reports/lesson-packs-view';
import { listLessonReleases } from '../store/fleet-channel-store';
import { MultipartError, multipartBoundary, parseMultipart } from './multipart-form';
import type { MultipartForm } from './multipart-form';
import { requireForm, requireStaff, sendHtml, webActor } from './staff-guard';
import type { StaffRequest, StaffSessions } from './staff-session';

const RELEASES_SHOWN = 50;

export interface LessonPackPagesOptions {
  /** The stations' pack loader (handed in by `tram city serve`); without it the page cannot publish. */
  readonly validatePack?: PackValidator | undefined;
}

function tooLargePage(): string {
  const mib = MAX_PACK_UPLOAD_BYTES / 1024 ** 2;
  return page(
    'Quá lớn · Too large',
    `<h1>${label(`Gói tải lên lớn hơn ${mib} MB; chưa phát hành gì`, `The upload is larger than ${mib} MB; nothing was published`)}</h1><p>${label('Gói lớn hơn hãy phát hành bằng lệnh "tram city publish-lessons THƯ_MỤC" trên máy chủ.', 'Publish a bigger pack with "tram city publish-lessons DIR" on the server.')}</p><p><a href="/admin/lesson-packs">${label('Về trang gói bài học', 'Back to lesson packs')}</a></p>`,
  );
}

export function registerLessonPackPages(app: FastifyInstance, ctx: HubContext, sessions: StaffSessions, options: LessonPackPagesOptions = {}): void {
  const show = async (reply: FastifyReply, who: StaffRequest, p: { status?: number; message?: { ok: boolean; text: string } | null; problems?: readonly string[]; minAppVersion?: string } = {}) => {
    const releases = await listLessonReleases(ctx.db, RELEASES_SHOWN);
    return sendHtml(
      reply,
      p.status ?? 200,
      lessonPacksPage({
        chrome: { staff: who.staff, csrf: who.csrf, current: 'packs' },
        releases,
        message: p.message ?? null,
        problems: p.problems ?? [],
        minAppVersion: p.minAppVersion ?? releases[0]?.min_app_version ?? '0.0.0',
        uploadLimitBytes: options.validatePack === undefined ? null : MAX_PACK_UPLOAD_BYTES,
      }),
    );
  };

  app.get('/admin/lesson-packs', async (request, reply) => {
    const who = await requireStaff(sessions, request, reply, { kind: 'page', admin: true });
    return who === null ? reply : show(reply, who);
  });

  app.post('/admin/lesson-packs/publish', {
    bodyLimit: MAX_PACK_UPLOAD_BYTES,
    // Before the body is read: only an administrator's upload is ever buffered.
    onRequest: async (request, reply) => {
      const who = await requireStaff(sessions, request, reply, { kind: 'page', admin: true });
      if (who === null) return reply;
      return undefined;
    },
    errorHandler: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendHtml(reply, 413, tooLargePage());
      throw error;
    },
    handler: async (request, reply) => {
      const boundary = multipartBoundary(request.headers['content-type']);
      let upload: MultipartForm | null = null;
      let malformed: string | null = boundary === null ? 'expected multipart/form-data (the page\'s form)' : null;
      if (boundary !== null) {
        try {
          upload = parseMultipart(Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0), boundary, { maxParts: MAX_PACK_FILES + 10 });
        } catch (error) {
          if (!(error instanceof MultipartError)) throw error;
          malformed = error.message;
        }
      }
      if (upload === null) {
        // Nothing can be done with a body that cannot be read, so this answer needs no CSRF token.
        const admin = await requireStaff(sessions, request, reply, { kind: 'page', admin: true });
        if (admin === null) return reply;
        return show(reply, admin, { status: 400, message: { ok: false, text: `Dữ liệu gửi lên không đọc được; chưa phát hành gì · the upload cannot be read (${malformed ?? ''}); nothing was published` } });
      }
      const parsed = upload;
      const form = await requireForm(sessions, request, reply, { admin: true, fieldsOf: () => parsed.fields });
      if (form === null) return reply;
      const { who, fields } = form;
      const minAppVersion = (fields.get('min_app_version') ?? '').trim();
      if (options.validatePack === undefined) {
        return show(reply, who, { status: 503, minAppVersion, message: { ok: false, text: 'Hub này không có bộ kiểm tra bài học của trạm; chưa phát hành gì · this hub runs without the stations\' pack loader; nothing was published' } });
      }
      const files = parsed.files.filter((file) => file.field === 'files').map((file) => ({ name: file.filename, bytes: file.bytes }));
      const outcome = await publishUploadedPack(ctx, { files, minAppVersion, actor: webActor(request, who), validatePack: options.validatePack });
      if (!outcome.ok) return show(reply, who, { status: outcome.status, minAppVersion, message: { ok: false, text: outcome.message }, problems: outcome.problems });
      const skipped = outcome.skipped.map((path) => `Bỏ qua tệp của hệ điều hành · left out a system file: ${path}`);
      return show(reply, who, { message: { ok: true, text: outcome.message }, problems: skipped });
    },
  });
}
