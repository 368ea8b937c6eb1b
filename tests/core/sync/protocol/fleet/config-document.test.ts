import { describe, expect, it } from 'vitest';
import { allowedSettingPaths, applySettingLayers, CONFIG_DOCUMENT_FORMAT, configLayer, disallowedSetting, parseConfigDocumentText } from '../../../../../electron/core/sync/protocol/fleet/config-document';
import { isFleetError } from '../../../../../electron/core/sync/protocol/fleet/fleet-error';

const doc = (settings: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ format: CONFIG_DOCUMENT_FORMAT, target: { ward_code: '06688' }, version: 4, issued_ms: 1, settings, ...extra });

function refusal(text: string): { code: string; message: string } {
  try {
    parseConfigDocumentText(text);
  } catch (error) {
    if (isFleetError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('accepted');
}

describe('signed config documents', () => {
  it('allows only the listed fields and names the first other one', () => {
    expect(allowedSettingPaths()).toEqual(['station.name', 'station.wardName', 'idle.warnAfterSeconds', 'idle.countdownSeconds', 'openingHours', 'quietHourForRelaunch', 'backup.everyHours', 'backup.keep', 'retention.keepAckedDays']);
    expect(disallowedSetting({ idle: { warnAfterSeconds: 60 }, quietHourForRelaunch: 2 })).toBeNull();
    expect(disallowedSetting({ hub: { url: 'https://evil.example' } })).toBe('hub');
    expect(disallowedSetting({ station: { name: 'x', id: '06688-99' } })).toBe('station.id');
    expect(disallowedSetting({ station: 'x' })).toBe('station');
    expect(disallowedSetting({ demoMode: true })).toBe('demoMode');
    expect(disallowedSetting(JSON.parse('{"__proto__":{"hub":1}}') as Record<string, unknown>)).toBe('__proto__');
  });

  it('parses a document and refuses secrets, other fields and malformed targets by name', () => {
    expect(configLayer(parseConfigDocumentText(doc({ idle: { warnAfterSeconds: 90 } })).target)).toBe('ward');
    expect(refusal(doc({ volunteerPin: '1234' }))).toEqual({ code: 'config_field_not_allowed', message: expect.stringMatching(/^volunteerPin: not a field/) });
    expect(refusal(doc({ scanners: { vidPids: [] } })).message).toMatch(/^scanners:/);
    expect(refusal(doc({}, { target: { ward_code: '6688' } }))).toEqual({ code: 'config_malformed', message: expect.stringContaining('target') });
    expect(refusal(doc({}, { target: { station_id: '06688-01', ward_code: '06688' } })).code).toBe('config_malformed');
    expect(refusal(doc({}, { version: -1 })).message).toContain('version');
    expect(refusal('[').code).toBe('config_malformed');
  });

  it('lays the ward layer, then the station layer, over the file; objects merge, values replace', () => {
    const base = { station: { id: '06688-01', name: 'A', wardName: 'W' }, idle: { warnAfterSeconds: 120, countdownSeconds: 30 }, openingHours: { utcOffsetMinutes: 420, week: { mon: [{ from: '07:00', to: '11:00' }] } }, quietHourForRelaunch: 3 };
    const merged = applySettingLayers(base, [
      { idle: { warnAfterSeconds: 60 }, openingHours: { utcOffsetMinutes: 420, week: { tue: [] } } },
      { station: { name: 'B' }, quietHourForRelaunch: null },
    ]);
    expect(merged).toEqual({ station: { id: '06688-01', name: 'B', wardName: 'W' }, idle: { warnAfterSeconds: 60, countdownSeconds: 30 }, openingHours: { utcOffsetMinutes: 420, week: { tue: [] } }, quietHourForRelaunch: null });
    expect(base.idle.warnAfterSeconds).toBe(120);
  });
});
