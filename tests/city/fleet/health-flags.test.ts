import { describe, expect, it } from 'vitest';
import type { HealthReport } from '../../../electron/core/sync/protocol/fleet/health-report';
import { DISK_LOW_BYTES, healthFlags, isBacklogGrowing, SILENT_AFTER_MS } from '../../../city/fleet/health-flags';
import type { FlagInput } from '../../../city/fleet/health-flags';
import { HEALTH } from '../../support/health-fixture';

const NOW = 1_770_000_000_000;
const HOUR = 3_600_000;
const report = (over: Partial<HealthReport> = {}): HealthReport => ({ ...HEALTH, ...over });
const input = (over: Partial<FlagInput> = {}): FlagInput => ({
  nowMs: NOW,
  status: 'active',
  lastSeenAt: NOW - HOUR,
  healthAt: NOW - HOUR,
  report: report(),
  backlog: [],
  offeredAppVersion: '0.1.0',
  latestPackVersion: 3,
  ...over,
});

describe('health flags', () => {
  it('a healthy station has none', () => {
    expect(healthFlags(input())).toEqual([]);
  });

  it('silent after 2 days without any contact, or never heard from', () => {
    expect(healthFlags(input({ lastSeenAt: NOW - SILENT_AFTER_MS + 1, healthAt: null }))).toEqual([]);
    expect(healthFlags(input({ lastSeenAt: NOW - SILENT_AFTER_MS - 1, healthAt: NOW - SILENT_AFTER_MS - 5 }))).toEqual(['silent']);
    expect(healthFlags(input({ lastSeenAt: NOW - 3 * SILENT_AFTER_MS, healthAt: NOW - HOUR }))).toEqual([]);
    expect(healthFlags(input({ lastSeenAt: null, healthAt: null, report: null }))).toEqual(['silent', 'old_pack']);
  });

  it('disk low under 2 GiB or under 10 %', () => {
    expect(healthFlags(input({ report: report({ disk_free_bytes: DISK_LOW_BYTES - 1, disk_total_bytes: 10 * DISK_LOW_BYTES }) }))).toEqual(['disk_low']);
    expect(healthFlags(input({ report: report({ disk_free_bytes: 9 * 1024 ** 3, disk_total_bytes: 100 * 1024 ** 3 }) }))).toEqual(['disk_low']);
    expect(healthFlags(input({ report: report({ disk_free_bytes: null, disk_total_bytes: null }) }))).toEqual([]);
  });

  it('no scanner when no HID-POS scanner is connected; the demo scanner does not count', () => {
    expect(healthFlags(input({ report: report({ scanners: { hid_pos: 0, demo: 1 } }) }))).toEqual(['no_scanner']);
  });

  it('old app against the offered version, old pack against the newest, bundled pack counts as old', () => {
    expect(healthFlags(input({ offeredAppVersion: '0.2.0' }))).toEqual(['old_app']);
    expect(healthFlags(input({ offeredAppVersion: null }))).toEqual([]);
    expect(healthFlags(input({ latestPackVersion: 4 }))).toEqual(['old_pack']);
    expect(healthFlags(input({ report: report({ pack_version: null }) }))).toEqual(['old_pack']);
    expect(healthFlags(input({ report: report({ pack_version: null }), latestPackVersion: null }))).toEqual([]);
  });

  it('a failed update and a channel error are flagged; a revoked station never is', () => {
    expect(healthFlags(input({ report: report({ update: { state: 'failed', version: '0.2.0', error: 'install_did_not_take', at_ms: 1 }, channel: { error: 'bad_signature', at_ms: 1 } }) }))).toEqual(['update_failed', 'channel_error']);
    expect(healthFlags(input({ status: 'revoked', lastSeenAt: null, report: report({ scanners: { hid_pos: 0, demo: 0 } }) }))).toEqual([]);
  });

  it('backlog growing: a day of reports that only rise by 100 or more', () => {
    const series = (values: number[], stepHours = 6) => values.map((unacked, i) => ({ at: NOW - (values.length - 1 - i) * stepHours * HOUR, unacked }));
    expect(isBacklogGrowing(NOW, series([10, 60, 200]))).toBe(true);
    expect(isBacklogGrowing(NOW, series([10, 300, 0, 200]))).toBe(false);
    expect(isBacklogGrowing(NOW, series([10, 50, 90]))).toBe(false);
    expect(isBacklogGrowing(NOW, series([10, 500], 12))).toBe(false);
    expect(isBacklogGrowing(NOW, series([10, 300, 600], 2))).toBe(false);
    expect(isBacklogGrowing(NOW, [{ at: NOW - 40 * HOUR, unacked: 0 }, ...series([500, 500, 500])])).toBe(false);
    expect(healthFlags(input({ backlog: series([10, 60, 200]) }))).toEqual(['backlog_growing']);
  });
});
