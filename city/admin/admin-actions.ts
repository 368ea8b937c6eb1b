/**
 * Every administrative action, shared by the web pages and `tram city …` (issue #17: the CLI commands
 * stay and use the same code). Each one checks its input (a Vietnamese message first), then does its
 * work and writes its audit row in one transaction: nothing is half-saved, and nothing is done without
 * its audit row.
 */
import { STATION_ID_PATTERN } from '../../electron/core/sync/protocol/limits';
import type { StaffRole } from '../access/ward-scope';
import type { HubContext } from '../hub-context';
import { issueEnrolmentCode, stationWardProblem } from '../ingest/enrolment';
import type { Actor } from '../store/audit-store';
import { writeAudit } from '../store/audit-store';
import { setWardTarget } from '../store/report-store';
import { countActiveAdmins, deleteSessionsOf, findStaff, setStaffAccess, setStaffDisabled, upsertStaff } from '../store/staff-store';
import { findStation, markReviewed, revokeStation } from '../store/station-store';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../staff/password';
import { storeUnitsIn } from '../units/hub-units';
import { parseUnitsFile } from '../units/units-file';

export type ActionResult<T = null> = { readonly ok: true; readonly value: T; readonly message: string } | { readonly ok: false; readonly status: 400 | 404 | 409; readonly message: string };

const done = <T>(value: T, message: string): ActionResult<T> => ({ ok: true, value, message });
const refused = (status: 400 | 404 | 409, message: string): ActionResult<never> => ({ ok: false, status, message });

export const STAFF_NAME = /^[\p{L}\p{N}._@-]{1,64}$/u;
export const MAX_TARGET_POPULATION = 100_000_000;

/** A one-time enrolment code for a station of this hub's province. */
export async function issueCode(ctx: HubContext, actor: Actor, stationId: string): Promise<ActionResult<{ code: string; expiresAt: number }>> {
  if (!STATION_ID_PATTERN.test(stationId)) return refused(400, 'Mã trạm phải có dạng 06688-01 (chữ in hoa, số, dấu -) · station id must match ^[A-Z0-9][A-Z0-9-]{2,39}$');
  const wardProblem = await stationWardProblem(ctx, stationId);
  if (wardProblem !== null) return refused(400, wardProblem);
  const issued = await ctx.db.transaction(async (tx) => {
    const code = await issueEnrolmentCode(ctx, stationId, tx);
    await writeAudit(tx, { actor, action: 'station.issue_code', target: stationId, detail: `expires ${new Date(code.expiresAt).toISOString()}`, at: ctx.now() });
    return code;
  });
  return done(issued, `Đã cấp mã ghi danh cho ${stationId} · enrolment code issued for ${stationId}`);
}

export async function revoke(ctx: HubContext, actor: Actor, stationId: string): Promise<ActionResult> {
  const ok = await ctx.db.transaction(async (tx) => {
    if (!(await revokeStation(tx, stationId))) return false;
    await writeAudit(tx, { actor, action: 'station.revoke', target: stationId, at: ctx.now() });
    return true;
  });
  return ok ? done(null, `Đã thu hồi trạm ${stationId} · revoked ${stationId}`) : refused(404, `Không có trạm ${stationId} · unknown station ${stationId}`);
}

/** Clears a station's review mark (a fork a person has looked at). */
export async function markForkReviewed(ctx: HubContext, actor: Actor, stationId: string): Promise<ActionResult> {
  const result = await ctx.db.transaction(async (tx) => {
    const station = await findStation(tx, stationId, true);
    if (station === null) return 'unknown' as const;
    if (!(await markReviewed(tx, { stationId, by: actor.name, now: ctx.now() }))) return 'not_marked' as const;
    await writeAudit(tx, { actor, action: 'station.reviewed', target: stationId, detail: station.review_reason, at: ctx.now() });
    return 'ok' as const;
  });
  if (result === 'unknown') return refused(404, `Không có trạm ${stationId} · unknown station ${stationId}`);
  if (result === 'not_marked') return refused(409, `Trạm ${stationId} không cần kiểm tra · ${stationId} is not marked for review`);
  return done(null, `Đã đánh dấu trạm ${stationId} là đã kiểm tra · ${stationId} marked reviewed`);
}

function passwordProblem(password: string): string | null {
  return [...password].length < MIN_PASSWORD_LENGTH ? `Mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự · password: at least ${MIN_PASSWORD_LENGTH} characters` : null;
}

async function wardsProblem(ctx: HubContext, role: StaffRole, wards: readonly string[]): Promise<string | null> {
  if (role === 'admin') return null;
  if (wards.length === 0) return 'Cán bộ phường/xã cần ít nhất một phường/xã · a ward officer needs at least one ward';
  const directory = await ctx.wards();
  const bad = wards.find((ward) => !directory.isProvinceWard(ward));
  return bad === undefined ? null : `${directory.label(bad)} không thuộc tỉnh của máy chủ này · ${bad} is not a ward of this hub's province`;
}

/** Adds a staff member (or, from the CLI, sets a new password for an existing one, ending their sessions). */
export async function addStaff(ctx: HubContext, actor: Actor, p: { name: string; password: string; role: StaffRole; wards: readonly string[]; allowExisting?: boolean }): Promise<ActionResult<{ added: boolean }>> {
  if (!STAFF_NAME.test(p.name)) return refused(400, 'Tên đăng nhập: 1–64 chữ, số hoặc . _ @ - · name: 1–64 letters, digits or . _ @ -');
  const problem = passwordProblem(p.password) ?? (await wardsProblem(ctx, p.role, p.wards));
  if (problem !== null) return refused(400, problem);
  if (p.allowExisting !== true && (await findStaff(ctx.db, p.name)) !== null) return refused(409, `Đã có cán bộ ${p.name} · ${p.name} already exists`);
  const passwordHash = await hashPassword(p.password);
  const added = await ctx.db.transaction(async (tx) => {
    const isNew = await upsertStaff(tx, { name: p.name, passwordHash, now: ctx.now(), role: p.role });
    if (isNew) await setStaffAccess(tx, { name: p.name, role: p.role, wards: p.wards });
    await writeAudit(tx, { actor, action: isNew ? 'staff.add' : 'staff.password', target: p.name, detail: isNew ? `${p.role} ${p.wards.join(',')}`.trim() : null, at: ctx.now() });
    return isNew;
  });
  return done({ added }, added ? `Đã thêm cán bộ ${p.name} · added staff ${p.name}` : `Đã đặt mật khẩu mới cho ${p.name} · new password set for ${p.name}`);
}

/** Changes a staff member's role and wards; the last active administrator cannot lose the role. */
export async function setAccess(ctx: HubContext, actor: Actor, p: { name: string; role: StaffRole; wards: readonly string[] }): Promise<ActionResult> {
  const problem = await wardsProblem(ctx, p.role, p.wards);
  if (problem !== null) return refused(400, problem);
  const result = await ctx.db.transaction(async (tx) => {
    const before = await findStaff(tx, p.name);
    if (before === null) return 'unknown' as const;
    if (before.role === 'admin' && p.role !== 'admin' && before.disabledAt === null && (await countActiveAdmins(tx)) <= 1) return 'last_admin' as const;
    await setStaffAccess(tx, p);
    await writeAudit(tx, { actor, action: 'staff.access', target: p.name, detail: `${p.role} ${p.role === 'admin' ? '' : p.wards.join(',')}`.trim(), at: ctx.now() });
    return 'ok' as const;
  });
  if (result === 'unknown') return refused(404, `Không có cán bộ ${p.name} · unknown staff ${p.name}`);
  if (result === 'last_admin') return refused(409, 'Không thể bỏ quyền quản trị của người quản trị cuối cùng · the last administrator keeps the role');
  return done(null, `Đã cập nhật quyền của ${p.name} · access of ${p.name} updated`);
}

export async function setDisabled(ctx: HubContext, actor: Actor, p: { name: string; disabled: boolean }): Promise<ActionResult> {
  const result = await ctx.db.transaction(async (tx) => {
    const before = await findStaff(tx, p.name);
    if (before === null) return 'unknown' as const;
    if (p.disabled && before.role === 'admin' && before.disabledAt === null && (await countActiveAdmins(tx)) <= 1) return 'last_admin' as const;
    await setStaffDisabled(tx, { name: p.name, disabledAt: p.disabled ? ctx.now() : null });
    await writeAudit(tx, { actor, action: p.disabled ? 'staff.disable' : 'staff.enable', target: p.name, at: ctx.now() });
    return 'ok' as const;
  });
  if (result === 'unknown') return refused(404, `Không có cán bộ ${p.name} · unknown staff ${p.name}`);
  if (result === 'last_admin') return refused(409, 'Không thể khoá người quản trị cuối cùng · the last administrator cannot be disabled');
  return done(null, p.disabled ? `Đã khoá tài khoản ${p.name} · ${p.name} disabled` : `Đã mở khoá tài khoản ${p.name} · ${p.name} enabled`);
}

/** Sets a new password; every session of the old one ends. */
export async function resetPassword(ctx: HubContext, actor: Actor, p: { name: string; password: string }): Promise<ActionResult> {
  const problem = passwordProblem(p.password);
  if (problem !== null) return refused(400, problem);
  if ((await findStaff(ctx.db, p.name)) === null) return refused(404, `Không có cán bộ ${p.name} · unknown staff ${p.name}`);
  const passwordHash = await hashPassword(p.password);
  await ctx.db.transaction(async (tx) => {
    await upsertStaff(tx, { name: p.name, passwordHash, now: ctx.now() });
    await writeAudit(tx, { actor, action: 'staff.password', target: p.name, at: ctx.now() });
  });
  return done(null, `Đã đặt mật khẩu mới cho ${p.name}; mọi phiên đăng nhập cũ đã kết thúc · new password set for ${p.name}; old sessions ended`);
}

export async function signOutEverywhere(ctx: HubContext, actor: Actor, name: string): Promise<ActionResult<{ sessions: number }>> {
  const sessions = await ctx.db.transaction(async (tx) => {
    if ((await findStaff(tx, name)) === null) return null;
    const ended = await deleteSessionsOf(tx, name);
    await writeAudit(tx, { actor, action: 'staff.sign_out_everywhere', target: name, detail: `${ended} sessions`, at: ctx.now() });
    return ended;
  });
  if (sessions === null) return refused(404, `Không có cán bộ ${name} · unknown staff ${name}`);
  return done({ sessions }, `Đã đăng xuất ${name} khỏi mọi nơi (${sessions} phiên) · ${name} signed out everywhere`);
}

/** Parses a target population typed in a form: a positive whole number, else a Vietnamese message. */
export function parseTargetPopulation(text: string): { ok: true; value: number } | { ok: false; message: string } {
  const trimmed = text.trim().replace(/[.\s]/g, '');
  if (!/^\d{1,9}$/.test(trimmed)) return { ok: false, message: 'Dân số mục tiêu phải là số nguyên dương (ví dụ 12500) · target population must be a positive whole number' };
  const value = Number(trimmed);
  if (value < 1 || value > MAX_TARGET_POPULATION) return { ok: false, message: `Dân số mục tiêu phải từ 1 đến ${MAX_TARGET_POPULATION.toLocaleString('vi-VN')} · must be 1–${MAX_TARGET_POPULATION}` };
  return { ok: true, value };
}

export async function setTarget(ctx: HubContext, actor: Actor, p: { ward: string; population: string }): Promise<ActionResult> {
  const directory = await ctx.wards();
  if (!directory.isProvinceWard(p.ward)) return refused(400, `Phường/xã ${p.ward.slice(0, 40)} không thuộc tỉnh của máy chủ này · not a ward of this hub's province`);
  const population = parseTargetPopulation(p.population);
  if (!population.ok) return refused(400, population.message);
  await ctx.db.transaction(async (tx) => {
    await setWardTarget(tx, { ward: p.ward, population: population.value, staffName: actor.name, now: ctx.now() });
    await writeAudit(tx, { actor, action: 'target.set', target: p.ward, detail: String(population.value), at: ctx.now() });
  });
  return done(null, `Đã lưu dân số mục tiêu của ${directory.label(p.ward)}: ${population.value.toLocaleString('vi-VN')} · target saved`);
}

/** Loads a newer units list, whole or not at all. */
export async function loadUnits(ctx: HubContext, actor: Actor, p: { bytes: Uint8Array; source: string }): Promise<ActionResult<{ units: number }>> {
  const read = parseUnitsFile(p.bytes);
  if (!read.ok) return refused(400, `${p.source}${read.line > 0 ? `, dòng ${read.line} · line ${read.line}` : ''}: ${read.message}`);
  const province = (await ctx.wards()).provinceCode;
  if (province !== null && !read.units.some((unit) => unit.provinceCode === province)) {
    return refused(400, `${p.source}: không có đơn vị nào của tỉnh ${province} mà máy chủ này phục vụ · no unit of province ${province}`);
  }
  await ctx.db.transaction(async (tx) => {
    await storeUnitsIn(tx, { units: read.units, source: p.source.slice(0, 200), now: ctx.now() });
    await writeAudit(tx, { actor, action: 'units.load', target: p.source.slice(0, 200), detail: `${read.units.length} units`, at: ctx.now() });
  });
  await ctx.reloadWards();
  return done({ units: read.units.length }, `Đã nạp ${read.units.length} đơn vị hành chính từ ${p.source} · loaded ${read.units.length} units`);
}
