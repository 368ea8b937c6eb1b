/** The staff sign-in page; its form carries the sign-in CSRF token (double-submit cookie). */
import { escapeHtml, label, page } from './html';

export function loginPage(error: string | null, csrf: string): string {
  const message = error === null ? '' : `<p class="error" role="alert">${escapeHtml(error)}</p>`;
  return page(
    'Đăng nhập · Sign in — Trạm Học Số',
    `<h1>${label('Đăng nhập cán bộ', 'Staff sign-in')}</h1>
${message}
<form method="post" action="/login">
  <input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
  <p><label><span>${label('Tên đăng nhập', 'User name')}</span><input name="name" autocomplete="username" required></label></p>
  <p><label><span>${label('Mật khẩu', 'Password')}</span><input name="password" type="password" autocomplete="current-password" required></label></p>
  <p><button type="submit">Đăng nhập <span class="en">· Sign in</span></button></p>
</form>
<p class="note">${label('Đăng nhập sai 5 lần liền sẽ bị khoá 15 phút.', 'Five failed sign-ins lock the name for 15 minutes.')}</p>`,
  );
}
