/**
 * A self-contained HTML fragment of the fleet for the officials' stations page (issue #18 item 4):
 * one row per station with what it runs and its flags, then the published lesson packs and app
 * releases. Vietnamese first, English second; every value is escaped. The page that includes it
 * supplies the layout and styles; the fragment only uses a `data-flag` attribute per flag.
 */
import type { HealthFlag } from './health-flags';
import type { FleetOverview, StationOverview } from './fleet-overview';

export const FLAG_LABELS: Record<HealthFlag, { vi: string; en: string }> = {
  silent: { vi: 'Im lặng quá 2 ngày', en: 'silent > 2 days' },
  disk_low: { vi: 'Sắp đầy đĩa', en: 'disk low' },
  no_scanner: { vi: 'Không có máy quét', en: 'no scanner' },
  backlog_growing: { vi: 'Dữ liệu chưa gửi tăng', en: 'backlog growing' },
  old_app: { vi: 'Ứng dụng cũ', en: 'old app' },
  old_pack: { vi: 'Bài học cũ', en: 'old lessons' },
  update_failed: { vi: 'Cập nhật lỗi', en: 'update failed' },
  channel_error: { vi: 'Lỗi nhận bài học/cấu hình', en: 'channel error' },
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function when(ms: number | null, nowMs: number): string {
  if (ms === null) return 'chưa bao giờ / never';
  const minutes = Math.max(0, Math.round((nowMs - ms) / 60_000));
  if (minutes < 60) return `${minutes} phút trước / min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} giờ trước / h ago` : `${Math.round(hours / 24)} ngày trước / days ago`;
}

function gib(bytes: number | null): string {
  return bytes === null ? '—' : `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

function stationRow(station: StationOverview, nowMs: number): string {
  const report = station.report;
  const contact = Math.max(station.last_seen_at ?? -Infinity, station.health_at ?? -Infinity);
  const cells = [
    escapeHtml(station.station_id),
    escapeHtml(station.ward_code),
    escapeHtml(when(Number.isFinite(contact) ? contact : null, nowMs)),
    report === null ? '—' : `${escapeHtml(report.app_version)}${station.offered_app_version !== null && station.offered_app_version !== report.app_version ? ` → ${escapeHtml(station.offered_app_version)}` : ''}`,
    report === null ? '—' : report.pack_version === null ? 'gói kèm app / bundled' : String(report.pack_version),
    report === null ? '—' : `${report.config.ward_version ?? '—'} / ${report.config.station_version ?? '—'}`,
    gib(report?.disk_free_bytes ?? null),
    report === null ? '—' : String(report.scanners.hid_pos),
    report === null ? '—' : String(report.unacked_events),
    station.flags.map((flag) => `<span class="flag" data-flag="${flag}">${escapeHtml(FLAG_LABELS[flag].vi)} <span lang="en">(${escapeHtml(FLAG_LABELS[flag].en)})</span></span>`).join(' ') || '✓',
  ];
  return `<tr data-station="${escapeHtml(station.station_id)}"${station.flags.length > 0 ? ' data-flagged="true"' : ''}>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
}

/** The fragment for an overview (fleet-overview.ts). */
export function fleetFragment(overview: FleetOverview): string {
  const head = ['Trạm / Station', 'Phường / Ward', 'Liên lạc / Contact', 'Ứng dụng / App', 'Bài học / Lessons', 'Cấu hình phường/trạm / Config', 'Đĩa trống / Free disk', 'Máy quét / Scanners', 'Chưa gửi / Unsent', 'Cảnh báo / Flags'];
  const flagged = overview.stations.filter((station) => station.flags.length > 0).length;
  const releases = overview.lesson_releases
    .slice(0, 5)
    .map((release) => `<li>v${release.version}: ${release.files} tệp / files, ${(release.total_bytes / 1024 ** 2).toFixed(1)} MB, app ≥ ${escapeHtml(release.min_app_version)}, ${escapeHtml(release.published_by)}</li>`)
    .join('');
  const rollouts = new Map(overview.rollouts.map((rollout) => [rollout.version, rollout]));
  const apps = overview.app_releases
    .slice(0, 5)
    .map((release) => {
      const rollout = rollouts.get(release.version);
      const reach = rollout === undefined ? 'chưa phát hành / not rolled out' : `${rollout.percent}%${rollout.wards.length > 0 ? ` + ${rollout.wards.map(escapeHtml).join(', ')}` : ''}`;
      return `<li>${escapeHtml(release.version)} (${escapeHtml(release.platform)}): ${reach}</li>`;
    })
    .join('');
  return [
    '<section class="fleet" data-fragment="fleet">',
    `<h2>Trạm trong tỉnh <span lang="en">/ Stations</span>: ${overview.stations.length}, ${flagged} cần xem <span lang="en">/ need a look</span></h2>`,
    `<table class="fleet-stations"><thead><tr>${head.map((cell) => `<th scope="col">${cell}</th>`).join('')}</tr></thead>`,
    `<tbody>${overview.stations.map((station) => stationRow(station, overview.now_ms)).join('')}</tbody></table>`,
    `<h3>Gói bài học đã phát hành <span lang="en">/ Lesson packs</span></h3><ul>${releases || '<li>—</li>'}</ul>`,
    `<h3>Bản cập nhật ứng dụng <span lang="en">/ App releases</span></h3><ul>${apps || '<li>—</li>'}</ul>`,
    '</section>',
  ].join('\n');
}
