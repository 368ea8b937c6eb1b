/**
 * Canonical JSON (docs/PROTOCOL.md "Conventions"): object keys sorted by UTF-16 code unit, no insignificant
 * white space, strings and numbers exactly as JSON.stringify writes them. `undefined` members are
 * dropped, as JSON.stringify drops them. Both the station and the hub hash this text, so it must be
 * byte-identical on both sides.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue | undefined };

/** Canonical JSON text of a JSON value. Throws a TypeError on non-finite numbers and non-JSON values. */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (typeof value === 'object') {
    // Default sort compares UTF-16 code units, which is exactly the rule.
    const keys = Object.keys(value).filter((key) => value[key] !== undefined).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as JsonValue)}`).join(',')}}`;
  }
  throw new TypeError(`canonicalJson: unsupported value of type ${typeof value}`);
}
