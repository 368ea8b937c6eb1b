import { describe, expect, it } from 'vitest';
import { parseHealthReport } from '../../../../../electron/core/sync/protocol/fleet/health-report';
import { HEALTH } from '../../../../support/health-fixture';


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
