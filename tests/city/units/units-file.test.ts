// The units list is taken whole or not at all: bad UTF-8, a missing column, a bad row or a duplicate
// code refuses the file, naming the line.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseUnitsFile } from '../../../city/units/units-file';
import { placeName, WardDirectory } from '../../../city/units/ward-directory';

const HEADER = 'commune_code,commune_name,commune_type,province_code,province_name';
const file = (...lines: string[]) => Buffer.from(`${[HEADER, ...lines].join('\n')}\n`, 'utf8');
const HA_LONG = '06688,Phường Hạ Long,phuong,22,Tỉnh Quảng Ninh';
const BAI_CHAY = '06673,Phường Bãi Cháy,phuong,22,Tỉnh Quảng Ninh';

describe('units file', () => {
  it('reads the shipped 2025 list: 3,321 units, 34 provinces, 54 in Quảng Ninh', () => {
    const read = parseUnitsFile(readFileSync(new URL('../../../city/units/admin-units-2025.csv', import.meta.url)));
    if (!read.ok) throw new Error(read.message);
    expect(read.units).toHaveLength(3321);
    const directory = new WardDirectory(read.units, '22');
    expect(directory.provinces().size).toBe(34);
    expect(directory.provinceWards()).toHaveLength(54);
    expect(directory.label('06688')).toBe('Phường Hạ Long (06688)');
    expect(directory.provinceName).toBe('Tỉnh Quảng Ninh');
    expect(directory.isProvinceWard('27004')).toBe(false);
    expect(directory.label('99999')).toBe('99999');
    expect(placeName('Phường Hạ Long')).toBe('Hạ Long');
  });

  it('accepts a BOM, CRLF, quoted fields and columns in another order', () => {
    const text = `\uFEFFprovince_code,commune_code,commune_name,commune_type,province_name\r\n22,06688,"Phường Hạ Long",phuong,"Tỉnh Quảng Ninh"\r\n`;
    expect(parseUnitsFile(Buffer.from(text))).toEqual({ ok: true, units: [{ code: '06688', name: 'Phường Hạ Long', type: 'phuong', provinceCode: '22', provinceName: 'Tỉnh Quảng Ninh' }] });
  });

  it.each([
    ['a duplicate code', file(HA_LONG, BAI_CHAY, HA_LONG), 4, 'duplicate commune_code 06688 (first on line 2)'],
    ['a missing column', Buffer.from('commune_code,commune_name,commune_type,province_code\n06688,Phường Hạ Long,phuong,22\n'), 1, 'missing column province_name'],
    ['bad UTF-8 (a Windows-1258 file)', Buffer.concat([file(HA_LONG), Buffer.from('06673,Ph\xf0\xf4\xf2ng B\xe3i,phuong,22,T\xecnh\n', 'latin1')]), 3, 'not UTF-8'],
    ['a short row', file(HA_LONG, '06673,Phường Bãi Cháy,phuong,22'), 3, '4 fields, the header has 5'],
    ['a bad code', file('6688,Phường Hạ Long,phuong,22,Tỉnh Quảng Ninh'), 2, 'is not 5 digits'],
    ['an unknown type', file('06688,Phường Hạ Long,quan,22,Tỉnh Quảng Ninh'), 2, 'commune_type "quan"'],
    ['two names for one province', file(HA_LONG, '06673,Phường Bãi Cháy,phuong,22,Quảng Ninh'), 3, 'is named "Tỉnh Quảng Ninh" on an earlier line'],
    ['no units', Buffer.from(`${HEADER}\n`), 2, 'no units'],
  ])('refuses %s, naming the line', (_name, bytes, line, message) => {
    expect(parseUnitsFile(bytes)).toEqual({ ok: false, line, message: expect.stringContaining(message) });
  });
});
