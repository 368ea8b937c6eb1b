/** The server-rendered progress page for city staff (Vietnamese first, English second). */
import type { ReportSource } from '../db/report-reader';
import type { StationReportRow } from '../store/report-store';
import { escapeHtml, formatOffset, formatTime, label, page } from './html';
import type { WardProgress } from './progress';

const AGE_LABELS: [string, string, string][] = [
  ['6-14', '6–14 tuổi', '6–14'],
  ['15-17', '15–17 tuổi', '15–17'],
  ['18-59', '18–59 tuổi', '18–59'],
  ['60+', 'Từ 60 tuổi', '60+'],
  ['unknown', 'Chưa rõ', 'unknown'],
];
const DOMAIN_LABELS: [string, string, string][] = [
  ['1', '1. Khai thác dữ liệu và thông tin', 'Information and data'],
  ['2', '2. Giao tiếp và hợp tác', 'Communication and collaboration'],
  ['3', '3. Sáng tạo nội dung số', 'Digital content creation'],
  ['4', '4. An toàn', 'Safety'],
  ['5', '5. Giải quyết vấn đề', 'Problem solving'],
  ['6', '6. Ứng dụng trí tuệ nhân tạo', 'Applying AI'],
  ['unmapped', 'Chưa xếp miền', 'Not mapped'],
];

const num = (value: number | null) => `<td class="num">${value === null ? '—' : escapeHtml(value.toLocaleString('vi-VN'))}</td>`;

function table(headers: string[], rows: string[][]): string {
  const head = headers.map((h) => `<th scope="col">${h}</th>`).join('');
  const body = rows.map((cells) => `<tr>${cells.join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body || `<tr><td colspan="${headers.length}">Chưa có dữ liệu · No data yet</td></tr>`}</tbody></table>`;
}

function stationStatus(row: StationReportRow): string {
  if (row.status === 'revoked') return `<span class="warn">${label('Đã thu hồi', 'revoked')}</span>`;
  if (row.needs_review) return `<span class="warn">${label('Cần kiểm tra', 'needs review')}: ${escapeHtml(row.review_reason ?? '')}</span>`;
  return label('Hoạt động', 'active');
}

/** Says where the figures came from when it is not simply the primary, now. */
function sourceNote(input: ReportPageInput): string {
  const { source, asOfMs, fallback } = input.source;
  if (fallback !== null) {
    return ` — <span class="warn" data-report-source="primary">${label('bản sao chỉ đọc không dùng được, số liệu lấy từ máy chủ chính', 'read replica not usable, figures from the primary')}: ${escapeHtml(fallback)}</span>`;
  }
  if (source === 'primary') return '';
  const ageS = Math.max(0, Math.round((input.nowMs - asOfMs) / 1000));
  return ` — <span data-report-source="replica" data-age-s="${ageS}">${label('từ bản sao chỉ đọc', 'from the read replica')}, ${label(`cũ ${ageS} giây`, `${ageS} s old`)}</span>`;
}

export interface ReportPageInput {
  readonly staffName: string;
  readonly nowMs: number;
  /** Where the figures came from and how old they are. */
  readonly source: Pick<ReportSource, 'source' | 'asOfMs' | 'fallback'>;
  readonly ward: string | null;
  readonly wards: readonly WardProgress[];
  readonly stations: readonly StationReportRow[];
}

/** The whole report page. */
export function reportPage(input: ReportPageInput): string {
  const wardCell = (w: WardProgress) => `<th scope="row"><a href="/reports?ward=${encodeURIComponent(w.ward)}">${escapeHtml(w.ward)}</a></th>`;
  const summary = table(
    [label('Phường/xã', 'Ward'), label('Người học', 'Learners'), label('Dân số mục tiêu', 'Target population'), label('Đạt', 'Reached') + ' %', label('Bài học hoàn thành', 'Lessons completed')],
    input.wards.map((w) => [wardCell(w), num(w.learners), num(w.targetPopulation), num(w.reachedPct), num(w.lessonsCompleted)]),
  );
  const byAge = table(
    [label('Phường/xã', 'Ward'), ...AGE_LABELS.map(([, vi, en]) => label(vi, en))],
    input.wards.map((w) => [wardCell(w), ...AGE_LABELS.map(([key]) => num(w.byAge[key as keyof WardProgress['byAge']]))]),
  );
  const byGender = table(
    [label('Phường/xã', 'Ward'), label('Nam', 'Male'), label('Nữ', 'Female'), label('Chưa rõ', 'Unknown')],
    input.wards.map((w) => [wardCell(w), num(w.byGender.nam), num(w.byGender.nu), num(w.byGender.unknown)]),
  );
  const byDomain = table(
    [label('Phường/xã', 'Ward'), ...DOMAIN_LABELS.map(([, vi, en]) => label(vi, en))],
    input.wards.map((w) => [wardCell(w), ...DOMAIN_LABELS.map(([key]) => num(w.byCompetency[key as keyof WardProgress['byCompetency']]))]),
  );
  const stations = table(
    [
      label('Trạm', 'Station'),
      label('Phường/xã', 'Ward'),
      label('Liên lạc cuối', 'Last seen'),
      label('Tải lên cuối', 'Last upload'),
      label('Số thứ tự đã nhận (kỳ)', 'Last acked seq (epoch)'),
      label('Lệch đồng hồ', 'Clock offset'),
      label('Buổi học nhóm (người)', 'Group sessions (attendees)'),
      label('Trạng thái', 'Status'),
    ],
    input.stations.map((s) => [
      `<th scope="row">${escapeHtml(s.station_id)}</th>`,
      `<td>${escapeHtml(s.ward_code)}</td>`,
      `<td>${escapeHtml(formatTime(s.last_seen_at))}</td>`,
      `<td>${escapeHtml(formatTime(s.last_upload_at))}</td>`,
      `<td class="num">${escapeHtml(`${s.acked_seq} (${s.current_epoch})`)}</td>`,
      `<td class="num">${escapeHtml(formatOffset(s.last_offset_ms))}</td>`,
      `<td class="num" data-groups="${s.groups}">${escapeHtml(`${s.groups} (${s.group_attendees})`)}</td>`,
      `<td>${stationStatus(s)}</td>`,
    ]),
  );
  const wardValue = escapeHtml(input.ward ?? '');
  const csvHref = `/reports/export.csv${input.ward === null ? '' : `?ward=${encodeURIComponent(input.ward)}`}`;
  return page(
    'Tiến độ phổ cập kỹ năng số · Digital-literacy progress',
    `<header>
  <h1>${label('Tiến độ phổ cập kỹ năng số', 'Digital-literacy progress')}</h1>
  <form method="post" action="/logout"><span>${escapeHtml(input.staffName)}</span> <button type="submit">Đăng xuất · Sign out</button></form>
</header>
<p class="note">${label('Số liệu lúc', 'Figures as of')} ${escapeHtml(formatTime(input.source.asOfMs))} (UTC+7)${sourceNote(input)}.
${label('Mỗi người học được đếm một lần theo mã người học, dù học ở nhiều trạm.', 'Each learner is counted once by learner key, however many stations they visit.')}</p>
<form class="inline" method="get" action="/reports">
  <label><span>${label('Mã phường/xã', 'Ward code')}</span><input name="ward" value="${wardValue}" pattern="[A-Za-z0-9\\-]{1,40}"></label>
  <button type="submit">Xem · Show</button> <a href="/reports">${label('Tất cả', 'All wards')}</a> <a href="${escapeHtml(csvHref)}">${label('Tải CSV', 'Download CSV')}</a>
</form>
<h2>${label('Tổng quan theo phường/xã', 'Overview by ward')}</h2>
${summary}
<h2>${label('Theo độ tuổi', 'By age band')}</h2>
${byAge}
<h2>${label('Theo giới tính', 'By gender')}</h2>
${byGender}
<h2>${label('Bài học hoàn thành theo miền năng lực (TT 02/2025)', 'Lessons completed by competency domain')}</h2>
${byDomain}
<h2>${label('Trạm', 'Stations')}</h2>
<p class="note">${label('Không biết chính xác số sự kiện còn chờ ở trạm; bảng cho biết số thứ tự cuối cùng đã nhận và lần tải lên cuối.', 'The backlog waiting on a station is not knowable exactly; this shows the last acknowledged seq and the last upload.')}</p>
${stations}
<h2>${label('Dân số mục tiêu', 'Target population')}</h2>
<form class="inline" method="post" action="/reports/targets">
  <label><span>${label('Mã phường/xã', 'Ward code')}</span><input name="ward" value="${wardValue}" required pattern="[A-Za-z0-9\\-]{1,40}"></label>
  <label><span>${label('Số người', 'People')}</span><input name="population" type="number" min="0" max="100000000" required></label>
  <button type="submit">Lưu · Save</button>
</form>`,
  );
}
