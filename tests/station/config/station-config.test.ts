import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfig, loadConfig } from '../../../electron/station/config/load-config';
import { DEMO_CONFIG, stationConfigSchema } from '../../../electron/station/config/station-config';

const problemsOf = (raw: unknown) => {
  const result = checkConfig(raw);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
};

describe('station config schema', () => {
  it('accepts the demo config', () => {
    expect(stationConfigSchema.parse(DEMO_CONFIG)).toEqual(DEMO_CONFIG);
    expect(DEMO_CONFIG.kiosk.fullscreen).toBe(true);
    expect(DEMO_CONFIG.openingHours.utcOffsetMinutes).toBe(420);
  });

  it('refuses a PIN or key anywhere, naming the field and why', () => {
    expect(problemsOf({ ...DEMO_CONFIG, pin: '1234' })).toEqual([
      { path: 'pin', message: expect.stringContaining('secrets (volunteer PIN, keys) live in the key store') },
    ]);
    expect(problemsOf({ ...DEMO_CONFIG, station: { ...DEMO_CONFIG.station, pinHash: 'x' } })).toEqual([{ path: 'station.pinHash', message: expect.stringContaining('key store') }]);
    expect(problemsOf({ ...DEMO_CONFIG, kiosk: { fullscreen: true, fulscreen: false } })).toEqual([{ path: 'kiosk.fulscreen', message: expect.stringContaining('check the spelling') }]);
  });

  it('refuses a ward code that is not in the 2025 units list, naming the field (issue #17)', () => {
    const withWard = (wardCode: string) => ({ ...DEMO_CONFIG, station: { ...DEMO_CONFIG.station, wardCode } });
    expect(problemsOf(withWard('06690'))).toEqual([{ path: 'station.wardCode', message: expect.stringContaining('not a commune, ward or special-zone code of the 2025 list') }]);
    expect(problemsOf(withWard('6688'))).toEqual([{ path: 'station.wardCode', message: expect.stringContaining('5-digit') }]);
    expect(checkConfig(withWard('06673')).ok).toBe(true);
    expect(checkConfig(withWard('27004')).ok).toBe(true);
  });

  it('enforces the idle floors (≥ 30 s before the warning, ≥ 20 s countdown)', () => {
    expect(problemsOf({ ...DEMO_CONFIG, idle: { warnAfterSeconds: 29, countdownSeconds: 20 } })).toEqual([{ path: 'idle.warnAfterSeconds', message: expect.stringMatching(/>=\s*30/) }]);
    expect(problemsOf({ ...DEMO_CONFIG, idle: { warnAfterSeconds: 30, countdownSeconds: 10 } })).toEqual([{ path: 'idle.countdownSeconds', message: expect.stringMatching(/>=\s*20/) }]);
    expect(problemsOf({ ...DEMO_CONFIG, idle: { warnAfterSeconds: 30 } })[0]?.path).toBe('idle.countdownSeconds');
  });

  it('checks opening-hour ranges: format, order and every day present', () => {
    const week = DEMO_CONFIG.openingHours.week;
    const withSunday = (sun: unknown) => ({ ...DEMO_CONFIG, openingHours: { utcOffsetMinutes: 420, week: { ...week, sun } } });
    expect(problemsOf(withSunday([{ from: '7:30', to: '11:30' }]))).toEqual([{ path: 'openingHours.week.sun.0.from', message: expect.stringContaining('HH:MM') }]);
    expect(problemsOf(withSunday([{ from: '22:00', to: '02:00' }]))).toEqual([{ path: 'openingHours.week.sun.0.to', message: expect.stringContaining('split ranges that cross midnight') }]);
    expect(checkConfig(withSunday([{ from: '00:00', to: '24:00' }])).ok).toBe(true);
    const { sun: _sun, ...sixDays } = week;
    expect(problemsOf({ ...DEMO_CONFIG, openingHours: { utcOffsetMinutes: 420, week: sixDays } })[0]?.path).toBe('openingHours.week.sun');
    expect(problemsOf({ ...DEMO_CONFIG, openingHours: { utcOffsetMinutes: 900, week } })[0]?.path).toBe('openingHours.utcOffsetMinutes');
  });

  it('checks the quiet hour, scanner ids and the kiosk flag', () => {
    expect(checkConfig({ ...DEMO_CONFIG, quietHourForRelaunch: null }).ok).toBe(true);
    expect(problemsOf({ ...DEMO_CONFIG, quietHourForRelaunch: 24 })[0]?.path).toBe('quietHourForRelaunch');
    expect(problemsOf({ ...DEMO_CONFIG, scanners: { vidPids: [{ vendorId: 0x10000, productId: 1 }] } })[0]?.path).toBe('scanners.vidPids.0.vendorId');
    expect(problemsOf({ ...DEMO_CONFIG, scanners: { vidPids: [{ vendorId: '0c2e', productId: 1 }] } })[0]?.path).toBe('scanners.vidPids.0.vendorId');
    expect(problemsOf({ ...DEMO_CONFIG, kiosk: { fullscreen: 'yes' } })[0]?.path).toBe('kiosk.fullscreen');
  });
});

describe('loading the config file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tram-config-'));

  it('uses the demo config for a missing file, unless asked to report it', () => {
    expect(loadConfig(join(dir, 'none.json'))).toEqual({ ok: true, config: DEMO_CONFIG, source: 'demo' });
    expect(loadConfig(join(dir, 'none.json'), { missing: 'problem' })).toMatchObject({ ok: false, problems: [{ path: '(file)', message: expect.stringContaining('cannot read') }] });
  });

  it('reads a file saved by Notepad with a byte-order mark', () => {
    const file = join(dir, 'bom.json');
    writeFileSync(file, `\uFEFF${JSON.stringify(DEMO_CONFIG)}`);
    expect(loadConfig(file)).toEqual({ ok: true, config: DEMO_CONFIG, source: 'file' });
  });

  it('reports broken JSON as a file problem', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"configVersion": 1,');
    expect(loadConfig(file)).toMatchObject({ ok: false, problems: [{ path: '(file)', message: expect.stringContaining('not valid JSON') }] });
  });
});
