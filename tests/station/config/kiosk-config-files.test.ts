import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { stationConfigJsonSchemaText } from '../../../electron/station/config/config-json-schema';
import { loadConfig } from '../../../electron/station/config/load-config';

const root = join(import.meta.dirname, '../../../kiosk-config');
const schemaFile = join(root, 'station-config.schema.json');
const examplesDir = join(root, 'examples');
const examples = readdirSync(examplesDir).filter((name) => name.endsWith('.json')).sort();

/** Ward codes of Quảng Ninh from reference/curriculum.md §5.3 used by the examples. */
const WARDS: Record<string, string> = { '06688': 'Phường Hạ Long', '06673': 'Phường Bãi Cháy', '07054': 'Xã Quảng La' };

describe('kiosk-config/', () => {
  it('holds the JSON Schema generated from the zod schema (regenerate: tram config schema > kiosk-config/station-config.schema.json)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(stationConfigJsonSchemaText());
  });

  it('has the three examples: walk-in, group room with projector, unattended', () => {
    expect(examples).toEqual(['group-room-projector.json', 'unattended-station.json', 'walk-in-station.json']);
  });

  const ajv = new Ajv2020({ allErrors: true, strict: true, formats: { uri: true } });
  const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);

  for (const name of examples) {
    it(`${name} loads as the kiosk loads it and passes the JSON Schema`, () => {
      const file = join(examplesDir, name);
      const loaded = loadConfig(file, { missing: 'problem' });
      expect(loaded).toMatchObject({ ok: true, source: 'file' });
      expect(validate(JSON.parse(readFileSync(file, 'utf8'))), JSON.stringify(validate.errors)).toBe(true);
      if (loaded.ok) expect(WARDS[loaded.config.station.wardCode]).toBe(loaded.config.station.wardName);
    });
  }

  it('the JSON Schema refuses what the zod schema refuses (a pin field, a short countdown)', () => {
    const example = JSON.parse(readFileSync(join(examplesDir, 'walk-in-station.json'), 'utf8')) as Record<string, unknown>;
    expect(validate({ ...example, pin: '1234' })).toBe(false);
    expect(validate({ ...example, idle: { warnAfterSeconds: 60, countdownSeconds: 5 } })).toBe(false);
  });
});
