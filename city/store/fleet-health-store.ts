/**
 * Station health (docs/PROTOCOL.md §11.5): the latest report per station and 30 days of history.
 * Every insert prunes that station's history older than the window, so the table never grows past
 * about 2,900 rows per station (a report every 15 minutes).
 */
import type { HealthReport } from '../../electron/core/sync/protocol/fleet/health-report';
import type { SqlExecutor } from '../db/hub-database';

export const HEALTH_HISTORY_MS = 30 * 24 * 60 * 60 * 1000;

/** Stores a report as the latest and in the history; prunes that station's history past 30 days. */
export async function recordHealth(db: SqlExecutor, p: { stationId: string; receivedAt: number; report: HealthReport }): Promise<void> {
  const json = JSON.stringify(p.report);
  await db.query(
    `INSERT INTO station_health (station_id, received_at, report) VALUES ($1, $2, $3::jsonb)
     ON CONFLICT (station_id) DO UPDATE SET received_at = excluded.received_at, report = excluded.report
     WHERE station_health.received_at <= excluded.received_at`,
    [p.stationId, p.receivedAt, json],
  );
  await db.query('INSERT INTO station_health_history (station_id, received_at, report) VALUES ($1, $2, $3::jsonb) ON CONFLICT DO NOTHING', [p.stationId, p.receivedAt, json]);
  await db.query('DELETE FROM station_health_history WHERE station_id = $1 AND received_at < $2', [p.stationId, p.receivedAt - HEALTH_HISTORY_MS]);
}

export interface StationHealthRow {
  readonly station_id: string;
  readonly ward_code: string;
  readonly status: 'active' | 'revoked';
  readonly last_seen_at: number | null;
  readonly health_at: number | null;
  readonly report: HealthReport | null;
}

/** Every station with its latest report (null before the first), optionally one ward's. */
export async function listStationHealth(db: SqlExecutor, ward: string | null = null): Promise<StationHealthRow[]> {
  return db.query<StationHealthRow>(
    `SELECT s.station_id, s.ward_code, s.status, s.last_seen_at, h.received_at AS health_at, h.report
     FROM stations s LEFT JOIN station_health h ON h.station_id = s.station_id
     WHERE $1::text IS NULL OR s.ward_code = $1 ORDER BY s.ward_code, s.station_id`,
    [ward],
  );
}

/** A station's history since `sinceMs`, oldest first. */
export async function healthHistory(db: SqlExecutor, p: { stationId: string; sinceMs: number }): Promise<Array<{ received_at: number; report: HealthReport }>> {
  return db.query('SELECT received_at, report FROM station_health_history WHERE station_id = $1 AND received_at >= $2 ORDER BY received_at', [p.stationId, p.sinceMs]);
}

/** Unacknowledged-event counts per station over the window (oldest first), for the backlog flag. */
export async function backlogSeries(db: SqlExecutor, p: { sinceMs: number }): Promise<Map<string, Array<{ at: number; unacked: number }>>> {
  const rows = await db.query<{ station_id: string; received_at: number; unacked: number }>(
    "SELECT station_id, received_at, (report->>'unacked_events')::bigint AS unacked FROM station_health_history WHERE received_at >= $1 ORDER BY station_id, received_at",
    [p.sinceMs],
  );
  const series = new Map<string, Array<{ at: number; unacked: number }>>();
  for (const row of rows) {
    const list = series.get(row.station_id) ?? [];
    list.push({ at: row.received_at, unacked: Number(row.unacked) });
    series.set(row.station_id, list);
  }
  return series;
}
