/**
 * The administrator's commands behind `tram city issue-code | add-staff | revoke | import | units |
 * lesson-map | lesson-facts | detach-raw`. They run in-process on an open hub context — either the
 * CLI's own, or a running hub's via its loopback admin route (PGlite allows one process per data
 * folder) — and share their code and their audit rows with the web pages (admin-actions.ts).
 */
import { z } from 'zod';
import { detachRawPartitions } from '../db/partitions';
import type { HubContext } from '../hub-context';
import { importBundle } from '../ingest/bundle-import';
import type { Actor } from '../store/audit-store';
import { writeAudit } from '../store/audit-store';
import { lessonFactsFileSchema, replaceLessonFacts } from '../store/lesson-facts-store';
import { setLessonCompetencies } from '../store/report-store';
import { addStaff, issueCode, loadUnits, revoke } from './admin-actions';
import type { ActionResult } from './admin-actions';

const lessonCodes = z.union([z.array(z.string()), z.object({ tt02: z.array(z.string()), qd757: z.array(z.string()).optional() })]);

export const adminCommandSchema = z.discriminatedUnion('command', [
  z.object({ command: z.literal('issue-code'), station_id: z.string() }),
  z.object({ command: z.literal('revoke'), station_id: z.string() }),
  z.object({ command: z.literal('add-staff'), name: z.string(), password: z.string(), role: z.enum(['admin', 'ward_officer']).optional(), wards: z.array(z.string()).optional() }),
  z.object({ command: z.literal('import'), bundle_b64: z.string() }),
  z.object({ command: z.literal('units'), csv_b64: z.string(), source: z.string() }),
  z.object({ command: z.literal('lesson-map'), map: z.record(z.string(), lessonCodes) }),
  z.object({ command: z.literal('lesson-facts'), facts: z.unknown() }),
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
const COMPETENCY = /^[1-6](\.\d{1,2})?$/;
const QD757 = /^\d{1,2}(\.\d{1,2})?$/;

/** The command line's audit actor. */
export const CLI_ACTOR: Actor = { name: 'tram city', address: 'local', via: 'cli' };

function fromAction(result: ActionResult<unknown>, ...extra: string[]): AdminResult {
  return result.ok ? ok(result.message, ...extra) : fail(result.status === 400 ? 2 : 1, result.message);
}

/** Runs one command; exit code 0 = done, 1 = refused, 2 = bad input. */
export async function runAdminCommand(ctx: HubContext, command: AdminCommand, actor: Actor = CLI_ACTOR): Promise<AdminResult> {
  switch (command.command) {
    case 'issue-code': {
      const result = await issueCode(ctx, actor, command.station_id);
      if (!result.ok) return fail(result.status === 400 ? 2 : 1, result.message);
      const expires = new Date(result.value.expiresAt).toISOString();
      return ok(`Mã ghi danh cho ${command.station_id}, dùng một lần, hết hạn ${expires}`, `Enrolment code for ${command.station_id}, one use, expires ${expires}:`, result.value.code);
    }
    case 'revoke':
      return fromAction(await revoke(ctx, actor, command.station_id));
    case 'add-staff':
      return fromAction(await addStaff(ctx, actor, { name: command.name, password: command.password, role: command.role ?? 'admin', wards: command.wards ?? [], allowExisting: true }));
    case 'import': {
      const answer = await importBundle(ctx, Buffer.from(command.bundle_b64, 'base64'));
      await writeAudit(ctx.db, { actor, action: 'bundle.import', target: String(answer.body.acked_seq ?? answer.body.error ?? ''), detail: `status ${answer.status}`, at: ctx.now() });
      return { exit_code: answer.status === 200 ? 0 : 1, stdout: [JSON.stringify(answer.body)], stderr: [] };
    }
    case 'units':
      return fromAction(await loadUnits(ctx, actor, { bytes: Buffer.from(command.csv_b64, 'base64'), source: command.source }));
    case 'lesson-map': {
      const entries = Object.entries(command.map).map(([lessonId, codes]) => [lessonId, Array.isArray(codes) ? { tt02: codes, qd757: [] } : { tt02: codes.tt02, qd757: codes.qd757 ?? [] }] as const);
      const bad = entries.find(([lessonId, codes]) => lessonId.length === 0 || lessonId.length > 200 || codes.tt02.length === 0 || !codes.tt02.every((code) => COMPETENCY.test(code)));
      if (bad !== undefined) return fail(2, `lesson-map: ${bad[0]}: competences must look like "2" or "2.6"`);
      const badQd = entries.find(([, codes]) => !codes.qd757.every((code) => QD757.test(code)));
      if (badQd !== undefined) return fail(2, `lesson-map: ${badQd[0]}: QĐ 757 codes must look like "0" or "0.1"`);
      await ctx.db.transaction(async (tx) => {
        for (const [lessonId, codes] of entries) await setLessonCompetencies(tx, { lessonId, competencies: codes.tt02, qd757: codes.qd757 });
        await writeAudit(tx, { actor, action: 'lessons.map', target: null, detail: `${entries.length} lessons`, at: ctx.now() });
      });
      return ok(`mapped ${entries.length} lessons`);
    }
    case 'lesson-facts': {
      const parsed = lessonFactsFileSchema.safeParse(command.facts);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return fail(2, `lesson-facts: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'not the JSON of tram lessons check --facts'}`);
      }
      await ctx.db.transaction(async (tx) => {
        await replaceLessonFacts(tx, { facts: parsed.data.facts, now: ctx.now() });
        await writeAudit(tx, { actor, action: 'lessons.facts', target: null, detail: `${parsed.data.facts.length} facts`, at: ctx.now() });
      });
      return ok(`loaded ${parsed.data.facts.length} lesson facts`);
    }
    case 'detach-raw': {
      if (!Number.isInteger(command.older_than_months) || command.older_than_months < 1 || command.older_than_months > 600) {
        return fail(2, '--older-than: a whole number of months, 1–600');
      }
      const detached = await detachRawPartitions(ctx.db, { nowMs: ctx.now(), olderThanMonths: command.older_than_months });
      await writeAudit(ctx.db, { actor, action: 'raw.detach', target: null, detail: detached.join(', ') || 'nothing', at: ctx.now() });
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
