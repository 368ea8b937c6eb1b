// The station's copy of the units list (generated) equals the hub's shipped CSV, code for code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseUnitsFile } from '../../../city/units/units-file';
import { COMMUNE_CODE_COUNT, isCommuneCode } from '../../../electron/core/places/commune-codes';

describe('commune codes for the station config check', () => {
  it('are exactly the codes of city/units/admin-units-2025.csv (run tools/generate-commune-codes.ts after a new list)', () => {
    const read = parseUnitsFile(readFileSync(new URL('../../../city/units/admin-units-2025.csv', import.meta.url)));
    if (!read.ok) throw new Error(read.message);
    expect(COMMUNE_CODE_COUNT).toBe(read.units.length);
    expect(read.units.length).toBe(3321);
    expect(read.units.every((unit) => isCommuneCode(unit.code))).toBe(true);
    expect(isCommuneCode('06690')).toBe(false);
    expect(isCommuneCode('0668')).toBe(false);
  });
});
