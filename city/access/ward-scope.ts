/**
 * Roles and ward scoping, enforced in one place (issue #17). A province administrator sees every ward;
 * a ward officer sees only the wards assigned to them. Every report and export query takes a
 * `WardScope` and filters with `wardScopeParam` (`ward = ANY($n)`, or no filter for all wards), so a
 * page cannot forget the check: a route only gets a scope from `scopeFor`, which refuses a ward the
 * staff member may not see.
 */
export type StaffRole = 'admin' | 'ward_officer';

export interface StaffMember {
  readonly name: string;
  readonly role: StaffRole;
  /** The wards a ward officer may see (ignored for an administrator). */
  readonly wards: readonly string[];
}

export type WardScope = { readonly kind: 'all' } | { readonly kind: 'wards'; readonly codes: readonly string[] };

export const ALL_WARDS: WardScope = { kind: 'all' };

export type ScopeDecision = { readonly ok: true; readonly scope: WardScope; readonly ward: string | null } | { readonly ok: false; readonly status: 403 };

/** The scope of a request for `ward` (null: everything the staff member may see). */
export function scopeFor(staff: StaffMember, ward: string | null): ScopeDecision {
  if (staff.role === 'admin') return { ok: true, scope: ward === null ? ALL_WARDS : { kind: 'wards', codes: [ward] }, ward };
  if (ward === null) return { ok: true, scope: { kind: 'wards', codes: [...staff.wards] }, ward: null };
  return staff.wards.includes(ward) ? { ok: true, scope: { kind: 'wards', codes: [ward] }, ward } : { ok: false, status: 403 };
}

/** The SQL parameter of a scope: null for all wards (`$n::text[] IS NULL OR ward = ANY($n::text[])`). */
export function wardScopeParam(scope: WardScope): string[] | null {
  return scope.kind === 'all' ? null : [...scope.codes];
}

/** True when the scope includes `ward`. */
export function inScope(scope: WardScope, ward: string): boolean {
  return scope.kind === 'all' || scope.codes.includes(ward);
}

export function isAdmin(staff: StaffMember): boolean {
  return staff.role === 'admin';
}
