/**
 * Charts drawn on the server as SVG: no library and no download at run time, so they work offline and
 * print. Each one is `role="img"` with a `<title>` and a `<desc>` that carry its numbers in words, and
 * the page shows the same numbers in a table beside it. Numbers are in Vietnamese format.
 */
import { escapeHtml, formatNumber } from './html';

const BLUE = '#0b5394';
const ORANGE = '#b45f06';
const GREY = '#595959';

function svg(width: number, height: number, title: string, desc: string, body: string, id: string): string {
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-t ${id}-d" xmlns="http://www.w3.org/2000/svg" font-family="Be Vietnam Pro, Arial, sans-serif"><title id="${id}-t">${escapeHtml(title)}</title><desc id="${id}-d">${escapeHtml(desc)}</desc>${body}</svg>`;
}

/** A progress bar (0–100 %+) with its number in its label; a missing target draws an empty grey frame. */
export function progressBar(pct: number | null, text: string): string {
  const width = 160;
  const filled = pct === null ? 0 : Math.max(0, Math.min(100, pct)) * (width / 100);
  const colour = pct !== null && pct >= 100 ? '#1e5e20' : BLUE;
  return `<svg class="bar" width="${width}" height="16" viewBox="0 0 ${width} 16" role="img" aria-label="${escapeHtml(text)}" xmlns="http://www.w3.org/2000/svg"><rect x="0.5" y="0.5" width="${width - 1}" height="15" fill="#fff" stroke="${GREY}"/><rect x="1" y="1" width="${filled.toFixed(1)}" height="14" fill="${colour}"/></svg>`;
}

export interface BarItem {
  readonly label: string;
  readonly value: number;
}

/** Horizontal bars, one per item, each with its label and value written beside it. */
export function barChart(p: { id: string; title: string; items: readonly BarItem[] }): string {
  const rowH = 30;
  const labelW = 260;
  const barW = 300;
  const width = labelW + barW + 90;
  const height = Math.max(1, p.items.length) * rowH + 10;
  const max = Math.max(1, ...p.items.map((item) => item.value));
  const rows = p.items
    .map((item, i) => {
      const y = 5 + i * rowH;
      const w = (item.value / max) * barW;
      return `<text x="${labelW - 8}" y="${y + 19}" text-anchor="end" font-size="15" fill="#111">${escapeHtml(item.label)}</text><rect x="${labelW}" y="${y + 4}" width="${w.toFixed(1)}" height="20" fill="${BLUE}"/><text x="${labelW + w + 6}" y="${y + 19}" font-size="15" fill="#111">${escapeHtml(formatNumber(item.value))}</text>`;
    })
    .join('');
  const desc = p.items.map((item) => `${item.label}: ${formatNumber(item.value)}`).join('; ');
  return svg(width, height, p.title, desc, rows, p.id);
}

export interface WeekPoint {
  /** dd/mm of the week's Monday. */
  readonly label: string;
  readonly newLearners: number;
  readonly cumulative: number;
}

/** Weekly new learners (bars), the cumulative total (line) and the target (dashed line). */
export function trendChart(p: { id: string; title: string; weeks: readonly WeekPoint[]; target: number | null }): string {
  const width = 720;
  const height = 300;
  const left = 70;
  const right = 20;
  const top = 20;
  const bottom = 50;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const max = Math.max(1, p.target ?? 0, ...p.weeks.map((w) => w.cumulative));
  const y = (value: number) => top + plotH - (value / max) * plotH;
  const step = plotW / Math.max(1, p.weeks.length);
  const x = (i: number) => left + step * i + step / 2;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(max * f));
  const grid = ticks
    .map((t) => `<line x1="${left}" x2="${width - right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#ddd"/><text x="${left - 6}" y="${(y(t) + 5).toFixed(1)}" text-anchor="end" font-size="13" fill="#111">${escapeHtml(formatNumber(t))}</text>`)
    .join('');
  const bars = p.weeks.map((w, i) => `<rect x="${(x(i) - step * 0.3).toFixed(1)}" y="${y(w.newLearners).toFixed(1)}" width="${(step * 0.6).toFixed(1)}" height="${(top + plotH - y(w.newLearners)).toFixed(1)}" fill="#9fc5e8"/>`).join('');
  const line = p.weeks.length === 0 ? '' : `<polyline fill="none" stroke="${BLUE}" stroke-width="3" points="${p.weeks.map((w, i) => `${x(i).toFixed(1)},${y(w.cumulative).toFixed(1)}`).join(' ')}"/>`;
  const target = p.target === null ? '' : `<line x1="${left}" x2="${width - right}" y1="${y(p.target).toFixed(1)}" y2="${y(p.target).toFixed(1)}" stroke="${ORANGE}" stroke-width="2.5" stroke-dasharray="8 5"/>`;
  const every = Math.max(1, Math.ceil(p.weeks.length / 8));
  const labels = p.weeks.map((w, i) => (i % every === 0 ? `<text x="${x(i).toFixed(1)}" y="${height - bottom + 20}" text-anchor="middle" font-size="13" fill="#111">${escapeHtml(w.label)}</text>` : '')).join('');
  const legend = `<rect x="${left}" y="${height - 18}" width="14" height="10" fill="#9fc5e8"/><text x="${left + 20}" y="${height - 8}" font-size="13" fill="#111">Mới trong tuần</text><line x1="${left + 150}" x2="${left + 180}" y1="${height - 13}" y2="${height - 13}" stroke="${BLUE}" stroke-width="3"/><text x="${left + 186}" y="${height - 8}" font-size="13" fill="#111">Lũy kế</text><line x1="${left + 260}" x2="${left + 290}" y1="${height - 13}" y2="${height - 13}" stroke="${ORANGE}" stroke-width="2.5" stroke-dasharray="8 5"/><text x="${left + 296}" y="${height - 8}" font-size="13" fill="#111">Mục tiêu</text>`;
  const last = p.weeks.at(-1);
  const desc = `${p.weeks.length} tuần. ${last === undefined ? 'Chưa có người học.' : `Lũy kế đến tuần ${last.label}: ${formatNumber(last.cumulative)} người.`} ${p.target === null ? 'Chưa đặt mục tiêu.' : `Mục tiêu: ${formatNumber(p.target)} người.`} Theo tuần: ${p.weeks.map((w) => `${w.label} +${formatNumber(w.newLearners)}`).join(', ')}`;
  return svg(width, height, p.title, desc, grid + bars + line + target + labels + legend, p.id);
}
