/** A complete, healthy station health report (docs/PROTOCOL.md §11.5) for tests to vary. */
import { HEALTH_FORMAT } from '../../electron/core/sync/protocol/fleet/health-report';
import type { HealthReport } from '../../electron/core/sync/protocol/fleet/health-report';

export const HEALTH: HealthReport = {
  format: HEALTH_FORMAT,
  sent_ms: 1_760_000_000_000,
  app_version: '0.1.0',
  platform: 'linux',
  pack_version: 3,
  pack_pending: null,
  config: { ward_version: 2, station_version: null },
  disk_free_bytes: 20_000_000_000,
  disk_total_bytes: 64_000_000_000,
  db_bytes: 4_000_000,
  unacked_events: 12,
  scanners: { hid_pos: 1, demo: 0 },
  last_recovery: { kind: 'renderer-gone', action: 'reload', at_ms: 1 },
  uptime_s: 3600,
  clock_offset_ms: -1200,
  open_now: true,
  update: { state: 'idle', version: null, error: null, at_ms: null },
  channel: { error: null, at_ms: null },
};
