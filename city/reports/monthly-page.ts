/**
 * The monthly report as a printable A4 page: the unit, the period, the tables, and the signature block
 * Vietnamese reports carry (place and date, "Người lập biểu", "Thủ trưởng đơn vị"). Print CSS makes
 * the browser's "print to PDF" one clean document; on screen a form picks the month and the ward.
 */
import { placeName } from '../units/ward-directory';
import { DAY_MS, VIETNAM_OFFSET_MS } from '../../electron/core/sync/protocol/vietnam-time';
import { escapeHtml, formatDate, formatNumber, label, numCell, page, table } from './html';
import type { PageChrome } from './html';
import { AGE_LABELS, DOMAIN_LABELS, GENDER_LABELS } from './labels';
import type { MonthlyReport, MonthlyWardRow } from './monthly-data';

const PRINT_STYLE = `<style>
  @page { size: A4; margin: 15mm 12mm 15mm 15mm; }
  .report { font-size: 13pt; }
  .report table { font-size: 11pt; page-break-inside: auto; } .report tr { page-break-inside: avoid; } .report th { white-space: normal; }
  .report th, .report td { padding: 0.2rem 0.35rem; }
  .state-head { display: grid; grid-template-columns: 1fr 1.3fr; gap: 1rem; text-align: center; margin-bottom: 1rem; }
  .state-head p { margin: 0; } .upper { text-transform: uppercase; font-weight: bold; }
  .report h1 { text-align: center; font-size: 1.35rem; margin: 0.5rem 0 0.2rem; } .period { text-align: center; margin: 0 0 1rem; }
  .signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; text-align: center; margin-top: 1.5rem; page-break-inside: avoid; }
  .signatures .place { grid-column: 2; font-style: italic; margin: 0; } .signatures .signer { font-weight: bold; margin: 0.2rem 0 0; } .signatures .hint { font-style: italic; margin: 0 0 5rem; }
  .pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 0 1.5rem; }
  tr.total th, tr.total td { font-weight: bold; background: #f3f3f3; }
  @media print { .report { font-size: 11pt; } .report h2 { font-size: 12pt; margin: 0.8rem 0 0.3rem; } .pair { grid-template-columns: 1fr 1fr; } .report table { font-size: 9.5pt; } .report td.num { white-space: normal; } .report .table-wrap { overflow: visible; } .en { display: none; } h2 { page-break-after: avoid; } }
</style>`;

export interface MonthlyPageInput {
  readonly chrome: PageChrome;
  readonly report: MonthlyReport;
  readonly ward: string | null;
  /** The wards the staff member may pick. */
  readonly wardChoices: ReadonlyArray<{ code: string; label: string }>;
  /** The issuing body's name, e.g. "UBND Tỉnh Quảng Ninh" (from the unit's name). */
  readonly issuer: string;
}

function wardRow(row: MonthlyWardRow, isTotal: boolean): string {
  return `<tr${isTotal ? ' class="total"' : ''}>${[
    `<th scope="row">${escapeHtml(row.label)}</th>`,
    numCell(row.newLearners),
    numCell(row.cumulativeLearners),
    numCell(row.target),
    `<td class="num">${escapeHtml(row.reachedPct === null ? '—' : `${formatNumber(row.reachedPct)}\u00a0%`)}</td>`,
    numCell(row.lessonsInMonth),
    numCell(row.lessonsCumulative),
    numCell(row.groupsInMonth),
    numCell(row.attendeesInMonth),
  ].join('')}</tr>`;
}

/** The month as Vietnamese officials write it: "tháng 11 năm 2026". */
export function monthWords(report: MonthlyReport): string {
  return `tháng ${report.month.month} năm ${report.month.year}`;
}

export function monthlyPage(input: MonthlyPageInput): string {
  const { report } = input;
  const made = new Date(report.madeAtMs + 7 * 3_600_000);
  const monthValue = `${report.month.year}-${String(report.month.month).padStart(2, '0')}`;
  const query = `month=${monthValue}${input.ward === null ? '' : `&ward=${encodeURIComponent(input.ward)}`}`;
  const options = [`<option value="">${escapeHtml('Toàn bộ · All my wards')}</option>`, ...input.wardChoices.map((w) => `<option value="${escapeHtml(w.code)}"${w.code === input.ward ? ' selected' : ''}>${escapeHtml(w.label)}</option>`)].join('');
  const heads = [label('Phường/xã', 'Ward'), label('Mới trong tháng', 'New this month'), label('Lũy kế', 'Cumulative'), label('Mục tiêu', 'Target'), label('Đạt %', 'Reached %'), label('Bài hoàn thành trong tháng', 'Lessons this month'), label('Bài hoàn thành lũy kế', 'Lessons cumulative'), label('Buổi học nhóm', 'Group sessions'), label('Lượt người học nhóm', 'Attendees')];
  const summary = `<div class="table-wrap"><table data-testid="monthly-summary"><thead><tr>${heads.map((h, i) => `<th scope="col"${i > 0 ? ' class="num"' : ''}>${h}</th>`).join('')}</tr></thead><tbody>${report.rows.map((row) => wardRow(row, false)).join('\n')}${wardRow(report.total, true)}</tbody></table></div>`;
  const domains = table(
    [label('Miền năng lực', 'Domain'), label('Bài hoàn thành trong tháng', 'Lessons this month')],
    DOMAIN_LABELS.map(([key, vi, en]) => [`<th scope="row">${label(vi, en)}</th>`, numCell(report.total.domainsInMonth[key])]),
    { numericFrom: 1 },
  );
  const profile = table(
    [label('Nhóm', 'Group'), label('Người học', 'Learners')],
    [...AGE_LABELS.map(([key, vi, en]) => [`<th scope="row">${label(vi, en)}</th>`, numCell(report.profile.byAge[key])]), ...GENDER_LABELS.map(([key, vi, en]) => [`<th scope="row">${label(vi, en)}</th>`, numCell(report.profile.byGender[key])])],
    { numericFrom: 1 },
  );
  return page(
    `Báo cáo ${monthWords(report)} — ${report.unitLabel}`,
    `<form class="inline no-print" method="get" action="/reports/monthly">
  <label><span>${label('Tháng', 'Month')}</span><input type="month" name="month" value="${monthValue}" required></label>
  <label><span>${label('Phường/xã', 'Ward')}</span><select name="ward">${options}</select></label>
  <button type="submit">Xem · Show</button>
  <a class="button" href="/reports/monthly.xlsx?${escapeHtml(query)}">${label('Tải XLSX', 'Download XLSX')}</a>
  <button type="button" data-print>In · Print</button>
</form>
<article class="report">
<div class="state-head">
  <div><p class="upper">${escapeHtml(input.issuer)}</p><p>Trạm Học Số</p></div>
  <div><p class="upper">Cộng hòa xã hội chủ nghĩa Việt Nam</p><p><strong>Độc lập - Tự do - Hạnh phúc</strong></p></div>
</div>
<h1>BÁO CÁO KẾT QUẢ PHỔ CẬP KỸ NĂNG SỐ</h1>
<p class="period">${escapeHtml(report.unitLabel)} — ${escapeHtml(monthWords(report))} (${escapeHtml(formatDate(report.month.fromDay * DAY_MS - VIETNAM_OFFSET_MS))} – ${escapeHtml(formatDate(report.month.toDay * DAY_MS - VIETNAM_OFFSET_MS))})</p>
<h2>1. ${label('Người học và mục tiêu', 'Learners and target')}</h2>
${summary}
<div class="pair"><section>
<h2>2. ${label('Bài học hoàn thành trong tháng theo miền năng lực (TT 02/2025/TT-BGDĐT)', 'Lessons passed this month by competency domain')}</h2>
${domains}
</section><section>
<h2>3. ${label(`Người học theo độ tuổi và giới tính (lũy kế đến ${formatDate(report.madeAtMs)})`, 'Learners by age band and gender, as of the report date')}</h2>
${profile}
</section></div>
<p class="note">${label('Mỗi người học được đếm một lần theo mã người học; số liệu từ hệ thống Trạm Học Số.', 'Each learner is counted once by learner key; figures from the Trạm Học Số hub.')}</p>
<div class="signatures">
  <p class="place">${escapeHtml(placeName(input.issuer.replace(/^UBND\s+/u, '')))}, ngày ${made.getUTCDate()} tháng ${made.getUTCMonth() + 1} năm ${made.getUTCFullYear()}</p>
  <div><p class="signer">NGƯỜI LẬP BIỂU</p><p class="hint">(Ký, ghi rõ họ tên)</p></div>
  <div><p class="signer">THỦ TRƯỞNG ĐƠN VỊ</p><p class="hint">(Ký, đóng dấu, ghi rõ họ tên)</p></div>
</div>
</article>`,
    input.chrome,
    `${PRINT_STYLE}<script src="/assets/print.js" defer></script>`,
  );
}
