/**
 * The dashboard (issue #17 item 4), server-rendered: headline figures, a sortable table of wards with
 * a progress bar each (wards without a station or with silent stations stand out), the weekly trend,
 * age bands, gender, completions per competency domain and group sessions. Each chart is followed by
 * its numbers in a table.
 */
import type { ReportSource } from '../db/report-reader';
import { barChart, progressBar, trendChart } from './charts';
import type { Dashboard, WardOverview } from './dashboard-data';
import { escapeHtml, formatNumber, formatTime, label, numCell, page, table } from './html';
import type { PageChrome } from './html';
import { AGE_LABELS, DOMAIN_LABELS, GENDER_LABELS } from './labels';

export const SORT_KEYS = ['ward', 'learners', 'pct', 'stations'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface DashboardPageInput {
  readonly chrome: PageChrome;
  readonly nowMs: number;
  readonly source: Pick<ReportSource, 'source' | 'asOfMs' | 'fallback'>;
  /** "Tỉnh Quảng Ninh", "Phường Hạ Long (06688)" or "Các phường/xã được giao". */
  readonly unitLabel: string;
  readonly ward: string | null;
  readonly dashboard: Dashboard;
  readonly sort: SortKey;
  readonly descending: boolean;
}

function sortWards(wards: readonly WardOverview[], key: SortKey, descending: boolean): WardOverview[] {
  const value = (w: WardOverview): number | string => (key === 'ward' ? w.label : key === 'learners' ? w.progress.learners : key === 'pct' ? (w.progress.reachedPct ?? -1) : w.stations);
  const sorted = [...wards].sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    const order = typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y, 'vi') : Number(x) - Number(y);
    return order || a.label.localeCompare(b.label, 'vi');
  });
  return descending ? sorted.reverse() : sorted;
}

function sortLink(input: DashboardPageInput, key: SortKey, text: string): string {
  const descending = input.sort === key ? !input.descending : key !== 'ward';
  const arrow = input.sort === key ? (input.descending ? ' ▼' : ' ▲') : '';
  return `<a href="/dashboard?sort=${key}&amp;dir=${descending ? 'desc' : 'asc'}">${text}${arrow}</a>`;
}

function stationState(w: WardOverview): string {
  if (w.stations === 0) return `<span class="badge">${label('Chưa có trạm', 'no station')}</span>`;
  if (w.silentStations > 0) return `<span class="badge">${label(`${w.silentStations} trạm im lặng quá 7 ngày`, 'silent > 7 days')}</span>`;
  return `<span class="ok">${label('Hoạt động', 'active')}</span>`;
}

function wardTable(input: DashboardPageInput): string {
  const rows = sortWards(input.dashboard.wards, input.sort, input.descending).map((w) => {
    const pct = w.progress.reachedPct;
    const barText = pct === null ? `${w.label}: chưa đặt mục tiêu` : `${w.label}: đạt ${formatNumber(pct)} % mục tiêu`;
    const attention = w.stations === 0 || w.silentStations > 0 ? ' class="attention"' : '';
    return `<tr${attention}>${[
      `<th scope="row"><a href="/dashboard?ward=${encodeURIComponent(w.code)}">${escapeHtml(w.label)}</a></th>`,
      numCell(w.progress.learners),
      numCell(w.progress.targetPopulation),
      `<td class="num">${progressBar(pct, barText)} ${escapeHtml(pct === null ? '—' : `${formatNumber(pct)} %`)}</td>`,
      numCell(w.progress.lessonsCompleted),
      `<td class="num">${escapeHtml(formatNumber(w.stations))}</td>`,
      `<td>${stationState(w)}<br><span class="note">${escapeHtml(formatTime(w.lastSeenAt))}</span></td>`,
    ].join('')}</tr>`;
  });
  const headers = [
    sortLink(input, 'ward', label('Phường/xã', 'Ward')),
    sortLink(input, 'learners', label('Người học', 'Learners')),
    label('Mục tiêu', 'Target'),
    sortLink(input, 'pct', label('Đạt %', 'Reached %')),
    label('Bài hoàn thành', 'Lessons passed'),
    sortLink(input, 'stations', label('Số trạm', 'Stations')),
    label('Trạm, liên lạc cuối', 'Stations, last seen'),
  ];
  const sortedBy: Array<SortKey | null> = ['ward', 'learners', null, 'pct', null, 'stations', null];
  const ariaSort = (i: number) => (sortedBy[i] !== null && sortedBy[i] === input.sort ? ` aria-sort="${input.descending ? 'descending' : 'ascending'}"` : '');
  return `<div class="table-wrap"><table><caption class="note">${label('Bấm tên cột để sắp xếp', 'Click a column name to sort')}</caption><thead><tr>${headers.map((h, i) => `<th scope="col"${i >= 1 && i <= 5 ? ' class="num"' : ''}${ariaSort(i)}>${h}</th>`).join('')}</tr></thead><tbody>${rows.join('\n')}</tbody></table></div>`;
}

function sourceNote(input: DashboardPageInput): string {
  const { source, asOfMs, fallback } = input.source;
  if (fallback !== null) return ` — <span class="warn" data-report-source="primary">${label('bản sao chỉ đọc không dùng được, số liệu lấy từ máy chủ chính', 'read replica not usable, figures from the primary')}: ${escapeHtml(fallback)}</span>`;
  if (source === 'primary') return '';
  const ageS = Math.max(0, Math.round((input.nowMs - asOfMs) / 1000));
  return ` — <span data-report-source="replica" data-age-s="${ageS}">${label('từ bản sao chỉ đọc', 'from the read replica')}, ${label(`cũ ${ageS} giây`, `${ageS} s old`)}</span>`;
}

/** The whole dashboard page. */
export function dashboardPage(input: DashboardPageInput): string {
  const { dashboard } = input;
  const t = dashboard.total;
  const cards = `<div class="cards" data-testid="totals">
  <div class="card"><span class="big" data-total="learners">${escapeHtml(formatNumber(t.learners))}</span>${label('người học đã tiếp cận', 'learners reached')}</div>
  <div class="card"><span class="big" data-total="target">${escapeHtml(formatNumber(t.targetPopulation))}</span>${label('dân số mục tiêu', 'target population')}</div>
  <div class="card"><span class="big" data-total="pct">${escapeHtml(t.reachedPct === null ? '—' : `${formatNumber(t.reachedPct)} %`)}</span>${label('đạt mục tiêu', 'of the target')}</div>
  <div class="card"><span class="big" data-total="lessons">${escapeHtml(formatNumber(t.lessonsCompleted))}</span>${label('bài học hoàn thành', 'lessons passed')}</div>
  <div class="card"><span class="big" data-total="groups">${escapeHtml(formatNumber(dashboard.groups))}</span>${label(`buổi học nhóm, ${formatNumber(dashboard.groupAttendees)} lượt người`, 'group sessions (attendees)')}</div>
</div>`;
  const ages = AGE_LABELS.map(([key, vi]) => ({ label: vi, value: t.byAge[key] }));
  const genders = GENDER_LABELS.map(([key, vi]) => ({ label: vi, value: t.byGender[key] }));
  const domains = DOMAIN_LABELS.map(([key, vi]) => ({ label: vi, value: t.byCompetency[key] }));
  const numbers = (items: Array<{ label: string; value: number }>) => table([label('Nhóm', 'Group'), label('Số', 'Number')], items.map((item) => [`<th scope="row">${escapeHtml(item.label)}</th>`, numCell(item.value)]), { numericFrom: 1 });
  const weekRows = dashboard.weeks.filter((w) => w.newLearners > 0 || w === dashboard.weeks.at(-1));
  const moves = dashboard.wards.filter((w) => w.movedIn + w.movedOut > 0);
  const title = `Tổng quan — ${input.unitLabel}`;
  return page(
    title,
    `<h1>${label('Tiến độ phổ cập kỹ năng số', 'Digital-literacy progress')}: ${escapeHtml(input.unitLabel)}</h1>
<p class="note">${label('Số liệu lúc', 'Figures as of')} ${escapeHtml(formatTime(input.source.asOfMs))} (UTC+7)${sourceNote(input)}. ${label('Mỗi người học được đếm một lần, dù học ở nhiều trạm.', 'Each learner is counted once, however many stations they visit.')}
${input.ward === null ? '' : ` <a href="/dashboard">${label('Về toàn bộ', 'Back to all wards')}</a>`} · <a href="/reports/monthly${input.ward === null ? '' : `?ward=${encodeURIComponent(input.ward)}`}">${label('Báo cáo tháng', 'Monthly report')}</a> · <a href="/reports/export.csv${input.ward === null ? '' : `?ward=${encodeURIComponent(input.ward)}`}">${label('Tải CSV', 'Download CSV')}</a></p>
${cards}
<h2>${label('Các phường/xã', 'Wards')}</h2>
${wardTable(input)}
<div class="charts">
<figure><figcaption>${label('Người học theo tuần, lũy kế so với mục tiêu', 'Learners per week, cumulative against the target')}</figcaption>
${trendChart({ id: 'trend', title: `Người học theo tuần — ${input.unitLabel}`, weeks: dashboard.weeks, target: t.targetPopulation })}
<details><summary>${label('Số liệu theo tuần', 'Weekly figures')}</summary>${table([label('Tuần từ', 'Week of'), label('Mới', 'New'), label('Lũy kế', 'Cumulative')], weekRows.map((w) => [`<th scope="row">${escapeHtml(w.label)}</th>`, numCell(w.newLearners), numCell(w.cumulative)]), { numericFrom: 1 })}</details></figure>
<figure><figcaption>${label('Theo độ tuổi', 'By age band')}</figcaption>${barChart({ id: 'ages', title: 'Người học theo độ tuổi', items: ages })}${numbers(ages)}</figure>
<figure><figcaption>${label('Theo giới tính', 'By gender')}</figcaption>${barChart({ id: 'genders', title: 'Người học theo giới tính', items: genders })}${numbers(genders)}</figure>
<figure><figcaption>${label('Bài hoàn thành theo miền năng lực (TT 02/2025)', 'Lessons passed by competency domain')}</figcaption>${barChart({ id: 'domains', title: 'Bài học hoàn thành theo miền năng lực', items: domains })}${numbers(domains)}</figure>
</div>
<h2>${label('Học nhóm', 'Group sessions')}</h2>
${table([label('Phường/xã', 'Ward'), label('Buổi học nhóm', 'Sessions'), label('Lượt người', 'Attendees')], dashboard.wards.filter((w) => w.groups > 0).map((w) => [`<th scope="row">${escapeHtml(w.label)}</th>`, numCell(w.groups), numCell(w.groupAttendees)]), { numericFrom: 1 })}
${moves.length === 0 ? '' : `<h2>${label('Người học chuyển phường/xã', 'Learners whose ward moved')}</h2>${table([label('Phường/xã', 'Ward'), label('Chuyển đến', 'Moved in'), label('Chuyển đi', 'Moved out')], moves.map((w) => [`<th scope="row">${escapeHtml(w.label)}</th>`, numCell(w.movedIn), numCell(w.movedOut)]), { numericFrom: 1 })}`}`,
    input.chrome,
  );
}
