/** The staff pages (administrators): the list, adding a member, and one member's access, lock, password and sessions. */
import type { StaffAccount } from '../store/staff-store';
import type { WardDirectory } from '../units/ward-directory';
import { csrfField, escapeHtml, formatTime, label, messageBox, page, table } from './html';
import type { PageChrome } from './html';

function roleLabel(account: StaffAccount): string {
  return account.role === 'admin' ? label('Quản trị tỉnh', 'Province administrator') : label('Cán bộ phường/xã', 'Ward officer');
}

function wardOptions(directory: WardDirectory, selected: readonly string[]): string {
  return directory
    .provinceWards()
    .map((unit) => `<option value="${escapeHtml(unit.code)}"${selected.includes(unit.code) ? ' selected' : ''}>${escapeHtml(`${unit.name} (${unit.code})`)}</option>`)
    .join('');
}

function roleSelect(role: string): string {
  return `<select name="role" required><option value="ward_officer"${role === 'ward_officer' ? ' selected' : ''}>Cán bộ phường/xã · Ward officer</option><option value="admin"${role === 'admin' ? ' selected' : ''}>Quản trị tỉnh · Province administrator</option></select>`;
}

export function staffListPage(input: { chrome: PageChrome; directory: WardDirectory; staff: readonly StaffAccount[]; message: { ok: boolean; text: string } | null; form: { name: string; role: string; wards: readonly string[] } }): string {
  const rows = input.staff.map((s) => [
    `<th scope="row"><a href="/admin/staff/${encodeURIComponent(s.name)}">${escapeHtml(s.name)}</a></th>`,
    `<td>${roleLabel(s)}</td>`,
    `<td>${s.role === 'admin' ? label('Tất cả', 'All') : escapeHtml(s.wards.map((w) => input.directory.label(w)).join(', ') || '—')}</td>`,
    `<td>${s.disabledAt === null ? label('Hoạt động', 'active') : `<span class="warn">${label('Đã khoá', 'disabled')}</span> ${escapeHtml(formatTime(s.disabledAt))}`}</td>`,
  ]);
  return page(
    'Cán bộ · Staff',
    `<h1>${label('Cán bộ', 'Staff')}</h1>
${messageBox(input.message)}
${table([label('Tên đăng nhập', 'User name'), label('Vai trò', 'Role'), label('Phường/xã được giao', 'Wards'), label('Trạng thái', 'State')], rows)}
<h2>${label('Thêm cán bộ', 'Add a staff member')}</h2>
<form class="inline" method="post" action="/admin/staff/add">${csrfField(input.chrome.csrf)}
  <label><span>${label('Tên đăng nhập', 'User name')}</span><input name="name" required maxlength="64" value="${escapeHtml(input.form.name)}" autocomplete="off"></label>
  <label><span>${label('Vai trò', 'Role')}</span>${roleSelect(input.form.role)}</label>
  <label><span>${label('Phường/xã (cán bộ phường/xã)', 'Wards (ward officer)')}</span><select name="wards" multiple size="5">${wardOptions(input.directory, input.form.wards)}</select></label>
  <label><span>${label('Mật khẩu (ít nhất 10 ký tự)', 'Password (10+ characters)')}</span><input name="password" type="password" required minlength="10" autocomplete="new-password"></label>
  <button type="submit">${label('Thêm', 'Add')}</button>
</form>`,
    input.chrome,
  );
}

export function staffMemberPage(input: { chrome: PageChrome; directory: WardDirectory; account: StaffAccount; message: { ok: boolean; text: string } | null }): string {
  const { account } = input;
  const base = `/admin/staff/${encodeURIComponent(account.name)}`;
  const csrf = csrfField(input.chrome.csrf);
  return page(
    `Cán bộ ${account.name}`,
    `<h1>${label(`Cán bộ ${account.name}`, `Staff member ${account.name}`)}</h1>
${messageBox(input.message)}
<p>${roleLabel(account)} · ${account.disabledAt === null ? label('Hoạt động', 'active') : `<span class="warn">${label('Đã khoá', 'disabled')}</span>`}</p>
<h2>${label('Vai trò và phường/xã', 'Role and wards')}</h2>
<form class="inline" method="post" action="${base}/access">${csrf}
  <label><span>${label('Vai trò', 'Role')}</span>${roleSelect(account.role)}</label>
  <label><span>${label('Phường/xã', 'Wards')}</span><select name="wards" multiple size="6">${wardOptions(input.directory, account.wards)}</select></label>
  <button type="submit">${label('Lưu', 'Save')}</button>
</form>
<h2>${label('Đặt lại mật khẩu', 'Reset the password')}</h2>
<form class="inline" method="post" action="${base}/password">${csrf}
  <label><span>${label('Mật khẩu mới (ít nhất 10 ký tự)', 'New password (10+ characters)')}</span><input name="password" type="password" required minlength="10" autocomplete="new-password"></label>
  <button type="submit">${label('Đặt mật khẩu', 'Set password')}</button>
</form>
<h2>${label('Phiên đăng nhập và khoá tài khoản', 'Sessions and lock')}</h2>
<form class="inline" method="post" action="${base}/sign-out">${csrf}<button type="submit" class="secondary">${label('Đăng xuất khỏi mọi nơi', 'Sign out everywhere')}</button></form>
<form class="inline" method="post" action="${base}/${account.disabledAt === null ? 'disable' : 'enable'}">${csrf}<button type="submit" class="${account.disabledAt === null ? 'danger' : ''}">${account.disabledAt === null ? label('Khoá tài khoản', 'Disable') : label('Mở khoá tài khoản', 'Enable')}</button></form>
<p><a href="/admin/staff">${label('Về danh sách cán bộ', 'Back to the staff list')}</a></p>`,
    input.chrome,
  );
}
