/**
 * The shell of the staff pages: escaped text only, large readable type, Vietnamese first and English
 * second in every label, no scripts (the printable report alone loads /assets/print.js for its
 * button), Vietnamese number and date formats (1.234,5; dd/mm/yyyy), a navigation bar that shows an
 * administrator's pages only to administrators, and a sign-out form carrying the CSRF token.
 */
import type { StaffMember } from '../access/ward-scope';
import { VIETNAM_OFFSET_MS } from '../../electron/core/sync/protocol/vietnam-time';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** A label in both languages: `Vietnamese · English`. */
export function label(vi: string, en: string): string {
  return `${escapeHtml(vi)} <span class="en">· ${escapeHtml(en)}</span>`;
}

const NUMBER = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** 1.234,5 — or a dash for null. */
export function formatNumber(value: number | null): string {
  return value === null ? '—' : NUMBER.format(value);
}

/** dd/mm/yyyy in Vietnam (UTC+7), or a dash. */
export function formatDate(ms: number | null): string {
  if (ms === null) return '—';
  const iso = new Date(ms + VIETNAM_OFFSET_MS).toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** dd/mm/yyyy HH:mm in Vietnam time (UTC+7), or a dash. */
export function formatTime(ms: number | null): string {
  if (ms === null) return '—';
  return `${formatDate(ms)} ${new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(11, 16)}`;
}

/** A clock offset as `+3 h 12 min`-style short text. */
export function formatOffset(ms: number | null): string {
  if (ms === null) return '—';
  const sign = ms < 0 ? '−' : '+';
  const total = Math.round(Math.abs(ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return `${sign}${hours} h ${minutes} min`;
  if (minutes > 0) return `${sign}${minutes} min ${seconds} s`;
  return `${sign}${seconds} s`;
}

const STYLE = `
  @font-face { font-family: "Be Vietnam Pro"; font-weight: 400; src: url(/assets/fonts/vietnamese-400.woff2) format("woff2"); unicode-range: U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB; font-display: swap; }
  @font-face { font-family: "Be Vietnam Pro"; font-weight: 400; src: url(/assets/fonts/latin-400.woff2) format("woff2"); unicode-range: U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD; font-display: swap; }
  @font-face { font-family: "Be Vietnam Pro"; font-weight: 700; src: url(/assets/fonts/vietnamese-700.woff2) format("woff2"); unicode-range: U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB; font-display: swap; }
  @font-face { font-family: "Be Vietnam Pro"; font-weight: 700; src: url(/assets/fonts/latin-700.woff2) format("woff2"); unicode-range: U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD; font-display: swap; }
  html { font-family: "Be Vietnam Pro", system-ui, "Segoe UI", Roboto, Arial, sans-serif; font-size: 18px; line-height: 1.5; color: #111; background: #fff; }
  body { margin: 0 auto; max-width: 78rem; padding: 0 1.25rem 3rem; }
  h1 { font-size: 1.7rem; margin: 0.75rem 0; line-height: 1.25; } h2 { font-size: 1.3rem; margin: 1.75rem 0 0.6rem; }
  .en { color: #3d3d3d; font-weight: normal; }
  .table-wrap { overflow-x: auto; max-width: 100%; }
  table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
  th, td { border: 1px solid #767676; padding: 0.35rem 0.55rem; text-align: left; vertical-align: top; }
  th { background: #eef2f7; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; } td.num { white-space: nowrap; }
  form.inline { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; margin: 0.5rem 0; }
  form.row { display: inline-flex; gap: 0.4rem; margin: 0.15rem 0; flex-wrap: wrap; }
  label { display: flex; flex-direction: column; gap: 0.2rem; }
  input, button, select { font: inherit; padding: 0.45rem 0.7rem; border: 2px solid #333; border-radius: 0.4rem; background: #fff; color: #111; }
  button, .button { background: #0b5394; color: #fff; border: 2px solid #0b5394; border-radius: 0.4rem; cursor: pointer; padding: 0.45rem 0.8rem; text-decoration: none; display: inline-block; }
  input[type="file"]::file-selector-button { font: inherit; padding: 0.35rem 0.8rem; margin-right: 0.75rem; border: 2px solid #0b5394; border-radius: 0.4rem; background: #fff; color: #0b5394; cursor: pointer; }
  button.secondary { background: #fff; color: #0b5394; }
  button.danger { background: #9c0006; border-color: #9c0006; }
  button .en, .button .en { color: inherit; }
  a { color: #0b5394; } .warn { color: #9c0006; font-weight: bold; } .ok { color: #1e5e20; } .note { color: #333; font-size: 0.9rem; }
  .notice { border: 2px solid #0b5394; background: #eef5fc; padding: 0.6rem 0.9rem; border-radius: 0.4rem; }
  .error { border: 2px solid #9c0006; background: #fdeeee; padding: 0.6rem 0.9rem; border-radius: 0.4rem; }
  header.top { display: flex; justify-content: space-between; align-items: center; flex-wrap: wrap; gap: 0.5rem 1rem; border-bottom: 2px solid #0b5394; padding: 0.5rem 0; }
  header.top .brand { font-weight: bold; font-size: 1.1rem; }
  nav.main ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; margin: 0; padding: 0; }
  nav.main a[aria-current="page"] { font-weight: bold; text-decoration-thickness: 3px; }
  .who { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
  .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: 0.75rem; margin: 0.75rem 0; }
  .card { border: 2px solid #c6d3e3; border-radius: 0.5rem; padding: 0.6rem 0.8rem; background: #f7f9fc; }
  .card .big { font-size: 1.6rem; font-weight: bold; display: block; }
  .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(30rem, 1fr)); gap: 1rem; }
  figure { margin: 0; border: 1px solid #c6d3e3; border-radius: 0.5rem; padding: 0.5rem 0.75rem; }
  figcaption { font-weight: bold; margin-bottom: 0.3rem; }
  svg.chart { width: 100%; height: auto; display: block; }
  tr.attention { background: #fff4e5; }
  .badge { display: inline-block; border: 2px solid #9c0006; color: #9c0006; border-radius: 0.3rem; padding: 0 0.35rem; font-size: 0.85rem; font-weight: bold; }
  .code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 1.5rem; letter-spacing: 0.05em; }
  .qr svg { width: 16rem; height: 16rem; }
  details summary { cursor: pointer; }
  :focus-visible { outline: 3px solid #b45f06; outline-offset: 2px; }
  @media print { header.top, .no-print, form { display: none !important; } body { max-width: none; padding: 0; } }
`;

export type NavPage = 'dashboard' | 'monthly' | 'lessons' | 'stations' | 'packs' | 'staff' | 'targets' | 'audit' | 'none';

export interface PageChrome {
  readonly staff: StaffMember;
  /** The CSRF token of the session (null for HTTP Basic readers, who cannot post forms). */
  readonly csrf: string | null;
  readonly current: NavPage;
}

/** The hidden CSRF field every staff form carries. */
export function csrfField(csrf: string | null): string {
  return `<input type="hidden" name="csrf" value="${escapeHtml(csrf ?? '')}">`;
}

function navigation(chrome: PageChrome): string {
  const items: Array<[NavPage, string, string, string]> = [
    ['dashboard', '/dashboard', 'Tổng quan', 'Dashboard'],
    ['monthly', '/reports/monthly', 'Báo cáo tháng', 'Monthly report'],
    ['lessons', '/lessons', 'Bài học', 'Lessons'],
  ];
  if (chrome.staff.role === 'admin') {
    items.push(['stations', '/admin/stations', 'Trạm', 'Stations'], ['packs', '/admin/lesson-packs', 'Gói bài học', 'Lesson packs'], ['staff', '/admin/staff', 'Cán bộ', 'Staff'], ['targets', '/admin/targets', 'Dân số mục tiêu', 'Targets'], ['audit', '/admin/audit', 'Nhật ký', 'Audit log']);
  }
  const links = items.map(([key, href, vi, en]) => `<li><a href="${href}"${key === chrome.current ? ' aria-current="page"' : ''}>${label(vi, en)}</a></li>`).join('');
  const role = chrome.staff.role === 'admin' ? label('Quản trị tỉnh', 'province administrator') : label('Cán bộ phường/xã', 'ward officer');
  return `<header class="top">
  <span class="brand">Trạm Học Số</span>
  <nav class="main" aria-label="Trang · Pages"><ul>${links}</ul></nav>
  <form class="who" method="post" action="/logout">${csrfField(chrome.csrf)}<span>${escapeHtml(chrome.staff.name)} (${role})</span> <button type="submit" class="secondary">Đăng xuất <span class="en">· Sign out</span></button></form>
</header>`;
}

/** A whole page. `body` must already be escaped HTML. */
export function page(title: string, body: string, chrome: PageChrome | null = null, extraHead = ''): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>${extraHead}
</head>
<body>
${chrome === null ? '' : navigation(chrome)}
<main id="main">
${body}
</main>
</body>
</html>
`;
}

/** Content-Security-Policy for these pages: no scripts, forms post only to the hub, fonts and pictures from the hub. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** The printable report may run its one print button script, from the hub itself. */
export const PRINT_PAGE_CSP = `${PAGE_CSP}; script-src 'self'`;

/** A table with a header row; `rows` are already-built cells. An empty table says so. */
export function table(headers: string[], rows: string[][], options: { caption?: string; numericFrom?: number } = {}): string {
  const from = options.numericFrom ?? Number.POSITIVE_INFINITY;
  const head = headers.map((h, i) => `<th scope="col"${i >= from ? ' class="num"' : ''}>${h}</th>`).join('');
  const body = rows.map((cells) => `<tr>${cells.join('')}</tr>`).join('\n');
  const caption = options.caption === undefined ? '' : `<caption>${options.caption}</caption>`;
  return `<div class="table-wrap"><table>${caption}<thead><tr>${head}</tr></thead><tbody>${body || `<tr><td colspan="${headers.length}">Chưa có dữ liệu · No data yet</td></tr>`}</tbody></table></div>`;
}

/** A numeric cell in Vietnamese format. */
export function numCell(value: number | null): string {
  return `<td class="num">${escapeHtml(formatNumber(value))}</td>`;
}

/** A message box after an action: a notice, or an error announced to screen readers. */
export function messageBox(message: { ok: boolean; text: string } | null): string {
  if (message === null) return '';
  return message.ok ? `<p class="notice" role="status">${escapeHtml(message.text)}</p>` : `<p class="error" role="alert">${escapeHtml(message.text)}</p>`;
}
