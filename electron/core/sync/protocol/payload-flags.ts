/**
 * Flags for a stored event's payload (docs/PROTOCOL.md §5 "payload not valid for its kind: stored and
 * flagged, never refused" — the chain must stay whole). Validity is the station's own definition,
 * `eventPayloadSchemas` of ./event-payloads, so the hub flags exactly what a correct station would
 * never write; on top, the hub notes non-canonical text and anything that looks personal (§6: no
 * event carries a name, an ID number or a raw QR string).
 */
import { canonicalJson } from './canonical-json';
import type { JsonValue } from './canonical-json';
import { eventPayloadSchemas, isEventKind } from './event-payloads';
import { HEX64_PATTERN } from './limits';

export interface PayloadFlags {
  /** The parsed payload when the text is JSON, whatever else is wrong with it. */
  readonly parsed: unknown;
  /** Empty when the payload is valid canonical JSON for its kind. Stable, machine-readable codes. */
  readonly flags: readonly string[];
}

/**
 * Deepest nesting a payload may have before the hub stops looking inside it. Station payloads are
 * flat (depth 1); the bound keeps every recursive check (canonical form, schema, personal data) far
 * from the stack limit, which a 1 MiB text of brackets would otherwise reach.
 */
export const MAX_PAYLOAD_DEPTH = 32;

/** Flags of one payload text for its kind; never throws. */
export function flagPayload(kind: string, payloadText: string): PayloadFlags {
  if (nestingDepth(payloadText) > MAX_PAYLOAD_DEPTH) return { parsed: undefined, flags: ['payload_too_deep'] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(payloadText);
  } catch {
    return { parsed: undefined, flags: ['payload_not_json'] };
  }
  try {
    return { parsed, flags: flagsOf(kind, parsed, payloadText) };
  } catch {
    // Defence in depth: a check that throws must never turn a storable event into a refused batch.
    return { parsed, flags: ['payload_check_failed'] };
  }
}

/**
 * The deepest bracket nesting of a JSON text, counted in one pass without parsing (brackets inside
 * strings do not count). Not a validator: malformed text is left to JSON.parse.
 */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

function flagsOf(kind: string, parsed: unknown, payloadText: string): string[] {
  const flags: string[] = [];
  if (!isCanonicalText(parsed, payloadText)) flags.push('payload_not_canonical');
  if (!isEventKind(kind)) {
    flags.push('unknown_kind');
  } else {
    const result = eventPayloadSchemas[kind].safeParse(parsed);
    if (!result.success) {
      for (const issue of result.error.issues.slice(0, 5)) {
        if (issue.code === 'unrecognized_keys') flags.push(...issue.keys.slice(0, 5).map((key) => `payload_unknown_field:${flagSafe(key)}`));
        else flags.push(`payload_invalid:${issue.path.map(String).join('.') || 'payload'}`);
      }
    }
  }
  if (looksPersonal(parsed, 0)) flags.push('personal_data_suspected');
  return flags;
}

/**
 * True when `text` is the canonical JSON of `parsed` (its own parse). The common case is answered
 * without building the canonical text: if JSON.stringify reproduces the text and every object's keys
 * are already in canonical order, the text is canonical. Anything else (integer-like keys, which
 * JSON.parse reorders; duplicate keys; white space) takes the exact comparison.
 */
function isCanonicalText(parsed: unknown, text: string): boolean {
  if (JSON.stringify(parsed) === text && keysInOrder(parsed, 0)) return true;
  return canonicalJson(parsed as JsonValue) === text;
}

function keysInOrder(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (depth > 32) return false;
  if (Array.isArray(value)) return value.every((item) => keysInOrder(item, depth + 1));
  const keys = Object.keys(value);
  for (let i = 1; i < keys.length; i++) if ((keys[i - 1] as string) >= (keys[i] as string)) return false;
  return keys.every((key) => keysInOrder((value as Record<string, unknown>)[key], depth + 1));
}

/**
 * A payload key as part of a flag code: at most 40 characters, percent-encoded, so a key holding a
 * NUL (which PostgreSQL text cannot store), a quote or a space cannot break the stored flags.
 */
function flagSafe(key: string): string {
  return encodeURIComponent(key.slice(0, 40));
}

const PERSONAL_KEYS = new Set(['name', 'full_name', 'ho_ten', 'cccd', 'id_number', 'qr', 'raw_qr', 'phone']);

const TWELVE_DIGITS = /(?<!\d)\d{12}(?!\d)/;

/** A 12-digit run in a string that is not a hex key, or a key that names personal data. */
function looksPersonal(value: unknown, depth: number): boolean {
  if (depth > 8) return false;
  // The digit run is the rare case, so it is tested first; a hex key that happens to hold one is not personal.
  if (typeof value === 'string') return TWELVE_DIGITS.test(value) && !HEX64_PATTERN.test(value);
  if (Array.isArray(value)) return value.some((item) => looksPersonal(item, depth + 1));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([key, item]) => PERSONAL_KEYS.has(key.toLowerCase()) || looksPersonal(item, depth + 1));
  }
  return false;
}
