/**
 * Ward names for everything officials read: "Phường Hạ Long (06688)" instead of "06688". Built from
 * the units list in the database and the hub's province; a code the list does not know is shown as
 * itself with a note, never dropped.
 */
import type { AdminUnit } from './units-file';

export class WardDirectory {
  private readonly byCode: ReadonlyMap<string, AdminUnit>;

  constructor(
    units: readonly AdminUnit[],
    /** The province this hub serves; null only for a hub opened without one (tests, tools). */
    readonly provinceCode: string | null,
  ) {
    this.byCode = new Map(units.map((unit) => [unit.code, unit]));
  }

  get size(): number {
    return this.byCode.size;
  }

  unit(code: string): AdminUnit | null {
    return this.byCode.get(code) ?? null;
  }

  /** "Phường Hạ Long (06688)", or "06688" when the list does not know the code. */
  label(code: string): string {
    const unit = this.byCode.get(code);
    return unit === undefined ? code : `${unit.name} (${code})`;
  }

  /** "Phường Hạ Long", or the code. */
  name(code: string): string {
    return this.byCode.get(code)?.name ?? code;
  }

  /** The province's name, e.g. "Tỉnh Quảng Ninh"; null without a province. */
  get provinceName(): string | null {
    if (this.provinceCode === null) return null;
    for (const unit of this.byCode.values()) if (unit.provinceCode === this.provinceCode) return unit.provinceName;
    return null;
  }

  /** True when the code is a unit of the hub's province (any known unit when the hub has none). */
  isProvinceWard(code: string): boolean {
    const unit = this.byCode.get(code);
    if (unit === undefined) return false;
    return this.provinceCode === null || unit.provinceCode === this.provinceCode;
  }

  /** The province's units, by name (Vietnamese order); every known unit when the hub has no province. */
  provinceWards(): AdminUnit[] {
    const units = [...this.byCode.values()].filter((unit) => this.provinceCode === null || unit.provinceCode === this.provinceCode);
    return units.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }

  /** Every province in the list: code → name. */
  provinces(): Map<string, string> {
    const provinces = new Map<string, string>();
    for (const unit of this.byCode.values()) provinces.set(unit.provinceCode, unit.provinceName);
    return provinces;
  }
}

/** "Hạ Long" from "Phường Hạ Long", "Quảng Ninh" from "Tỉnh Quảng Ninh": the place word of a report's date line. */
export function placeName(unitName: string): string {
  return unitName.replace(/^(Phường|Xã|Đặc khu|Tỉnh|Thành phố)\s+/u, '');
}
