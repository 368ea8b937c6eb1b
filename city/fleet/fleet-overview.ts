/**
 * The fleet as the officials' stations page shows it: each station with its latest health, its
 * flags (health-flags.ts) and what it runs against what is published, plus the published lesson
 * releases and app releases with their rollouts. Read-only; no personal data exists in any of it.
 */
import type { UpdatePlatform } from '../../electron/core/sync/protocol/fleet/fleet-wire';
import type { HubContext } from '../hub-context';
import { listAppReleases, listRollouts } from '../store/fleet-app-store';
import type { AppReleaseRow, RolloutRow } from '../store/fleet-app-store';
import { listLessonReleases } from '../store/fleet-channel-store';
import { backlogSeries, listStationHealth } from '../store/fleet-health-store';
import type { StationHealthRow } from '../store/fleet-health-store';
import { BACKLOG_WINDOW_MS, healthFlags } from './health-flags';
import type { HealthFlag } from './health-flags';
import { offeredRelease } from './rollout';

/** A station's latest health (city/store/fleet-health-store.ts) with what the stations page adds. */
export interface StationOverview extends StationHealthRow {
  readonly offered_app_version: string | null;
  readonly flags: HealthFlag[];
}

export interface FleetOverview {
  readonly now_ms: number;
  readonly latest_pack_version: number | null;
  readonly stations: StationOverview[];
  readonly lesson_releases: Awaited<ReturnType<typeof listLessonReleases>>;
  readonly app_releases: Array<Omit<AppReleaseRow, 'sig' | 'blob_sha256'>>;
  readonly rollouts: RolloutRow[];
}

/** Every station (or one ward's) with its flags, and what is published. */
export async function fleetOverview(ctx: HubContext, ward: string | null = null): Promise<FleetOverview> {
  const nowMs = ctx.now();
  const [stations, series, lessonReleases, appReleases, rollouts] = await Promise.all([
    listStationHealth(ctx.db, ward),
    backlogSeries(ctx.db, { sinceMs: nowMs - BACKLOG_WINDOW_MS }),
    listLessonReleases(ctx.db),
    listAppReleases(ctx.db),
    listRollouts(ctx.db),
  ]);
  const latestPack = lessonReleases[0]?.version ?? null;
  const forPlatform = (platform: string) => appReleases.filter((release) => release.platform === platform);
  return {
    now_ms: nowMs,
    latest_pack_version: latestPack,
    stations: stations.map((row) => {
      const platform = row.report?.platform;
      const offered = platform === 'win32' || platform === 'linux' ? offeredRelease(forPlatform(platform as UpdatePlatform), rollouts, { stationId: row.station_id, wardCode: row.ward_code }) : null;
      const flags = healthFlags({
        nowMs,
        status: row.status,
        lastSeenAt: row.last_seen_at,
        healthAt: row.health_at,
        report: row.report,
        backlog: series.get(row.station_id) ?? [],
        offeredAppVersion: offered?.version ?? null,
        latestPackVersion: latestPack,
      });
      return { ...row, offered_app_version: offered?.version ?? null, flags };
    }),
    lesson_releases: lessonReleases,
    app_releases: appReleases.map(({ sig: _sig, blob_sha256: _blob, ...rest }) => rest),
    rollouts,
  };
}
