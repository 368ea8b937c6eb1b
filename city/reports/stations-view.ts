/** The stations page (administrators): every station with its ward, state and receipt code; enrolment codes as text and QR; revoke; fork reviewed. */
import { wardOfStation } from '../../electron/core/sync/protocol/limits';
import type { StationReportRow } from '../store/report-store';
import type { WardDirectory } from '../units/ward-directory';
import { SILENT_AFTER_MS } from './dashboard-data';
import { csrfField, escapeHtml, formatTime, label, messageBox, page, table } from './html';
import type { PageChrome } from './html';

function state(row: StationReportRow, nowMs: number): string {
  if (row.status === 'revoked') return `<span class="warn">${label('Đã thu hồi', 'revoked')}</span>`;
  if (row.needs_review) return `<span class="badge">${label('Cần kiểm tra', 'needs review')}</span> ${escapeHtml(row.review_reason ?? '')}`;
  if (row.last_seen_at === null || nowMs - row.last_seen_at > SILENT_AFTER_MS) return `<span class="badge">${label('Im lặng quá 7 ngày', 'silent > 7 days')}</span>`;
  const reviewed = row.reviewed_by === null ? '' : `<br><span class="note">${label('đã kiểm tra', 'reviewed')}: ${escapeHtml(row.reviewed_by)}, ${escapeHtml(formatTime(row.reviewed_at))}</span>`;
  return `<span class="ok">${label('Hoạt động', 'active')}</span>${reviewed}`;
}

function actions(row: StationReportRow, csrf: string | null): string {
  const id = escapeHtml(row.station_id);
  const issue = `<form class="row" method="post" action="/admin/stations/issue">${csrfField(csrf)}<input type="hidden" name="station_id" value="${id}"><button type="submit" class="secondary">${label('Cấp mã mới', 'New code')}</button></form>`;
  const revoke = row.status === 'revoked' ? '' : `<form class="row" method="post" action="/admin/stations/revoke">${csrfField(csrf)}<input type="hidden" name="station_id" value="${id}"><label><span><input type="checkbox" name="confirm" value="yes" required> ${label('Chắc chắn', 'sure')}</span></label><button type="submit" class="danger">${label('Thu hồi', 'Revoke')}</button></form>`;
  const review = row.needs_review ? `<form class="row" method="post" action="/admin/stations/reviewed">${csrfField(csrf)}<input type="hidden" name="station_id" value="${id}"><button type="submit">${label('Đã kiểm tra', 'Mark reviewed')}</button></form>` : '';
  return `${issue}${revoke}${review}`;
}

export interface StationsPageInput {
  readonly chrome: PageChrome;
  readonly directory: WardDirectory;
  readonly stations: readonly StationReportRow[];
  readonly nowMs: number;
  readonly message: { ok: boolean; text: string } | null;
  readonly unitsNote: string;
}

export function stationsPage(input: StationsPageInput): string {
  const { directory } = input;
  const wards = directory.provinceWards().map((unit) => `<option value="${escapeHtml(unit.code)}">${escapeHtml(`${unit.name} (${unit.code})`)}</option>`).join('');
  const rows = input.stations.map((s) => [
    `<th scope="row">${escapeHtml(s.station_id)}</th>`,
    `<td>${escapeHtml(directory.label(s.ward_code))}</td>`,
    `<td>${state(s, input.nowMs)}</td>`,
    `<td>${escapeHtml(formatTime(s.last_seen_at))}</td>`,
    `<td class="num"><span class="code" style="font-size:1rem">${escapeHtml(s.last_receipt_short ?? '—')}</span></td>`,
    `<td class="num">${escapeHtml(`${s.acked_seq} (${s.current_epoch})`)}</td>`,
    `<td>${actions(s, input.chrome.csrf)}</td>`,
  ]);
  return page(
    'Trạm · Stations',
    `<h1>${label('Các trạm', 'Stations')}</h1>
${messageBox(input.message)}
<h2>${label('Cấp mã ghi danh cho trạm mới', 'Enrolment code for a new station')}</h2>
<form class="inline" method="post" action="/admin/stations/issue">${csrfField(input.chrome.csrf)}
  <label><span>${label('Phường/xã', 'Ward')}</span><select name="ward" required>${wards}</select></label>
  <label><span>${label('Số trạm', 'Station number')}</span><input name="number" required pattern="[A-Za-z0-9]{1,10}" size="6" placeholder="01" aria-describedby="station-number-help"></label>
  <button type="submit">${label('Cấp mã', 'Issue code')}</button>
</form>
<p class="note" id="station-number-help">${label('Mã trạm sẽ là mã phường/xã, dấu gạch và số trạm, ví dụ 06688-01.', 'The station id is the ward code, a dash and the number, e.g. 06688-01.')}</p>
<h2>${label('Danh sách trạm', 'All stations')}</h2>
${table([label('Trạm', 'Station'), label('Phường/xã', 'Ward'), label('Trạng thái', 'Status'), label('Liên lạc cuối', 'Last seen'), label('Mã biên nhận', 'Receipt code'), label('Đã nhận (kỳ)', 'Acked seq (epoch)'), label('Thao tác', 'Actions')], rows)}
<p class="note">${escapeHtml(input.unitsNote)}</p>`,
    input.chrome,
  );
}

export interface IssuedCodeInput {
  readonly chrome: PageChrome;
  readonly directory: WardDirectory;
  readonly stationId: string;
  readonly code: string;
  readonly expiresAt: number;
  readonly origin: string;
  /** The QR code of the enrolment payload, as SVG markup from the qrcode library. */
  readonly qrSvg: string;
}

/** The one page that shows a new code (answered to the POST, never cached, never logged). */
export function issuedCodePage(input: IssuedCodeInput): string {
  return page(
    `Mã ghi danh ${input.stationId}`,
    `<h1>${label(`Mã ghi danh cho trạm ${input.stationId}`, `Enrolment code for ${input.stationId}`)}</h1>
<p>${escapeHtml(input.directory.label(wardOfStation(input.stationId)))} · ${label('dùng một lần, hết hạn', 'one use, expires')} ${escapeHtml(formatTime(input.expiresAt))}</p>
<div class="cards">
<div class="card"><p>${label('Gõ mã này ở màn hình "Kết nối với thành phố" của trạm:', 'Type this code on the station’s “connect” screen:')}</p><p class="code" data-testid="enrolment-code">${escapeHtml(input.code)}</p>
<p class="note">${label('Máy chủ', 'Hub')}: ${escapeHtml(input.origin)}</p></div>
<div class="card qr" data-testid="enrolment-qr"><p>${label('Hoặc quét mã QR này bằng máy quét của trạm khi màn hình "Kết nối với thành phố" đang mở:', 'Or scan this QR with the station’s scanner while its “connect” screen is open:')}</p>${input.qrSvg}</div>
</div>
<p class="warn">${label('Mã chỉ hiện một lần. Đừng gửi mã qua mạng xã hội.', 'The code is shown once. Do not send it over social media.')}</p>
<p><a href="/admin/stations">${label('Về danh sách trạm', 'Back to the stations')}</a></p>`,
    input.chrome,
  );
}
