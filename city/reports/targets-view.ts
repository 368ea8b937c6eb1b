/** Target population per ward (administrators) with its history, and the audit log. */
import type { AuditEntry } from '../store/audit-store';
import type { TargetHistoryRow } from '../store/report-store';
import type { WardDirectory } from '../units/ward-directory';
import { csrfField, escapeHtml, formatNumber, formatTime, label, messageBox, numCell, page, table } from './html';
import type { PageChrome } from './html';

export function targetsPage(input: { chrome: PageChrome; directory: WardDirectory; targets: ReadonlyMap<string, number>; history: readonly TargetHistoryRow[]; message: { ok: boolean; text: string } | null; form: { ward: string; population: string } }): string {
  const { directory } = input;
  const options = directory.provinceWards().map((unit) => `<option value="${escapeHtml(unit.code)}"${unit.code === input.form.ward ? ' selected' : ''}>${escapeHtml(`${unit.name} (${unit.code})`)}</option>`).join('');
  const invalid = input.message !== null && !input.message.ok;
  const current = directory.provinceWards().map((unit) => [`<th scope="row">${escapeHtml(directory.label(unit.code))}</th>`, numCell(input.targets.get(unit.code) ?? null)]);
  const history = input.history.map((row) => [`<td>${escapeHtml(formatTime(row.set_at))}</td>`, `<th scope="row">${escapeHtml(directory.label(row.ward_code))}</th>`, numCell(row.target_population), `<td>${escapeHtml(row.set_by)}</td>`]);
  return page(
    'Dân số mục tiêu · Targets',
    `<h1>${label('Dân số mục tiêu theo phường/xã', 'Target population per ward')}</h1>
${messageBox(input.message)}
<form class="inline" method="post" action="/admin/targets" novalidate>${csrfField(input.chrome.csrf)}
  <label><span>${label('Phường/xã', 'Ward')}</span><select name="ward" required>${options}</select></label>
  <label><span>${label('Số người (số nguyên dương)', 'People (positive whole number)')}</span><input name="population" inputmode="numeric" required value="${escapeHtml(input.form.population)}"${invalid ? ' aria-invalid="true"' : ''}></label>
  <button type="submit">${label('Lưu', 'Save')}</button>
</form>
<h2>${label('Mục tiêu hiện tại', 'Current targets')}</h2>
${table([label('Phường/xã', 'Ward'), label('Dân số mục tiêu', 'Target population')], current, { numericFrom: 1 })}
<h2>${label('Lịch sử thay đổi', 'History')}</h2>
${table([label('Lúc', 'When'), label('Phường/xã', 'Ward'), label('Dân số mục tiêu', 'Target'), label('Người đặt', 'Set by')], history)}`,
    input.chrome,
  );
}

const ACTIONS: Record<string, string> = {
  'station.issue_code': 'Cấp mã ghi danh',
  'station.revoke': 'Thu hồi trạm',
  'station.reviewed': 'Đánh dấu đã kiểm tra',
  'staff.add': 'Thêm cán bộ',
  'staff.access': 'Đổi quyền',
  'staff.password': 'Đặt mật khẩu',
  'staff.disable': 'Khoá tài khoản',
  'staff.enable': 'Mở khoá tài khoản',
  'staff.sign_out_everywhere': 'Đăng xuất mọi nơi',
  'target.set': 'Đặt dân số mục tiêu',
  'units.load': 'Nạp danh mục đơn vị',
  'lessons.map': 'Nạp bảng bài học',
  'lessons.facts': 'Nạp dữ kiện bài học',
  'lessons.publish': 'Phát hành gói bài học',
  'bundle.import': 'Nhập dữ liệu USB',
  'raw.detach': 'Tách dữ liệu cũ',
};

export function auditPage(input: { chrome: PageChrome; entries: readonly AuditEntry[]; pageSize: number }): string {
  const rows = input.entries.map((e) => [
    `<td>${escapeHtml(formatTime(e.at))}</td>`,
    `<td>${escapeHtml(e.actor)}</td>`,
    `<td>${escapeHtml(ACTIONS[e.action] ?? e.action)} <span class="en">· ${escapeHtml(e.action)}</span></td>`,
    `<td>${escapeHtml(e.target ?? '')}</td>`,
    `<td>${escapeHtml(e.detail ?? '')}</td>`,
    `<td>${escapeHtml(e.via === 'cli' ? 'dòng lệnh · CLI' : (e.address ?? ''))}</td>`,
  ]);
  const last = input.entries.at(-1);
  const older = input.entries.length === input.pageSize && last !== undefined ? `<p><a href="/admin/audit?before=${last.id}">${label('Cũ hơn', 'Older')}</a></p>` : '';
  return page(
    'Nhật ký · Audit log',
    `<h1>${label('Nhật ký thao tác quản trị', 'Audit log of administrative actions')}</h1>
<p class="note">${label(`Mới nhất trước; ${formatNumber(input.entries.length)} dòng.`, 'Newest first.')}</p>
${table([label('Lúc', 'When'), label('Ai', 'Who'), label('Việc', 'What'), label('Đối tượng', 'Target'), label('Chi tiết', 'Detail'), label('Từ đâu', 'From where')], rows)}
${older}`,
    input.chrome,
  );
}
