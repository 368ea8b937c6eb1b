/** The staff login page. */
import { escapeHtml, label, page } from './html';

export function loginPage(error: string | null): string {
  const message = error === null ? '' : `<p class="warn" role="alert">${escapeHtml(error)}</p>`;
  return page(
    'Đăng nhập · Sign in — Trạm Học Số',
    `<h1>${label('Đăng nhập cán bộ', 'Staff sign-in')}</h1>
${message}
<form method="post" action="/login">
  <p><label><span>${label('Tên đăng nhập', 'User name')}</span><input name="name" autocomplete="username" required></label></p>
  <p><label><span>${label('Mật khẩu', 'Password')}</span><input name="password" type="password" autocomplete="current-password" required></label></p>
  <p><button type="submit">Đăng nhập · Sign in</button></p>
</form>`,
  );
}
