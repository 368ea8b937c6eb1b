/**
 * The administrator's commands behind `tram city issue-code | add-staff | revoke | import |
 * lesson-map | detach-raw`. They run in-process on an open hub context — either the CLI's own, or a running
 * hub's via its loopback admin route (PGlite allows one process per data folder).
 */
import { z } from 'zod';
import { STATION_ID_PATTERN } from '../../electron/core/sync/protocol/limits';
import { detachRawPartitions } from '../db/partitions';
import type { HubContext } from '../hub-context';
import { importBundle } from '../ingest/bundle-import';
import { issueEnrolmentCode } from '../ingest/enrolment';
import { setLessonCompetencies } from '../store/report-store';
import { upsertStaff } from '../store/staff-store';
import { revokeStation } from '../store/station-store';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../staff/password';

export const adminCommandSchema = z.discriminatedUnion('command', [
  z.object({ command: z.literal('issue-code'), station_id: z.string() }),
  z.object({ command: z.literal('revoke'), station_id: z.string() }),
  z.object({ command: z.literal('add-staff'), name: z.string(), password: z.string() }),
  z.object({ command: z.literal('import'), bundle_b64: z.string() }),
  // `map`: lesson → TT 02 competences; `qd757`: lesson → QĐ 757 codes, for the lessons that have them.
  z.object({ command: z.literal('lesson-map'), map: z.record(z.string(), z.array(z.string())), qd757: z.record(z.string(), z.array(z.string())).optional() }),
  z.object({ command: z.literal('detach-raw'), older_than_months: z.number() }),
]);
export type AdminCommand = z.infer<typeof adminCommandSchema>;

export interface AdminResult {
  readonly exit_code: number;
  readonly stdout: string[];
  readonly stderr: string[];
}

const ok = (...stdout: string[]): AdminResult => ({ exit_code: 0, stdout, stderr: [] });
const fail = (exitCode: number, ...stderr: string[]): AdminResult => ({ exit_code: exitCode, stdout: [], stderr });
const STAFF_NAME = /^[\p{L}\p{N}._@-]{1,64}$/u;
const COMPETENCY = /^[1-6](\.\d{1,2})?$/;
/** QĐ 757/QĐ-BKHCN codes: its group 0 (devices and software) and the TT 02 domains 1–6. */
const QD757_CODE = /^[0-6](\.\d{1,2})?$/;

/** Runs one command; exit code 0 = done, 1 = refused, 2 = bad input. */
export async function runAdminCommand(ctx: HubContext, command: AdminCommand): Promise<AdminResult> {
  switch (command.command) {
    case 'issue-code': {
      if (!STATION_ID_PATTERN.test(command.station_id)) return fail(2, 'station_id must match ^[A-Z0-9][A-Z0-9-]{2,39}$');
      const { code, expiresAt } = await issueEnrolmentCode(ctx, command.station_id);
      return ok(`Mã ghi danh cho ${command.station_id}, dùng một lần, hết hạn ${new Date(expiresAt).toISOString()}`, `Enrolment code for ${command.station_id}, one use, expires ${new Date(expiresAt).toISOString()}:`, code);
    }
    case 'revoke':
      return (await revokeStation(ctx.db, command.station_id)) ? ok(`revoked ${command.station_id}`) : fail(1, `unknown station ${command.station_id}`);
    case 'add-staff': {
      if (!STAFF_NAME.test(command.name)) return fail(2, 'name: 1–64 letters, digits or . _ @ -');
      if ([...command.password].length < MIN_PASSWORD_LENGTH) return fail(2, `password: at least ${MIN_PASSWORD_LENGTH} characters`);
      const added = await upsertStaff(ctx.db, { name: command.name, passwordHash: await hashPassword(command.password), now: ctx.now() });
      return ok(added ? `added staff ${command.name}` : `new password set for ${command.name}`);
    }
    case 'import': {
      const answer = await importBundle(ctx, Buffer.from(command.bundle_b64, 'base64'));
      return { exit_code: answer.status === 200 ? 0 : 1, stdout: [JSON.stringify(answer.body)], stderr: [] };
    }
    case 'lesson-map': {
      const entries = Object.entries(command.map);
      const bad = entries.find(([lessonId, codes]) => lessonId.length === 0 || lessonId.length > 200 || codes.length === 0 || !codes.every((code) => COMPETENCY.test(code)));
      if (bad !== undefined) return fail(2, `lesson-map: ${bad[0]}: competences must look like "2" or "2.6"`);
      const qd757 = command.qd757 ?? {};
      const stray = Object.keys(qd757).find((lessonId) => command.map[lessonId] === undefined);
      if (stray !== undefined) return fail(2, `lesson-map: ${stray}: QĐ 757 codes for a lesson with no TT 02 competences`);
      const badQd = Object.entries(qd757).find(([, codes]) => codes.length === 0 || !codes.every((code) => QD757_CODE.test(code)));
      if (badQd !== undefined) return fail(2, `lesson-map: ${badQd[0]}: QĐ 757 codes must look like "0.2" or "4.1"`);
      for (const [lessonId, competencies] of entries) await setLessonCompetencies(ctx.db, { lessonId, competencies, qd757: qd757[lessonId] ?? null });
      const withQd = entries.filter(([lessonId]) => qd757[lessonId] !== undefined).length;
      return ok(`mapped ${entries.length} lessons (${withQd} with QĐ 757 codes)`);
    }
    case 'detach-raw': {
      if (!Number.isInteger(command.older_than_months) || command.older_than_months < 1 || command.older_than_months > 600) {
        return fail(2, '--older-than: a whole number of months, 1–600');
      }
      const detached = await detachRawPartitions(ctx.db, { nowMs: ctx.now(), olderThanMonths: command.older_than_months });
      return ok(
        detached.length === 0 ? 'nothing to detach' : `detached ${detached.join(', ')}`,
        'Báo cáo giữ nguyên số liệu (bảng tổng hợp). Sao lưu rồi xoá các bảng đã tách để giải phóng chỗ. · Reports keep every count (rollups). Dump, then drop the detached tables to free the space.',
      );
    }
    default:
      return assertNever(command);
  }
}

function assertNever(value: never): never {
  throw new Error(`unknown admin command ${JSON.stringify(value)}`);
}
