import { describe, expect, it } from 'vitest';
import { HEALTH_FORMAT, parseHealthReport } from '../../../electron/core/fleet/health-report';

export const HEALTH = {
  format: HEALTH_FORMAT,
  sent_ms: 1_760_000_000_000,
  app_version: '0.1.0',
  pack_version: 3,
  pack_pending: null,
  config: { ward_version: 2, station_version: null },
  disk_free_bytes: 5_000_000_000,
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

describe('health report', () => {
  it('accepts a report and drops fields it does not know', () => {
    const parsed = parseHealthReport({ ...HEALTH, learner_name: 'Nguyễn Văn An' });
    expect(parsed.ok && parsed.value).toEqual(HEALTH);
    expect(JSON.stringify(parsed)).not.toContain('Nguyễn');
  });

  it.each([
    [{ app_version: 'dev build' }, 'app_version'],
    [{ unacked_events: -1 }, 'unacked_events'],
    [{ scanners: { hid_pos: 1 } }, 'scanners.demo: required'],
    [{ last_recovery: { kind: 'crashed because of Nguyễn', action: null, at_ms: 1 } }, 'last_recovery.kind'],
    [{ update: { state: 'failed', version: null, error: 'Lỗi ở C:\\Users\\An', at_ms: 1 } }, 'update.error'],
    [{ format: 'other' }, 'format'],
  ])('refuses %j naming %s', (change, field) => {
    const parsed = parseHealthReport({ ...HEALTH, ...change });
    expect(parsed).toEqual({ ok: false, detail: expect.stringContaining(field) });
  });
});
