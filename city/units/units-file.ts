/**
 * The commune-level units list (city/units/admin-units-2025.csv, or a newer one loaded with
 * `tram city units FILE`): UTF-8 CSV with the header
 * `commune_code,commune_name,commune_type,province_code,province_name`. A file is taken whole or not
 * at all: bad UTF-8, a missing column, a malformed row or a duplicate code refuses it, naming the line.
 */
export const UNIT_COLUMNS = ['commune_code', 'commune_name', 'commune_type', 'province_code', 'province_name'] as const;
export const UNIT_TYPES = ['phuong', 'xa', 'dac_khu'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export interface AdminUnit {
  readonly code: string;
  readonly name: string;
  readonly type: UnitType;
  readonly provinceCode: string;
  readonly provinceName: string;
}

export type UnitsRead = { readonly ok: true; readonly units: AdminUnit[] } | { readonly ok: false; readonly line: number; readonly message: string };

/** At most this many bytes: the 2025 list is about 200 KB; a file many times that is not a units list. */
export const MAX_UNITS_FILE_BYTES = 4 * 1024 * 1024;

const refuse = (line: number, message: string): UnitsRead => ({ ok: false, line, message });

/** Splits one CSV line (RFC 4180 quotes; no line breaks inside a field in this list). */
function splitCsvLine(line: string): string[] | null {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    }
    else cell += ch;
  }
  if (quoted) return null;
  cells.push(cell);
  return cells;
}

/** The 1-based line holding the first byte sequence that is not valid UTF-8, or null. */
function badUtf8Line(bytes: Uint8Array): number | null {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    try {
      decoder.decode(bytes.subarray(start, i));
    } catch {
      return line;
    }
    line++;
    start = i + 1;
  }
  return null;
}

/** Parses and checks a units file. */
export function parseUnitsFile(bytes: Uint8Array): UnitsRead {
  if (bytes.length > MAX_UNITS_FILE_BYTES) return refuse(0, `file is larger than ${MAX_UNITS_FILE_BYTES} bytes`);
  const bad = badUtf8Line(bytes);
  if (bad !== null) return refuse(bad, 'not UTF-8 text (save the file as UTF-8)');
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const header = splitCsvLine(lines[0] ?? '') ?? [];
  const index = new Map(header.map((name, i) => [name.trim(), i]));
  const missing = UNIT_COLUMNS.filter((name) => !index.has(name));
  if (missing.length > 0) return refuse(1, `missing column ${missing.join(', ')} (expected ${UNIT_COLUMNS.join(',')})`);
  const units: AdminUnit[] = [];
  const seen = new Map<string, number>();
  const provinces = new Map<string, string>();
  for (let i = 1; i < lines.length; i++) {
    const lineNo = i + 1;
    const cells = splitCsvLine(lines[i] ?? '');
    if (cells === null) return refuse(lineNo, 'unclosed quote');
    if (cells.length !== header.length) return refuse(lineNo, `${cells.length} fields, the header has ${header.length}`);
    const at = (name: (typeof UNIT_COLUMNS)[number]) => (cells[index.get(name) ?? -1] ?? '').trim();
    const unit = { code: at('commune_code'), name: at('commune_name'), type: at('commune_type'), provinceCode: at('province_code'), provinceName: at('province_name') };
    if (!/^\d{5}$/.test(unit.code)) return refuse(lineNo, `commune_code "${unit.code.slice(0, 20)}" is not 5 digits`);
    if (unit.name === '' || unit.name.length > 120) return refuse(lineNo, 'commune_name is empty or too long');
    if (!(UNIT_TYPES as readonly string[]).includes(unit.type)) return refuse(lineNo, `commune_type "${unit.type.slice(0, 20)}" is not one of ${UNIT_TYPES.join(', ')}`);
    if (!/^\d{2}$/.test(unit.provinceCode)) return refuse(lineNo, `province_code "${unit.provinceCode.slice(0, 20)}" is not 2 digits`);
    if (unit.provinceName === '' || unit.provinceName.length > 120) return refuse(lineNo, 'province_name is empty or too long');
    const first = seen.get(unit.code);
    if (first !== undefined) return refuse(lineNo, `duplicate commune_code ${unit.code} (first on line ${first})`);
    const provinceName = provinces.get(unit.provinceCode);
    if (provinceName !== undefined && provinceName !== unit.provinceName) return refuse(lineNo, `province ${unit.provinceCode} is named "${provinceName}" on an earlier line`);
    seen.set(unit.code, lineNo);
    provinces.set(unit.provinceCode, unit.provinceName);
    units.push({ ...unit, type: unit.type as UnitType });
  }
  if (units.length === 0) return refuse(2, 'no units');
  return { ok: true, units };
}
