/**
 * What the stations page flags (issue #18 item 4), decided in one pure function so every rule has a
 * test and the page, the JSON route and any alert read the same answer.
 *
 * - `silent`: no contact (signed request or health report) for more than 2 days, or never;
 * - `disk_low`: under 2 GiB free, or under 10 % of the disk;
 * - `no_scanner`: the last report shows no HID-POS scanner connected (the demo scanner does not count);
 * - `backlog_growing`: over the last 24 h, reports spanning at least 12 h whose unacknowledged count
 *   never fell and rose by at least 100 events (a station that uploads empties it regularly);
 * - `old_app`: running an older version than the release the rollout offers it;
 * - `old_pack`: running an older lesson pack (or the bundled one) than the newest published;
 * - `update_failed`, `channel_error`: the station reports a failed update or lesson/config check.
 * A revoked station is not flagged: nobody expects it to call.
 */
import { compareAppVersions } from '../../electron/core/sync/protocol/fleet/app-version';
import type { HealthReport } from '../../electron/core/sync/protocol/fleet/health-report';

export const SILENT_AFTER_MS = 2 * 24 * 60 * 60 * 1000;
export const DISK_LOW_BYTES = 2 * 1024 ** 3;
export const DISK_LOW_FRACTION = 0.1;
export const BACKLOG_WINDOW_MS = 24 * 60 * 60 * 1000;
export const BACKLOG_MIN_SPAN_MS = 12 * 60 * 60 * 1000;
export const BACKLOG_MIN_RISE = 100;

export type HealthFlag = 'silent' | 'disk_low' | 'no_scanner' | 'backlog_growing' | 'old_app' | 'old_pack' | 'update_failed' | 'channel_error';

export interface FlagInput {
  readonly nowMs: number;
  readonly status: 'active' | 'revoked';
  readonly lastSeenAt: number | null;
  readonly healthAt: number | null;
  readonly report: HealthReport | null;
  /** Unacknowledged counts from the history, oldest first. */
  readonly backlog: readonly { readonly at: number; readonly unacked: number }[];
  /** The app version the rollout offers this station (null: none offered). */
  readonly offeredAppVersion: string | null;
  /** The newest published lesson pack (null: none). */
  readonly latestPackVersion: number | null;
}

/** True when the backlog rule of the header holds for these samples. */
export function isBacklogGrowing(nowMs: number, samples: readonly { readonly at: number; readonly unacked: number }[]): boolean {
  const recent = samples.filter((sample) => sample.at >= nowMs - BACKLOG_WINDOW_MS);
  const first = recent[0];
  const last = recent[recent.length - 1];
  if (first === undefined || last === undefined || recent.length < 3 || last.at - first.at < BACKLOG_MIN_SPAN_MS) return false;
  for (let i = 1; i < recent.length; i++) if ((recent[i]?.unacked ?? 0) < (recent[i - 1]?.unacked ?? 0)) return false;
  return last.unacked - first.unacked >= BACKLOG_MIN_RISE;
}

/** The flags of one station, in a fixed order. */
export function healthFlags(input: FlagInput): HealthFlag[] {
  if (input.status !== 'active') return [];
  const flags: HealthFlag[] = [];
  const contact = Math.max(input.lastSeenAt ?? -Infinity, input.healthAt ?? -Infinity);
  if (!Number.isFinite(contact) || input.nowMs - contact > SILENT_AFTER_MS) flags.push('silent');
  const report = input.report;
  if (report === null) {
    if (input.latestPackVersion !== null) flags.push('old_pack');
    return flags;
  }
  const free = report.disk_free_bytes;
  const total = report.disk_total_bytes;
  if (free !== null && (free < DISK_LOW_BYTES || (total !== null && total > 0 && free / total < DISK_LOW_FRACTION))) flags.push('disk_low');
  if (report.scanners.hid_pos === 0) flags.push('no_scanner');
  if (isBacklogGrowing(input.nowMs, input.backlog)) flags.push('backlog_growing');
  if (input.offeredAppVersion !== null && compareAppVersions(report.app_version, input.offeredAppVersion) < 0) flags.push('old_app');
  if (input.latestPackVersion !== null && (report.pack_version === null || report.pack_version < input.latestPackVersion)) flags.push('old_pack');
  if (report.update.state === 'failed') flags.push('update_failed');
  if (report.channel.error !== null) flags.push('channel_error');
  return flags;
}
